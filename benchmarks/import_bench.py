"""Benchmark of the QDA import: a MAXQDA-style project with 100,000 coded segments, generated in a temp dir.

Times reading the two workbooks, building the tables and writing + validating the package
(``study.qda.importer.run_import``), prints the figures and writes benchmarks/results/import.json.
Run with `make bench-import`. Target: under 30 s.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from study.qda.importer import run_import  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
TARGET_S = 30.0
CATEGORIES = {
    "Kooperation": ["Gemeinsame Beschaffung", "Beratung", "Veranstaltungen"],
    "Eignung": ["Fachwissen", "Nähe"],
    "Gewinnung": ["Ansprache", "Netzwerke"],
    "Unterstützung": ["Geld", "Zeit"],
    "Vereinfachung": ["Rahmenverträge"],
    "Prozesse": ["Ratsbeschluss"],
    "Potenziale": ["Textilien", "Lebensmittel"],
    "Herausforderungen": ["Vergaberecht", "Personal", "Preis"],
}
TYPES = [
    ("Amt", "Verwaltung"),
    ("Laden", "Zivilgesellschaft"),
    ("Werkstatt", "Sozialwirtschaft"),
    ("Pfarrei", "Kirche"),
]
STATES = ["Baden-Württemberg", "Bayern", "Hessen", "Niedersachsen", "Sachsen", "Nordrhein-Westfalen"]
SIZES = ["Großstadt", "Mittelstadt", "Kleinstadt", "Landgemeinde", "Landkreis"]


def generate(folder: Path, segments: int, documents: int, seed: int = 1) -> list[Path]:
    """The coded segments export and the document variables export of a synthetic project."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(["Farbe", "Dokumentgruppe", "Dokumentname", "Code", "Anfang", "Ende", "Gewicht", "Segment", "Kommentar",
               "Bearbeitet von", "Bearbeitet am", "Erstellt von", "Erstellt am", "Fläche", "Abdeckungsgrad %"])  # fmt: skip
    groups = ["Telefoninterviews", "Vor-Ort-Termine"]
    written = 0
    for d in range(documents):
        name, group = f"Dokument {d:04d}", groups[d % 2]
        paragraph = 1
        while written < segments * (d + 1) // documents:
            top = rng.choice(list(CATEGORIES))
            row = ["", group, name, f"{top} > {rng.choice(CATEGORIES[top])}", paragraph, paragraph, rng.choice((0, 0, 35, 75, 95)),
                   f"Absatz {paragraph} des Dokuments.", "", "", "", "", "", "", ""]  # fmt: skip
            ws.append(row)
            written += 1
            extras = []
            if top in ("Kooperation", "Eignung") and written < segments:
                extras.append(f"Partner > {rng.choice(TYPES)[0]}")
            if top == "Kooperation" and written + len(extras) < segments:
                extras.append(f"Status > {rng.choice(['bestehend', 'geplant', 'gewünscht'])}")
            for code in extras:
                if written >= segments * (d + 1) // documents:
                    break
                ws.append(["", group, name, code, paragraph, paragraph, 0, "", "", "", "", "", "", "", ""])
                written += 1
            paragraph += 1
    segments_path = folder / "Codierte Segmente.xlsx"
    wb.save(segments_path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(
        [
            "Dokumentgruppe",
            "Dokumentname",
            "Kommune",
            "Bundesland",
            "Größenklasse",
            "Einwohner",
            "Akteurstyp",
            "Akteursgruppe",
        ]
    )
    for d in range(documents):
        town = d % max(1, documents // 5)
        label, group = TYPES[d % len(TYPES)]
        ws.append([groups[d % 2], f"Dokument {d:04d}", f"Ort {town}", STATES[town % len(STATES)], SIZES[town % len(SIZES)],
                   1000 * (town + 1), label, group])  # fmt: skip
    variables_path = folder / "Dokumentvariablen.xlsx"
    wb.save(variables_path)
    return [segments_path, variables_path]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--export", type=Path, help="keep (or reuse) the generated export in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        export = args.export or base / "export"
        t0 = time.perf_counter()
        files = (
            sorted(export.glob("*.xlsx"))
            if args.export and export.exists()
            else generate(export, args.segments, args.documents)
        )
        generated = time.perf_counter() - t0
        t0, c0 = time.perf_counter(), time.process_time()
        result = run_import(files, base / "paket")
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    stats = result.build.stats
    out = {
        "segments": stats.segments,
        "documents": stats.documents,
        "statements": stats.statements,
        "actors": sum(stats.actors.values()),
        "import_seconds": round(elapsed, 2),
        # The machine is shared: CPU time says what the import costs when wall time is inflated by others.
        "import_cpu_seconds": round(cpu, 2),
        "target_seconds": TARGET_S,
        "met": elapsed < TARGET_S,
        "generate_seconds": round(generated, 2),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "import.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")

    def n(x: int) -> str:
        return f"{x:,}".replace(",", ".")

    met = "ja" if out["met"] else "nein"
    print(
        f"Import von {n(stats.segments)} codierten Segmenten ({stats.documents} Dokumente, {n(stats.statements)} "
        f"Aussagen): {elapsed:.1f} s, CPU {cpu:.1f} s (Ziel < {TARGET_S:.0f} s: {met})"
    )
    print(f"Ergebnis: {RESULTS / 'import.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
