"""``python -m study import``: run the import, print the report (German, or English with --lang en), exit 0/1.

Bad input never ends in a traceback: every ImportFailed is printed with its locations, exit code 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .importer import found_mapping, run_import
from .mapping import write_mapping
from .messages import ImportFailed
from .report import format_text, write_xlsx


def _say(lang: str, de: str, en: str) -> str:
    return en if lang == "en" else de


def run(args) -> int:
    lang = args.lang
    paths = list(args.paths)
    if args.write_mapping:
        sources, outdir = paths, None
    elif len(paths) < 2:
        print(
            _say(
                lang,
                "Fehler: Quelle und Zielordner angeben: python -m study import SOURCE OUTDIR",
                "Error: give a source and an output folder: python -m study import SOURCE OUTDIR",
            ),
            file=sys.stderr,
        )
        return 1
    else:
        sources, outdir = paths[:-1], Path(paths[-1]).resolve()
    xlsx = None
    if outdir is not None:
        suffix = _say(lang, "-importbericht.xlsx", "-import-report.xlsx")
        xlsx = Path(args.report).resolve() if args.report else outdir.parent / (outdir.name + suffix)
        if xlsx.is_relative_to(outdir):
            # The report names documents and speakers: it must never land inside the package.
            print(
                _say(
                    lang,
                    f"Fehler: Der Bericht „{xlsx}“ läge im Paket; bitte einen Ort außerhalb von „{outdir}“ wählen.",
                    f"Error: the report “{xlsx}” would lie inside the package; choose a place outside “{outdir}”.",
                ),
                file=sys.stderr,
            )
            return 1
    try:
        if args.write_mapping:
            mapping = found_mapping(sources, args.mapping)
        else:
            result = run_import(sources, outdir, args.mapping, args.findings)
    except ImportFailed as exc:
        print(exc.format(lang), file=sys.stderr)
        return 1
    except (Exception, RecursionError) as exc:  # a bug or an input nobody foresaw: still no traceback
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        print(
            _say(
                lang,
                f"Import fehlgeschlagen: unerwarteter Fehler ({detail}). Bitte mit den Eingabedateien melden.",
                f"Import failed: unexpected error ({detail}). Please report it with the input files.",
            ),
            file=sys.stderr,
        )
        return 1
    if args.write_mapping:
        try:
            write_mapping(mapping, args.write_mapping)
        except OSError as exc:
            print(
                _say(
                    lang,
                    f"Fehler: {args.write_mapping} konnte nicht geschrieben werden: {exc}",
                    f"Error: could not write {args.write_mapping}: {exc}",
                ),
                file=sys.stderr,
            )
            return 1
        print(_say(lang, f"Zuordnung geschrieben: {args.write_mapping}", f"Mapping written: {args.write_mapping}"))
        return 0
    try:
        write_xlsx(result.build.stats, lang, result.findings_rows, xlsx)
    except OSError as exc:
        print(
            _say(lang, f"Hinweis: Bericht {xlsx} nicht geschrieben: {exc}", f"Note: report {xlsx} not written: {exc}"),
            file=sys.stderr,
        )
        xlsx = None
    print(format_text(result.build.stats, lang, result.findings_rows, str(outdir), str(xlsx) if xlsx else None))
    return 0
