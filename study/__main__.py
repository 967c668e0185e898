"""Command line: ``python -m study validate PATH``, ``audit PATH``, ``demo OUTDIR`` and ``import SOURCE OUTDIR``."""

from __future__ import annotations

import argparse
import sys

from .package import validate_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study", description="Kooperationsatlas – Datenpaket")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="Datenpaket prüfen (Ordner, .zip oder .xlsx)")
    v.add_argument("path")
    v.add_argument("--lang", choices=("de", "en"), default="de")
    v.add_argument("--budget-mb", type=int, default=None, help="Speicherbudget des Ladens in MB (Standard: 4096)")
    a = sub.add_parser("audit", help="Freigabeprüfung: Anonymität gegen kombinierende Leser prüfen")
    a.add_argument("path")
    a.add_argument("--lang", choices=("de", "en"), default="de")
    a.add_argument("--seed", type=int, default=0)
    d = sub.add_parser("demo", help="Demodatenpaket erzeugen")
    d.add_argument("outdir")
    d.add_argument("--seed", type=int, default=None)
    d.add_argument("--scale", choices=("study", "national"), default="study")
    i = sub.add_parser("import", help="MAXQDA- oder REFI-QDA-Projekt in ein Datenpaket übernehmen")
    i.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="SOURCE … OUTDIR: MAXQDA-Exporte (.xlsx), .qdpx oder QualCoder-Projekt (bzw. Ordner damit), dann Zielordner",
    )
    i.add_argument("--mapping", metavar="FILE", help="Zuordnungsdatei (JSON), siehe README")
    i.add_argument("--findings", metavar="FILE", help="Excel-Vorlage mit ausgefülltem Blatt „findings“")
    i.add_argument(
        "--write-mapping", metavar="FILE", help="nur die Zuordnung schreiben, die der Import verwenden würde"
    )
    i.add_argument("--report", metavar="FILE", help="Importbericht als .xlsx (Standard: neben OUTDIR)")
    i.add_argument("--lang", choices=("de", "en"), default="de")
    args = parser.parse_args(argv)

    if args.command == "import":
        from .qda.cli import run

        return run(args)

    if args.command == "validate":
        from .limits import MB, LoadBudget

        budget = LoadBudget.for_data(args.budget_mb * MB if args.budget_mb else None)
        package, report = validate_path(args.path, budget=budget)
        print(report.format(args.lang))
        if package is not None:
            counts = ", ".join(f"{t}: {len(package.table(t))}" for t in ("municipalities", "actors", "statements"))
            print(counts)
        return 0 if report.ok else 1

    if args.command == "audit":
        from .audit import run_audit

        package, report = validate_path(args.path)
        if package is None:
            print(report.format(args.lang))
            return 1
        result = run_audit(package, seed=args.seed)
        print(result.format(args.lang))
        return 0 if result.ok else 1

    from .demo import generate_demo

    kwargs = {"scale": args.scale}
    if args.seed is not None:
        kwargs["seed"] = args.seed
    out = generate_demo(args.outdir, **kwargs)
    print(f"Demodaten geschrieben: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
