"""The import as one call: read the QDA source, build the tables, write and check the package atomically.

The package is written to a temporary folder beside OUTDIR, validated with the loader, and only then
renamed into place; on any error nothing is left behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..package import package_from_raw
from ..schema import FINDINGS, contract, contract_descriptor
from ..sources import RawSource, read_source, read_xlsx_bytes
from ..validation import check_table
from .build import Builder, BuildResult
from .mapping import load_mapping, new_key
from .maxqda import read_maxqda
from .messages import ImportFailed, issue
from .model import Project
from .qualcoder import is_qualcoder, read_qualcoder
from .refi import read_refi

SOURCE_TITLES = {
    "maxqda": "MAXQDA-Export: Codierte Segmente und Dokumentvariablen (.xlsx)",
    "refi": "REFI-QDA-Projekt (.qdpx)",
    "qualcoder": "QualCoder-Projekt (data.qda)",
}


@dataclass
class ImportResult:
    outdir: Path | None
    build: BuildResult
    project: Project
    mapping: dict[str, Any]
    findings_rows: int


_PROGRAM = {"maxqda": "MAXQDA", "refi": "REFI-QDA", "qualcoder": "QualCoder"}


def source_files(sources: list[str | Path]) -> tuple[str, list[Path]]:
    """("maxqda"|"refi", files) for the given paths: workbooks, a .qdpx, or a folder holding them."""
    files: list[Path] = []
    if len(sources) == 1 and is_qualcoder(Path(sources[0])):
        return "qualcoder", [Path(sources[0])]
    for s in sources:
        path = Path(s)
        if not path.exists():
            raise ImportFailed([issue("source_missing", path=str(path))])
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(("~$", ".")))
            found = [p for p in inside if p.suffix.lower() in (".xlsx", ".xlsm", ".qdpx")]
            if not found:
                raise ImportFailed([issue("source_kind", path=str(path))])
            files += found
        else:
            files.append(path)
    qdpx = [f for f in files if f.suffix.lower() == ".qdpx"]
    xlsx = [f for f in files if f.suffix.lower() in (".xlsx", ".xlsm")]
    other = [f for f in files if f not in qdpx and f not in xlsx]
    if other or (qdpx and xlsx) or len(qdpx) > 1:
        bad = other[0] if other else (qdpx[1] if len(qdpx) > 1 else qdpx[0])
        raise ImportFailed([issue("source_kind", path=str(bad))])
    return ("refi", qdpx) if qdpx else ("maxqda", xlsx)


def read_project(sources: list[str | Path], mapping: dict[str, Any]) -> Project:
    kind, files = source_files(sources)
    if kind == "refi":
        return read_refi(files[0], speaker_code=mapping["speaker_code"])
    if kind == "qualcoder":
        return read_qualcoder(files[0], speaker_code=mapping["speaker_code"])
    return read_maxqda(files, separator=mapping["code_separator"])


def read_findings(path: str | Path) -> pd.DataFrame:
    """The findings sheet of the package's Excel template (or of a whole package workbook), checked."""
    path = Path(path)
    raw = RawSource(source=str(path))
    try:
        read_xlsx_bytes(path.read_bytes(), raw, path.name)
    except (OSError, ValueError, KeyError) as exc:
        raise ImportFailed([issue("findings_invalid", file=path.name, detail=str(exc)[:200])]) from None
    table = contract().table(FINDINGS)
    rt = raw.tables.get(FINDINGS)
    if rt is None:
        found = [p.text("de") for p in raw.problems if dict(p.params).get("table") == FINDINGS]
        raise ImportFailed(
            [issue("findings_invalid", file=path.name, detail="; ".join(found) or "kein Blatt „findings“")]
        )
    _, problems = check_table(rt, table)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportFailed([issue("findings_invalid", detail=p.text("de")) for p in errors])
    frame = rt.frame
    columns = {c: (frame[c].astype(str).str.strip() if c in frame.columns else "") for c in table.column_names}
    return pd.DataFrame(columns, index=frame.index).reset_index(drop=True)


def metadata(project: Project, mapping: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    desc = contract_descriptor()
    stamp = now.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    mapping_digest = hashlib.sha256(json.dumps(mapping, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    desc.update(
        {
            "title": f"Kooperationsatlas – Studiendaten (importiert aus {_PROGRAM[project.kind]})",
            "description": "Aus einem QDA-Projekt importiert mit „python -m study import“. Akteure sind pseudonymisiert; "
            "Dokument- und Sprechernamen, Kommentare und Memos des Projekts sind nicht enthalten.",
            "created": stamp,
            "synthetic": False,
            "sources": [
                {"title": SOURCE_TITLES[project.kind] + (f", erzeugt von {project.origin}" if project.origin else "")}
            ],
            "x-import": {
                "tool": "python -m study import",
                "format": project.kind,
                "origin": project.origin,
                "imported": stamp,
                "source_sha256": list(project.digests),
                "mapping_sha256": mapping_digest,
                "pseudonymised_municipalities": bool(mapping["pseudonymise_municipalities"]),
            },
        }
    )
    return desc


def write_package(tables: dict[str, pd.DataFrame], meta: dict[str, Any], outdir: Path) -> None:
    """Write into a temporary folder beside OUTDIR, validate, then rename into place."""
    outdir = outdir.resolve()
    if outdir.exists() and not (
        outdir.is_dir() and (not any(outdir.iterdir()) or (outdir / "datapackage.json").exists())
    ):
        raise ImportFailed([issue("outdir_not_empty", path=str(outdir))])
    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = outdir.parent / f".{outdir.name}.import-{os.getpid()}"
    old = outdir.parent / f".{outdir.name}.replaced-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.mkdir()
        for t in contract().tables:
            tables[t.name].to_csv(tmp / t.path, index=False, encoding="utf-8", columns=list(t.column_names))
        (tmp / "datapackage.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        package, report = package_from_raw(read_source(tmp))
        if package is None:
            raise ImportFailed([issue("package_invalid", detail=p.text("de")) for p in report.errors])
        if outdir.exists():
            outdir.rename(old)
        tmp.rename(outdir)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise ImportFailed([issue("write_failed", file=str(outdir), detail=str(exc)[:200])]) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def found_mapping(sources: list[str | Path], mapping_path: str | Path | None = None) -> dict[str, Any]:
    """The mapping in effect, filled with what the project contains (``--write-mapping``)."""
    mapping = load_mapping(mapping_path)
    found = Builder(read_project(sources, mapping), mapping).found()
    out = dict(mapping)
    if not out.get("pseudonym_key"):
        out["pseudonym_key"] = new_key()
    out["codes"] = {**found["codes"], **mapping["codes"]}
    out["document_groups"] = {g: m for g, m in found["document_groups"].items() if m} | mapping["document_groups"]
    out["_gefunden"] = {
        "Dokumentvariablen": found["document_variables_found"],
        "Dokumentgruppen ohne Methode (in document_groups eintragen)": [
            g for g, m in found["document_groups"].items() if not m
        ],
        'Codes ohne Kategorie (in codes eintragen, z. B. {"category": "kooperation"}, oder null)': found["unmapped"],
    }
    return out


def run_import(
    sources: list[str | Path],
    outdir: str | Path | None,
    mapping_path: str | Path | None = None,
    findings_path: str | Path | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Import a QDA project into OUTDIR (or only build it, when OUTDIR is None); raise ImportFailed on errors."""
    mapping = load_mapping(mapping_path)
    problems = []
    project = findings = None
    try:
        project = read_project(sources, mapping)
    except ImportFailed as exc:
        problems += exc.issues
    if findings_path is not None:
        try:
            findings = read_findings(findings_path)
        except ImportFailed as exc:
            problems += exc.issues
    if problems:
        raise ImportFailed(problems)
    result = Builder(project, mapping).build(findings)
    if outdir is not None:
        meta = metadata(project, mapping, now or dt.datetime.now(dt.UTC))
        write_package(result.tables, meta, Path(outdir))
    return ImportResult(
        Path(outdir) if outdir else None, result, project, mapping, 0 if findings is None else len(findings)
    )
