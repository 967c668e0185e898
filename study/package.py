"""The loaded study data package: an immutable bundle of typed tables and a joined statements view.

``load_package`` is the one entry point: it reads, validates and either returns a complete
``StudyPackage`` or raises ``PackageError`` with every problem found; it never half-loads.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import geo
from .cache import TABLES as TABLE_NAMES
from .cache import read_cached, write_cached
from .limits import LoadBudget, Progress
from .report import PackageError, Report, problem
from .schema import (
    ACTOR_TYPES,
    ACTORS,
    CODEBOOK,
    DEFAULT_MIN_GROUP_SIZE,
    FINDINGS,
    MUNICIPALITIES,
    STATEMENTS,
    contract,
)
from .sources import RawSource, read_source, read_upload
from .validation import metadata_problems, validate_raw

DEFAULT_DATA_PATH = Path(__file__).resolve().parents[1] / "data" / "study"
log = logging.getLogger(__name__)


def data_path() -> Path:
    """Where the app's package lives: $STUDY_DATA, else the shipped demonstration package."""
    return Path(os.environ.get("STUDY_DATA") or DEFAULT_DATA_PATH)


@dataclass(frozen=True, eq=False)
class StudyPackage:
    """A validated data package. Treat the frames as read-only: they are shared by all sessions."""

    source: str
    metadata: MappingProxyType
    municipalities: pd.DataFrame
    actor_types: pd.DataFrame
    actors: pd.DataFrame
    codebook: pd.DataFrame
    statements: pd.DataFrame
    findings: pd.DataFrame
    view: pd.DataFrame  # statements joined with actor, municipality and code attributes
    report: Report
    # Identifies this loaded object (e.g. as a cache key); two loads of the same files differ.
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    # An upload: it belongs to one browser session, so nothing shared between sessions may keep it.
    session_only: bool = False

    @property
    def declared_min_group_size(self) -> int:
        return int((self.metadata.get("anonymity") or {}).get("min_group_size", DEFAULT_MIN_GROUP_SIZE))

    @property
    def min_group_size(self) -> int:
        """k in force: as declared, never below ``disclosure.MIN_K`` (a package cannot switch protection off)."""
        from .disclosure import effective_k

        return effective_k(self.declared_min_group_size)

    @cached_property
    def protection(self):
        """The package's disclosure-control plan (``study.disclosure.Plan``), made on first use."""
        from .disclosure import make_plan

        return make_plan(self)

    @property
    def synthetic(self) -> bool:
        return bool(self.metadata.get("synthetic", False))

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or contract().defaults.get("title", ""))

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


def _categorical(values: pd.Series, categories) -> pd.Categorical:
    """Categorical with the given categories in their order (hash lookup in Arrow: fast for millions)."""
    cats = pd.Index(list(dict.fromkeys(pd.Series(categories).dropna().astype(str))), dtype="str")
    arrow_values = pa.array(values.astype("string[pyarrow]").array) if len(values) else pa.array([], pa.string())
    positions = pc.index_in(arrow_values, value_set=pa.array(cats.tolist(), pa.string()))
    codes = positions.fill_null(-1).to_numpy(zero_copy_only=False).astype("int32")
    return pd.Categorical.from_codes(codes, categories=cats)


def _build(typed: dict[str, pd.DataFrame], metadata: dict, source: str, report: Report) -> StudyPackage:
    c = contract()
    mun = typed[MUNICIPALITIES].reset_index(drop=True)
    types = typed[ACTOR_TYPES].reset_index(drop=True)
    actors = typed[ACTORS].reset_index(drop=True)
    codes = typed[CODEBOOK].reset_index(drop=True)
    st = typed[STATEMENTS].reset_index(drop=True)
    findings = typed[FINDINGS].reset_index(drop=True)

    def enum(table, column):
        return c.allowed(table, column)

    mun_ids = mun["municipality_id"]
    type_ids = types["actor_type"]
    code_ids = codes["code"]
    mun = mun.assign(
        municipality_id=_categorical(mun_ids, mun_ids),
        state=_categorical(mun["state"], enum(MUNICIPALITIES, "state")),
        size_class=_categorical(mun["size_class"], enum(MUNICIPALITIES, "size_class")),
    )
    # Municipalities without coordinates are placed inside their state and marked approximate.
    approx = mun["lat"].isna() | mun["lon"].isna()
    if approx.any():
        anchors = mun.loc[approx, "state"].astype(str).map(geo.state_anchor)
        mun.loc[approx, "lat"] = [a[0] for a in anchors]
        mun.loc[approx, "lon"] = [a[1] for a in anchors]
    mun["approximate"] = approx.to_numpy()
    types = types.assign(
        actor_type=_categorical(type_ids, type_ids),
        group=_categorical(types["group"], enum(ACTOR_TYPES, "group")),
        label_en=types["label_en"].fillna(types["label_de"]),
    )
    actors = actors.assign(
        actor_id=_categorical(actors["actor_id"], actors["actor_id"]),
        municipality_id=_categorical(actors["municipality_id"], mun_ids),
        actor_type=_categorical(actors["actor_type"], type_ids),
    )
    codes = codes.assign(
        code=_categorical(code_ids, code_ids),
        category=_categorical(codes["category"], enum(CODEBOOK, "category")),
        research_question=codes["research_question"].astype("int8"),
        label_en=codes["label_en"].fillna(codes["label_de"]),
    )
    st = st.assign(
        actor_id=_categorical(st["actor_id"], actors["actor_id"].cat.categories),
        code=_categorical(st["code"], code_ids),
        method=_categorical(st["method"], enum(STATEMENTS, "method")),
        partner_type=_categorical(st["partner_type"], type_ids),
        status=_categorical(st["status"], enum(STATEMENTS, "status")),
        rating=st["rating"].astype("Int8"),
    )
    findings = findings.assign(
        research_question=findings["research_question"].astype("int8"),
        title_en=findings["title_en"].fillna(findings["title_de"]),
        text_en=findings["text_en"].fillna(findings["text_de"]),
    ).sort_values(["research_question", "finding_id"], kind="stable", ignore_index=True)
    view = build_view(mun, types, actors, codes, st)
    return StudyPackage(
        source=source,
        metadata=MappingProxyType(dict(metadata)),
        municipalities=mun,
        actor_types=types,
        actors=actors,
        codebook=codes,
        statements=st,
        findings=findings,
        view=view,
        report=report,
    )


def build_view(mun, types, actors, codes, st) -> pd.DataFrame:
    """Statements with who said them, where, and what the code means: the frame filters work on.

    Every key column is a categorical whose categories are its table's rows in order, so a code
    is a row position and the join is plain array indexing.
    """
    actor_pos = st["actor_id"].cat.codes.to_numpy()
    mun_pos = actors["municipality_id"].cat.codes.to_numpy()[actor_pos]
    type_pos = actors["actor_type"].cat.codes.to_numpy()[actor_pos]
    code_pos = st["code"].cat.codes.to_numpy()

    def take(column: pd.Series, pos: np.ndarray) -> pd.Categorical | np.ndarray:
        if isinstance(column.dtype, pd.CategoricalDtype):
            return pd.Categorical.from_codes(column.cat.codes.to_numpy()[pos], dtype=column.dtype)
        return column.to_numpy()[pos]

    return pd.DataFrame(
        {
            "statement_id": st["statement_id"],
            "actor_id": st["actor_id"],
            "municipality_id": take(mun["municipality_id"], mun_pos),
            "state": take(mun["state"], mun_pos),
            "size_class": take(mun["size_class"], mun_pos),
            "actor_type": take(types["actor_type"], type_pos),
            "group": take(types["group"], type_pos),
            "code": st["code"],
            "category": take(codes["category"], code_pos),
            "research_question": take(codes["research_question"], code_pos),
            "method": st["method"],
            "partner_type": st["partner_type"],
            "status": st["status"],
            "rating": st["rating"].to_numpy(dtype="float64", na_value=np.nan),
            "quote": st["quote"],
        }
    )


def package_from_raw(raw: RawSource, progress: Progress | None = None) -> tuple[StudyPackage | None, Report]:
    """Validate a raw source; return the package and its report, or (None, report) on errors.

    Nothing raised while checking or building escapes: it becomes a German problem, and is logged."""
    try:
        return _package_from_raw(raw, progress)
    except MemoryError:
        found = problem("source_unreadable", path=raw.source, detail="nicht genug Arbeitsspeicher")
    except Exception as exc:
        log.exception("Unerwarteter Fehler beim Prüfen von %s", raw.source)
        found = problem("load_failed", file=raw.source, detail=type(exc).__name__)
    return None, Report(raw.source, (*raw.problems, found))


def _package_from_raw(raw: RawSource, progress: Progress | None) -> tuple[StudyPackage | None, Report]:
    if progress is not None:
        progress(0.85, "Daten werden geprüft")
    metadata = dict(contract().defaults)
    metadata.pop("profile", None)
    problems = []
    if raw.metadata is not None:
        metadata.update({k: v for k, v in raw.metadata.items() if k != "resources"})
        problems += metadata_problems(metadata)
    typed, found = validate_raw(raw)
    report = Report(raw.source, tuple(problems + found))
    if not report.ok or len(typed) < len(contract().tables):
        return None, report
    return _build(typed, metadata, raw.source, report), report


def validate_path(
    path: str | Path, use_cache: bool = True, budget: LoadBudget | None = None, progress: Progress | None = None
) -> tuple[StudyPackage | None, Report]:
    """Validate and load a package; a valid one is kept as a columnar copy for the next load.

    ``budget`` bounds what reading may hold (default: study.limits.data_budget_bytes())."""
    path = Path(path)
    if use_cache and path.exists():
        cached = read_cached(path)
        if cached is not None:
            t = cached["tables"]
            view = build_view(t[MUNICIPALITIES], t[ACTOR_TYPES], t[ACTORS], t[CODEBOOK], t[STATEMENTS])
            package = StudyPackage(
                source=str(path),
                metadata=MappingProxyType(cached["metadata"]),
                view=view,
                report=cached["report"],
                **t,
            )
            return package, package.report
    package, report = package_from_raw(read_source(path, budget, progress), progress)
    if package is not None and use_cache:
        write_cached(path, {name: package.table(name) for name in TABLE_NAMES}, dict(package.metadata), report)
    return package, report


def load_package(path: str | Path | None = None) -> StudyPackage:
    """Load and validate a package from a folder, .zip or .xlsx; raise PackageError if invalid."""
    package, report = validate_path(path if path is not None else data_path())
    if package is None:
        raise PackageError(report)
    return package


def load_upload(
    name: str, data: bytes, budget: LoadBudget | None = None, progress: Progress | None = None
) -> tuple[StudyPackage | None, Report]:
    """Check an uploaded package within the upload budget ($STUDY_LOAD_BUDGET_MB, default 512 MB).

    ``progress(fraction, text)`` is called as reading and checking advance (for a progress bar)."""
    budget = budget or LoadBudget.for_upload(progress=progress)
    package, report = package_from_raw(read_upload(name, data, budget), progress)
    return (replace(package, session_only=True) if package is not None else None), report


# --- writing a package (the demo generator; minimal-quoting CSV like the loader reads) ----------------

_CSV_CHUNK_ROWS = 250_000


def _csv_field(arr: pa.Array) -> pa.Array:
    if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.large_string())
        q = pa.scalar('"', pa.large_string())
        quoted = pc.binary_join_element_wise(
            q, pc.replace_substring(arr, '"', '""'), q, pa.scalar("", pa.large_string())
        )
        return pc.if_else(pc.match_substring_regex(arr, r'[",\r\n]'), quoted, arr)
    return pc.cast(arr, pa.large_string())


def write_csv(path: Path, columns: dict[str, pa.Array]) -> None:
    """Minimal-quoting CSV: header, ``,``, ``\\n``, nulls as empty fields, no BOM."""
    sep = pa.scalar(",", pa.large_string())
    empty, newline = pa.scalar("", pa.large_string()), pa.scalar("\n", pa.large_string())
    n = len(next(iter(columns.values())))
    with open(path, "wb") as f:
        f.write((",".join(columns) + "\n").encode("utf-8"))
        # In slices, so that millions of rows never exist as text all at once.
        for lo in range(0, n, _CSV_CHUNK_ROWS):
            fields = [_csv_field(a.slice(lo, _CSV_CHUNK_ROWS)) for a in columns.values()]
            lines = pc.binary_join_element_wise(*fields, sep, null_handling="replace", null_replacement="")
            lines = pc.binary_join_element_wise(lines, newline, empty)
            # The joined lines already sit back to back in the array's data buffer.
            offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
            start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
            f.write(memoryview(lines.buffers()[2])[start:end])


def write_package(outdir: str | Path, descriptor: dict, tables: dict[str, dict[str, pa.Array]]) -> Path:
    """Write each resource of ``descriptor`` from ``tables`` (columns as Arrow arrays) and the descriptor."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for res in descriptor["resources"]:
        write_csv(outdir / res["path"], tables[res["name"]])
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    # Bytes, not text mode: no newline translation, identical files on every platform.
    (outdir / "datapackage.json").write_bytes(text.encode("utf-8"))
    return outdir
