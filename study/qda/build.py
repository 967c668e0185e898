"""Turning a read QDA project into the six tables of the data contract, and counting what happened.

Documents and speakers become actors with pseudonymous ids; their variables give municipality and
actor type; content codes (children of the eight categories) become statements, enriched by the
codes that overlap them in the same document (partner type, status, speaker, rating, quote release).
All blocking problems are collected and raised together; nothing here writes files.
"""

from __future__ import annotations

import bisect
import hashlib
import hmac
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import geo
from ..schema import ACTOR_TYPES, ACTORS, CODEBOOK, FINDINGS, FOCUS_GROUP, MUNICIPALITIES, STATEMENTS, contract
from ..validation import parse_boolean, parse_integer
from .mapping import enum_lookup, group_lookup, key, size_class_lookup, slug
from .messages import ImportFailed, Issue, issue
from .model import Project, Segment

_RQ_IN_DESCRIPTION = re.compile(r"(?:forschungsfrage|ff|rq|research question)\s*[:#]?\s*([1-7])\b", re.IGNORECASE)


@dataclass
class ImportStats:
    """What the import report shows; document and speaker names appear here only, never in the package."""

    kind: str
    documents: int = 0
    speakers: int = 0
    segments: int = 0
    actors: Counter = field(default_factory=Counter)  # (municipality name, actor type label) → actors
    by_category_method: Counter = field(default_factory=Counter)  # (category, method) → statements
    unmapped: Counter = field(default_factory=Counter)  # code path → segments
    missing_variables: list[tuple[str, str]] = field(default_factory=list)  # (document or speaker, variables)
    without_speaker: Counter = field(default_factory=Counter)  # focus group document → segments
    weight_zero: int = 0
    overlaps: Counter = field(default_factory=Counter)  # (kind, detail) → segments
    quotes: int = 0
    statements: int = 0


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]  # text tables with exactly the contract's columns
    stats: ImportStats
    mapping_found: dict[str, Any]  # what --write-mapping fills in


def _hmac(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()


class _Vars:
    """Looks up a contract field among a document's variables by the mapping's names."""

    def __init__(self, names: dict[str, list[str]]):
        self.names = {f: [key(n) for n in aliases] for f, aliases in names.items()}

    def get(self, variables: dict[str, str], field_: str) -> str | None:
        keyed = {key(k): v for k, v in variables.items()}
        for name in self.names.get(field_, []):
            value = keyed.get(name)
            if value not in (None, ""):
                return value
        return None

    def label(self, field_: str, names: dict[str, list[str]]) -> str:
        return "/".join(names.get(field_, [field_])[:2])


class Builder:
    def __init__(self, project: Project, mapping: dict[str, Any]):
        self.p = project
        self.m = mapping
        self.vars = _Vars(mapping["variables"])
        self.errors: list[Issue] = []
        self.stats = ImportStats(kind=project.kind)
        self.sep = f" {mapping['code_separator'].strip()} "

    # --- helpers ---------------------------------------------------------------------------------

    def err(self, code: str, **params) -> None:
        self.errors.append(issue(code, **params))

    def varname(self, field_: str) -> str:
        return self.vars.label(field_, self.m["variables"])

    def method_of(self, doc) -> str | None:
        groups = {key(g): m for g, m in self.m["document_groups"].items()}
        for g in doc.groups:
            if key(g) in groups:
                return groups[key(g)]
        candidates = [*doc.groups]
        value = self.vars.get(doc.variables, "method")
        if value:
            candidates.append(value)
            direct = enum_lookup(STATEMENTS, "method").get(key(value))
            if direct:
                return direct
        for text in candidates:
            lowered = text.casefold()
            for method, words in self.m["methods"].items():
                if any(w.casefold() in lowered for w in words):
                    return method
        return None

    # --- codes -----------------------------------------------------------------------------------

    def classify(self, path: tuple[str, ...]) -> tuple[str, Any]:
        """("partner"|"status"|"speaker"|"quote"|"rating", child) or ("content", path) or ("ignored"|"unmapped", None)."""
        m = self.m
        top = key(path[0])
        child = path[1] if len(path) > 1 else None
        if top == key(m["quote_code"]):
            return "quote", None
        for kind in ("partner", "status", "speaker"):
            if top == key(m[f"{kind}_code"]):
                return (kind, child) if child else ("ignored", None)
        if m["rating_code"] and top == key(m["rating_code"]):
            return ("rating", child) if child else ("ignored", None)
        joined = self.sep.join(path)
        ignore = {key(x) for x in m["ignore_codes"]}
        if top in ignore or key(joined) in ignore:
            return "ignored", None
        specs = {key(p): s for p, s in m["codes"].items()}
        if key(joined) in specs:
            spec = specs[key(joined)]
            if spec is None:
                return "ignored", None
            if "category" in spec or self.category(path[0]):
                return "content", path
        if self.category(path[0]) and child:
            return "content", path
        return "unmapped", None

    def category(self, name: str) -> str | None:
        if not hasattr(self, "_categories"):
            self._categories = {key(n): cat for cat, names in self.m["categories"].items() for n in names}
        return self._categories.get(key(name))

    def codebook(self, content_paths: list[tuple[str, ...]]) -> tuple[pd.DataFrame, dict[tuple[str, ...], str]]:
        specs = {key(p): s for p, s in self.m["codes"].items() if s is not None}
        rows, ids, used = [], {}, set()
        for path in sorted(content_paths):
            spec = specs.get(key(self.sep.join(path)), {})
            category = spec.get("category") or self.category(path[0])
            rest = self.sep.join(path[1:]) if self.category(path[0]) else self.sep.join(path)
            # A segment coded on the category itself (mapped explicitly) is labelled by the category.
            rest = rest or contract().label(CODEBOOK, "category", category)
            code = spec.get("code") or f"{category[:4]}_{slug(rest)}"
            base, n = code, 2
            while code in used:
                code, n = f"{base}_{n}", n + 1
            used.add(code)
            ids[path] = code
            rq = spec.get("research_question")
            if rq is None:
                found = _RQ_IN_DESCRIPTION.search(self.p.code_descriptions.get(path, ""))
                rq = int(found.group(1)) if found else self.m["research_questions"].get(category)
            rows.append(
                {
                    "code": code,
                    "category": category,
                    "research_question": str(rq),
                    "label_de": spec.get("label_de") or rest,
                    "label_en": spec.get("label_en") or "",
                    # Code memos and descriptions of the QDA project stay out: they may name people.
                    "description_de": spec.get("description_de") or "",
                }
            )
        return _frame(CODEBOOK, rows), ids

    # --- actor types -----------------------------------------------------------------------------

    def known_types(self) -> dict[str, dict]:
        if not hasattr(self, "_types"):
            self._types: dict[str, dict] = {}
            for label, spec in self.m["actor_types"].items():
                t = {
                    "actor_type": spec.get("actor_type") or slug(spec.get("label_de") or label),
                    "group": spec["group"],
                    "label_de": spec.get("label_de") or label,
                    "label_en": spec.get("label_en") or "",
                }
                for text in (label, t["actor_type"], t["label_de"], t["label_en"]):
                    if text:
                        self._types.setdefault(key(text), t)
        return self._types

    def actor_type(self, variables: dict[str, str], who: str) -> dict | None:
        value = self.vars.get(variables, "actor_type")
        if value is None:
            self.err("no_actor_type", who=who, variable=self.varname("actor_type"))
            return None
        known = self.known_types().get(key(value))
        if known:
            return known
        group_value = self.vars.get(variables, "actor_group")
        if group_value is None:
            self.err("actor_type_no_group", who=who, value=value, variable=self.varname("actor_group"))
            return None
        group = group_lookup().get(key(group_value))
        if group is None:
            allowed = ", ".join(contract().allowed(ACTOR_TYPES, "group"))
            self.err("group_unknown", who=who, value=group_value, allowed=allowed)
            return None
        t = {"actor_type": slug(value), "group": group, "label_de": value, "label_en": ""}
        self._types[key(value)] = t
        return t

    # --- municipalities --------------------------------------------------------------------------

    def municipalities(self, seen: dict[str, list[tuple[str, dict[str, str]]]]) -> tuple[pd.DataFrame, dict[str, str]]:
        """One row per municipality name, its attributes agreed on by all its documents."""
        c = contract()
        sizes = size_class_lookup()
        rows, ids = [], {}
        names = sorted(seen)
        used: set[str] = set()
        for n, name in enumerate(names):
            values: dict[str, str] = {}
            for field_, column in (
                ("state", "state"),
                ("size_class", "size_class"),
                ("population", "population"),
                ("council_resolution", "council_resolution"),
                ("fairtrade_town", "fairtrade_town"),
            ):
                found: list[tuple[str, str, str]] = []  # (normalised, as typed, document)
                for doc, variables in seen[name]:
                    raw = self.vars.get(variables, field_)
                    if raw is None:
                        continue
                    norm = self.normalise(field_, raw)
                    title = c.column(MUNICIPALITIES, column).title("de")
                    if norm is None:
                        allowed = {
                            "state": "ISO-Code oder Name eines Bundeslands",
                            "size_class": ", ".join(
                                c.column(MUNICIPALITIES, "size_class").label(s) for s in sizes.values()
                            ),
                            "population": "ganze Zahl ≥ 0",
                        }.get(field_, "ja/nein")
                        self.err(
                            "municipality_value", municipality=name, who=doc, field=title, value=raw, allowed=allowed
                        )
                        continue
                    if found and found[0][0] != norm:
                        first = found[0]
                        self.err(
                            "municipality_conflict",
                            municipality=name,
                            field=title,
                            first=first[1],
                            first_doc=first[2],
                            second=raw,
                            second_doc=doc,
                        )
                        continue
                    found.append((norm, raw, doc))
                if found:
                    values[column] = found[0][0]
                elif c.column(MUNICIPALITIES, column).required:
                    title = c.column(MUNICIPALITIES, column).title("de")
                    self.err(
                        "municipality_missing_value", municipality=name, field=title, variable=self.varname(field_)
                    )
            if self.m["pseudonymise_municipalities"]:
                mid, shown = f"k{n + 1:03d}", f"Kommune {_letters(n)}"
            else:
                mid, shown = slug(name), name
                base, k = mid, 2
                while mid in used:
                    mid, k = f"{base}_{k}", k + 1
            used.add(mid)
            ids[name] = mid
            rows.append({"municipality_id": mid, "name": shown, "lat": "", "lon": "", **values})
        return _frame(MUNICIPALITIES, rows), ids

    def normalise(self, field_: str, raw: str) -> str | None:
        """The contract's value for a typed variable value, by the loader's rules (cached: towns repeat)."""
        cache = self.__dict__.setdefault("_normalised", {})
        if (field_, raw) not in cache:
            cache[(field_, raw)] = self._normalise(field_, raw)
        return cache[(field_, raw)]

    def _normalise(self, field_: str, raw: str) -> str | None:
        c = contract()
        if field_ == "state":
            return geo.normalise_state(raw)
        if field_ == "size_class":
            return size_class_lookup().get(key(raw))
        series = pd.Series([raw.strip()], dtype="str")
        if field_ == "population":
            values, bad = parse_integer(series)
            return (
                None if bool(bad.iloc[0]) or pd.isna(values.iloc[0]) or values.iloc[0] < 0 else str(int(values.iloc[0]))
            )
        values, bad = parse_boolean(series, c.column(MUNICIPALITIES, field_))
        if bool(bad.iloc[0]) or pd.isna(values.iloc[0]):
            return None
        return "true" if bool(values.iloc[0]) else "false"

    # --- the whole build -------------------------------------------------------------------------

    def secret(self) -> bytes:
        if self.m.get("pseudonym_key"):
            return str(self.m["pseudonym_key"]).encode("utf-8")
        towns = sorted({self.vars.get(d.variables, "municipality") or "" for d in self.p.documents.values()})
        return hashlib.sha256("\x1f".join(["kooperationsatlas-qda", *towns]).encode("utf-8")).digest()

    def build(self, findings: pd.DataFrame | None) -> BuildResult:
        p, m, st = self.p, self.m, self.stats
        st.documents = len(p.documents)
        st.segments = len(p.segments)
        kinds = {path: self.classify(path) for path in {s.path for s in p.segments}}
        by_doc: dict[str, list[Segment]] = defaultdict(list)
        for s in p.segments:
            by_doc[s.document].append(s)

        # Actors: one per interview / site visit document, one per speaker of a focus group.
        secret = self.secret()
        actors: dict[tuple[str, str], dict] = {}  # (document, speaker or "") → actor row + meta
        towns: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
        methods: dict[str, str] = {}
        for doc in p.documents.values():
            method = self.method_of(doc)
            missing = [
                self.varname(f)
                for f in ("municipality", "state", "size_class")
                if self.vars.get(doc.variables, f) is None
            ]
            if method is None:
                if by_doc.get(doc.name):
                    group = ", ".join(doc.groups) or "–"
                    self.err("no_method", document=doc.name, group=group, variable=self.varname("method"))
                continue
            methods[doc.name] = method
            town = self.vars.get(doc.variables, "municipality")
            if method == FOCUS_GROUP:
                names = {n for (d, n) in p.speakers if d == doc.name}
                names |= {s.path[1] for s in by_doc.get(doc.name, []) if kinds[s.path][0] == "speaker"}
                people = [
                    (
                        n,
                        {
                            **doc.variables,
                            **(p.speakers[(doc.name, n)].variables if (doc.name, n) in p.speakers else {}),
                        },
                    )
                    for n in sorted(names)
                ]
                st.speakers += len(people)
            else:
                people = [("", doc.variables)]
                if self.vars.get(doc.variables, "actor_type") is None:
                    missing.append(self.varname("actor_type"))
            if missing:
                st.missing_variables.append((doc.name, ", ".join(missing)))
            # A document nobody has coded yet does not block the import; the report lists what it lacks.
            errors_before = len(self.errors)
            for speaker, variables in people:
                who = f"Dokument „{doc.name}“" + (f", Sprecher „{speaker}“" if speaker else "")
                town = self.vars.get(variables, "municipality")
                if town is None:
                    self.err(
                        "no_municipality",
                        document=doc.name + (f" / {speaker}" if speaker else ""),
                        variable=self.varname("municipality"),
                    )
                    continue
                atype = self.actor_type(variables, who)
                if atype is None:
                    continue
                towns[town].append((doc.name, variables))
                actor_id = "a" + _hmac(secret, "actor", doc.name, speaker)[:12]
                actors[(doc.name, speaker)] = {"actor_id": actor_id, "town": town, "type": atype}
            if not by_doc.get(doc.name):
                del self.errors[errors_before:]

        ids = Counter(a["actor_id"] for a in actors.values())
        for actor_id, n in ids.items():
            if n > 1:
                self.err("actor_id_collision", actor_id=actor_id)

        content_paths = sorted({path for path, (kind, _) in kinds.items() if kind == "content"})
        for path, (kind, _) in kinds.items():
            if kind == "unmapped":
                count = sum(1 for s in p.segments if s.path == path)
                st.unmapped[self.sep.join(path)] = count
                if m["strict"]:
                    self.err("code_unmapped_strict", path=self.sep.join(path), count=count)

        mun_frame, mun_ids = self.municipalities(towns)
        code_frame, code_ids = self.codebook(content_paths)
        statements = self.statements(by_doc, kinds, methods, actors, code_ids, code_frame, secret)
        if not statements and not self.errors:
            self.err("no_statements", documents=st.documents, segments=st.segments)
        if self.errors:
            raise ImportFailed(self.errors)

        used_types: dict[str, dict] = {}
        for a in actors.values():
            used_types[a["type"]["actor_type"]] = a["type"]
            st.actors[(a["town"], a["type"]["label_de"])] += 1
        for row in statements:
            if row["partner_type"]:
                t = self._partner_types[row["partner_type"]]
                used_types[t["actor_type"]] = t
        type_frame = _frame(ACTOR_TYPES, sorted(used_types.values(), key=lambda t: t["actor_type"]))
        actor_frame = _frame(
            ACTORS,
            sorted(
                (
                    {
                        "actor_id": a["actor_id"],
                        "municipality_id": mun_ids[a["town"]],
                        "actor_type": a["type"]["actor_type"],
                    }
                    for a in actors.values()
                ),
                key=lambda r: r["actor_id"],
            ),
        )
        statement_frame = _frame(STATEMENTS, sorted(statements, key=lambda r: r["statement_id"]))
        findings_frame = findings if findings is not None else _frame(FINDINGS, [])
        tables = {
            MUNICIPALITIES: mun_frame,
            ACTOR_TYPES: type_frame,
            ACTORS: actor_frame,
            CODEBOOK: code_frame,
            STATEMENTS: statement_frame,
            FINDINGS: findings_frame,
        }
        return BuildResult(tables, st, self.found(kinds, methods))

    def partner_type(self, label: str) -> dict | None:
        t = self.known_types().get(key(label))
        if t is not None:
            self._partner_types[t["actor_type"]] = t
        return t

    def statements(self, by_doc, kinds, methods, actors, code_ids, code_frame, secret) -> list[dict]:
        m, st = self.m, self.stats
        self._partner_types: dict[str, dict] = {}
        statuses = {key(v): s for s, values in m["status_values"].items() for v in values}
        bands = m["rating_bands"]
        categories = dict(zip(code_frame["code"], code_frame["category"], strict=True))
        rows = []
        for doc_name, segments in by_doc.items():
            method = methods.get(doc_name)
            if method is None:
                continue
            special: dict[str, list[Segment]] = defaultdict(list)
            content: list[Segment] = []
            for s in segments:
                kind = kinds[s.path][0]
                if kind == "content":
                    content.append(s)
                elif kind in ("partner", "status", "speaker", "quote", "rating"):
                    special[kind].append(s)
            index = {kind: _Overlaps(segs) for kind, segs in special.items()}
            touched: set[int] = set()

            def best(kind: str, seg: Segment, index=index, touched=touched):
                found = index[kind].overlapping(seg) if kind in index else []
                touched.update(id(f) for f in found)
                if not found:
                    return None
                return max(found, key=lambda o: (min(o.end, seg.end) - max(o.start, seg.start), -o.start))

            ordinal: Counter = Counter()
            for seg in sorted(content, key=lambda s: (s.start, s.end, s.path)):
                ordinal[seg.path] += 1
                speaker = ""
                if method == FOCUS_GROUP:
                    hit = best("speaker", seg)
                    if hit is None:
                        st.without_speaker[doc_name] += 1
                        continue
                    speaker = hit.path[1]
                actor = actors.get((doc_name, speaker))
                if actor is None:
                    continue
                partner = ""
                hit = best("partner", seg)
                if hit is not None:
                    t = self.partner_type(hit.path[1])
                    if t is None:
                        st.overlaps[("partner_unknown", hit.path[1])] += 1
                    else:
                        partner = t["actor_type"]
                status = ""
                hit = best("status", seg)
                if hit is not None:
                    status = statuses.get(key(hit.path[1]), "")
                    if not status:
                        st.overlaps[("status_unknown", hit.path[1])] += 1
                rating = ""
                if seg.weight is not None:
                    if seg.weight == 0:
                        st.weight_zero += 1
                    else:
                        rating = str(next(i + 1 for i, upper in enumerate(bands) if seg.weight <= upper or i == 4))
                hit = best("rating", seg)
                if hit is not None:
                    if hit.path[1].strip() in {"1", "2", "3", "4", "5"}:
                        rating = hit.path[1].strip()
                    else:
                        st.overlaps[("rating_unknown", hit.path[1])] += 1
                quote = ""
                if best("quote", seg) is not None and seg.text:
                    quote = seg.text
                    st.quotes += 1
                code = code_ids[seg.path]
                statement_id = (
                    "s" + _hmac(secret, "statement", doc_name, self.sep.join(seg.path), str(ordinal[seg.path]))[:14]
                )
                st.by_category_method[(categories[code], method)] += 1
                rows.append(
                    {
                        "statement_id": statement_id,
                        "actor_id": actor["actor_id"],
                        "code": code,
                        "method": method,
                        "partner_type": partner,
                        "status": status,
                        "rating": rating,
                        "quote": quote,
                    }
                )
            for kind in ("partner", "status"):
                for s in special.get(kind, []):
                    if id(s) not in touched:
                        st.overlaps[(f"{kind}_alone", s.path[1])] += 1
        st.statements = len(rows)
        return rows

    def found(self, kinds=None, methods=None) -> dict[str, Any]:
        """What the project contains, in the mapping's terms, for ``--write-mapping``."""
        if kinds is None:
            kinds = {path: self.classify(path) for path in {s.path for s in self.p.segments}}
        variables = sorted({v for d in self.p.documents.values() for v in d.variables})
        groups = sorted({g for d in self.p.documents.values() for g in d.groups})
        codes, unmapped = {}, []
        for path, (kind, _) in sorted(kinds.items()):
            joined = self.sep.join(path)
            if kind == "content":
                spec = self.m["codes"].get(joined) or {}
                codes[joined] = {"category": spec.get("category") or self.category(path[0])}
            elif kind == "unmapped":
                unmapped.append(joined)
        return {
            "document_variables_found": variables,
            "document_groups": {g: self.method_of_group(g) for g in groups},
            "codes": codes,
            "unmapped": unmapped,
        }

    def method_of_group(self, group: str) -> str | None:
        from .model import Document

        return self.method_of(Document("", (group,), {}))


class _Overlaps:
    """The segments of one kind in one document, found by overlap with a content segment."""

    def __init__(self, segments: list[Segment]):
        self.segments = sorted(segments, key=lambda s: s.start)
        self.starts = [s.start for s in self.segments]
        self.longest = max((s.end - s.start for s in self.segments), default=0)

    def overlapping(self, seg: Segment) -> list[Segment]:
        lo = bisect.bisect_left(self.starts, seg.start - self.longest)
        hi = bisect.bisect_left(self.starts, seg.end)
        return [s for s in self.segments[lo:hi] if s.end > seg.start and s.start < seg.end]


def _letters(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    columns = list(contract().table(table).column_names)
    frame = pd.DataFrame.from_records(rows, columns=columns) if rows else pd.DataFrame(columns=columns)
    return frame.astype("object").where(frame.notna(), "")
