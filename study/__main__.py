"""Command line: ``python -m study validate PATH``, ``audit PATH`` and ``demo OUTDIR``."""

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
    a = sub.add_parser("audit", help="Freigabeprüfung: Anonymität gegen kombinierende Leser prüfen")
    a.add_argument("path")
    a.add_argument("--lang", choices=("de", "en"), default="de")
    a.add_argument("--seed", type=int, default=0)
    d = sub.add_parser("demo", help="Demodatenpaket erzeugen")
    d.add_argument("outdir")
    d.add_argument("--seed", type=int, default=None)
    d.add_argument("--scale", choices=("study", "national"), default="study")
    args = parser.parse_args(argv)

    if args.command == "validate":
        package, report = validate_path(args.path)
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
