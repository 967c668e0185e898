"""The study team's findings: per research question, what each one names, and which aggregate backs it.

A finding names no codes in the data; its words do. ``finding_focus`` reads a finding's title and text
(German and English) against the labels the package and the contract give: codebook labels, actor type
labels, the enum labels of actor group, size class and cooperation status. Nothing here knows a particular
code, actor type or municipality: a package with other codes and labels gets its focus the same way.
``evidence_plan`` turns the focus into the chart that backs the finding, and ``plan_frame`` computes that
chart's protected frame (every frame comes from ``study.aggregate`` and carries ``n_actors``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from . import aggregate, evidence
from .package import StudyPackage
from .schema import COOPERATION, contract
from .selection import Selection

# A word shorter than this is too common to name anything ("und", "der", "for").
MIN_WORD = 4
# Function words long enough to pass MIN_WORD (German and English): they name nothing.
STOPWORDS = frozenset(
    [
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "oder",
        "aber",
        "auch",
        "sich",
        "sind",
        "wird",
        "werden",
        "wurde",
        "nicht",
        "noch",
        "dass",
        "diese",
        "dieser",
        "dieses",
        "durch",
        "uber",
        "unter",
        "beim",
        "sowie",
        "mehr",
        "viele",
        "vielen",
        "etwa",
        "dort",
        "hier",
        "ihre",
        "ihren",
        "with",
        "from",
        "this",
        "that",
        "these",
        "their",
        "they",
        "them",
        "have",
        "more",
        "most",
        "other",
        "than",
        "into",
        "only",
        "also",
        "such",
        "very",
        "much",
        "where",
        "which",
    ]
)
# A word in more than this share of all findings names nothing in particular ("Kooperation", "Beschaffung").
COMMON_SHARE = 0.25
# Chart kinds, most specific first (see ``evidence_plan``).
BY_SIZE, PARTNER_STATUS, PARTNER_CODES, CODES = "size_class", "partner_status", "partner_codes", "codes"
SIZE = "size_class"


def findings_by_question(findings: pd.DataFrame, lang: str = "de") -> dict[int, list[str]]:
    """Finding titles per research question, in the package's order."""
    column = "title_en" if lang == "en" else "title_de"
    return {int(rq): group[column].tolist() for rq, group in findings.groupby("research_question", sort=True)}


def words(text: str) -> list[str]:
    """Lower-case words without accents or umlauts ("Leihläden" → "leihladen"); English plurals in -ies as -y."""
    text = unicodedata.normalize("NFKD", str(text).replace("ß", "ss")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    out = []
    for word in re.findall(r"[a-z0-9]+", text):
        out.append(word[:-3] + "y" if word.endswith("ies") and len(word) > 5 else word)
    return out


def match(label_word: str, text_word: str) -> float:
    """How well a text word stands for a label word: 1 for the same word or an inflection (up to three
    letters more), 0.5 for a long word heading a compound ("personal" in "personalkapazitat"), else 0."""
    short, long = sorted((label_word, text_word), key=len)
    if len(short) < MIN_WORD or not long.startswith(short):
        return 0.0
    if len(long) - len(short) <= 3:
        return 1.0
    return 0.5 if len(short) >= 6 else 0.0


@dataclass(frozen=True)
class Focus:
    """What a finding names, as codes of the package and the contract.

    ``in_title`` lists the kinds ("codes", "actor_types" …) that were found in the title: the title says
    what the finding is about, the text may mention more in passing.
    """

    codes: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    size_classes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    size_dimension: bool = False  # the finding speaks of size classes as such ("aller Größenklassen")
    in_title: tuple[str, ...] = ()
    title_actor_types: tuple[str, ...] = ()  # the actor types of the title (the first of ``actor_types``)


_CACHE_SIZE = 4
_texts_cache: dict[str, dict[str, tuple[dict[str, str], dict[str, str]]]] = {}
_plans_cache: dict[str, dict[str, EvidencePlan | None]] = {}
_common_cache: dict[str, frozenset[str]] = {}


def _remember(cache: dict, token: str, make):
    """A per-package result, kept for the last few packages (a package's token names its content)."""
    if token not in cache:
        while len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[token] = make()
    return cache[token]


def _all_texts(package: StudyPackage) -> dict[str, tuple[dict[str, str], dict[str, str]]]:
    """Per finding: (titles, title and text) per language."""

    def make():
        out = {}
        for _, row in package.findings.iterrows():
            titles, full = {}, {}
            for lang in ("de", "en"):
                title, text = row.get(f"title_{lang}"), row.get(f"text_{lang}")
                titles[lang] = str(title) if isinstance(title, str) else ""
                full[lang] = " ".join(str(p) for p in (title, text) if isinstance(p, str))
            out[str(row["finding_id"])] = (titles, full)
        return out

    return _remember(_texts_cache, package.token, make)


def _finding_texts(package: StudyPackage, finding_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """(titles, title and text) per language of one finding; empty if there is no such finding."""
    return _all_texts(package).get(str(finding_id), ({}, {}))


def _common_words(package: StudyPackage) -> frozenset[str]:
    """Words that occur in more than ``COMMON_SHARE`` of the findings (both languages of one finding count once)."""

    def make():
        texts = _all_texts(package)
        if len(texts) < 4:
            return frozenset()
        counts: dict[str, int] = {}
        for _, full in texts.values():
            for word in {w for text in full.values() for w in words(text)}:
                counts[word] = counts.get(word, 0) + 1
        limit = COMMON_SHARE * len(texts)
        return frozenset(w for w, n in counts.items() if n > limit)

    return _remember(_common_cache, package.token, make)


def _named_in(candidates: Mapping[str, Mapping[str, str]], text: str, lang: str, common: frozenset[str]) -> list[str]:
    """The candidates (code → label per language) whose label the text names.

    A label is named when the text has words for at least half of its telling words (long enough, not
    common to many findings). A text word stands for one candidate only, the best covered: "World shops
    and Fairtrade groups" names the world shop and the Fairtrade group, not also the One World group.
    """
    have = set(words(text))
    scored = []
    for position, (code, labels) in enumerate(candidates.items()):
        wanted = {w for w in words(labels.get(lang, "")) if len(w) >= MIN_WORD and w not in common | STOPWORDS}
        if not wanted:
            continue
        hits = {}
        for w in wanted:
            best = max(((match(w, h), h) for h in have), default=(0.0, ""))
            if best[0]:
                hits[w] = best
        cover = sum(q for q, _ in hits.values()) / len(wanted)
        if cover >= 0.5:
            scored.append((-cover, -len(hits), position, code, hits, wanted))
    named, used = [], set()
    for _, _, position, code, hits, wanted in sorted(scored):
        free = sum(q for q, h in hits.values() if h not in used)
        if free / len(wanted) >= 0.5:
            named.append((position, code))
            used.update(h for _, h in hits.values())
    return [code for _, code in sorted(named)]


def _named(candidates, texts: Mapping[str, str], common: frozenset[str]) -> list[str]:
    """Named in German; in English only if the German says nothing of this kind (German is required)."""
    for lang in ("de", "en"):
        found = _named_in(candidates, texts.get(lang, ""), lang, common)
        if found:
            return found
    return []


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?;:])\s+", text) if part.strip()]


def _listed(candidates, texts: Mapping[str, str], common: frozenset[str]) -> list[str]:
    """The candidates a text lists: named in a sentence that names at least two of them ("Kammern, kommunale
    Unternehmen und Recyclinghöfe"). A lone mention ("bis zur Beratung der Vergabestelle") lists nothing.
    Per language as ``_named``: English only if the German names none of them."""
    for lang in ("de", "en"):
        found, any_named = [], False
        for sentence in _sentences(texts.get(lang, "")):
            named = _named_in(candidates, sentence, lang, common)
            any_named = any_named or bool(named)
            if len(named) >= 2:
                found.extend(c for c in named if c not in found)
        if any_named:
            return found
    return []


def _labels(frame: pd.DataFrame, key: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for _, row in frame.iterrows():
        out[str(row[key])] = {
            lang: str(row[f"label_{lang}"])
            for lang in ("de", "en")
            if f"label_{lang}" in row and isinstance(row[f"label_{lang}"], str)
        }
    return out


def _enum_labels(table: str, column: str) -> dict[str, dict[str, str]]:
    col = contract().column(table, column)
    return {value: {lang: col.label(value, lang) for lang in ("de", "en")} for value in col.enum or ()}


def finding_focus(package: StudyPackage, finding_id: str, research_question: int | None = None) -> Focus:
    """What one finding names: looked for in its title first, in title and text if the title names nothing
    of a kind. Codes are looked for among its research question's codes only."""
    titles, full = _finding_texts(package, finding_id)
    if not full:
        return Focus()
    common = _common_words(package)
    cb = package.codebook
    if research_question is not None:
        cb = cb[cb["research_question"] == int(research_question)]
    size = contract().column("municipalities", "size_class")
    kinds = {
        "codes": _labels(cb, "code"),
        "actor_types": _labels(package.actor_types, "actor_type"),
        "groups": _enum_labels("actor_types", "group"),
        "size_classes": _enum_labels("municipalities", "size_class"),
        "statuses": _enum_labels("statements", "status"),
        "size_dimension": {SIZE: {"de": size.title_de, "en": size.title_en}},
    }
    # the text without its title (``full`` starts with it)
    bodies = {lang: full.get(lang, "")[len(titles.get(lang, "")) :] for lang in ("de", "en")}
    found, in_title, title_types = {}, [], ()
    for kind, candidates in kinds.items():
        words_common = frozenset() if kind == "size_dimension" else common
        named = _named(candidates, titles, words_common)
        if named:
            in_title.append(kind)
        if kind == "actor_types":
            title_types = tuple(named)
        if kind == "actor_types" and named:
            # The title says which types the finding is about; its text adds those it lists with others
            # ("Kammern, kommunale Unternehmen und Recyclinghöfe"), not one it mentions in passing.
            more = _listed(candidates, bodies, words_common)
            named = [*named, *(c for c in more if c not in named)]
        elif not named or kind == "codes":
            # Codes (and a kind the title does not name): those of the text count too.
            more = _named(candidates, full, words_common)
            named = [*named, *(c for c in more if c not in named)]
        found[kind] = tuple(named)
    return Focus(
        found["codes"],
        found["actor_types"],
        found["groups"],
        found["size_classes"],
        found["statuses"],
        bool(found["size_dimension"]),
        tuple(in_title),
        title_types,
    )


@dataclass(frozen=True)
class EvidencePlan:
    """The chart that backs one finding: its kind, the category of codes, and what it is restricted to."""

    kind: str  # BY_SIZE, PARTNER_STATUS, PARTNER_CODES or CODES
    research_question: int
    category: str
    codes: tuple[str, ...] = ()  # the codes the finding names: marked, and the columns of PARTNER_CODES
    partner_types: tuple[str, ...] = ()  # the partner types the finding names (PARTNER_* only)
    basis: str = "actors"  # "actors" or "rating" (PARTNER_CODES)


def _category_has(package: StudyPackage, category: str, column: str) -> bool:
    """Whether most statements of a category carry ``column`` (a partner type, a status, a rating)."""
    st = package.statements
    codes = set(package.codebook.loc[package.codebook["category"] == category, "code"].astype(str))
    if column not in st.columns or not codes:
        return False
    rows = st[st["code"].astype(str).isin(codes)]
    return bool(len(rows)) and float(rows[column].notna().mean()) >= 0.5


def _types_of(package: StudyPackage, focus: Focus) -> tuple[str, ...]:
    """The actor types a finding is about: those its title names (then the members of the actor groups its
    title names, then the types its text lists); else the members of the groups its title names; else the
    types its text names; else the members of the groups its text names."""
    at = package.actor_types
    members = [str(t) for t, g in zip(at["actor_type"], at["group"].astype(str), strict=True) if g in focus.groups]
    title_groups = members if "groups" in focus.in_title else []
    if focus.title_actor_types:
        wanted = [*focus.title_actor_types, *title_groups, *focus.actor_types]
    elif title_groups:
        wanted = title_groups
    else:
        wanted = list(focus.actor_types) or members
    return tuple(dict.fromkeys(wanted))


def evidence_plan(package: StudyPackage, finding_id: str, research_question: int) -> EvidencePlan | None:
    """``decide_plan``, remembered per package and finding."""
    plans = _remember(_plans_cache, package.token, dict)
    key = f"{finding_id}\x00{int(research_question)}"
    if key not in plans:
        plans[key] = decide_plan(package, finding_id, research_question)
    return plans[key]


def decide_plan(package: StudyPackage, finding_id: str, research_question: int) -> EvidencePlan | None:
    """Which chart backs a finding, decided from the package alone (the same for every selection).

    Size classes named → its codes by size class; partner types named (for a category whose statements
    name partners) → cooperation status per named partner type, or the named partner types × the codes;
    else the share of actors naming each of the question's codes (the named ones marked by the caller).
    The category is the one most of the named codes belong to, else the question's first.
    """
    categories = evidence.question_categories(package, research_question)
    if not categories:
        return None
    focus = finding_focus(package, finding_id, research_question)
    cb = package.codebook.set_index(package.codebook["code"].astype(str))
    named_cats = [str(cb.at[c, "category"]) for c in focus.codes if c in cb.index]
    category = max(categories, key=lambda c: (named_cats.count(c), -categories.index(c)))
    codes = tuple(c for c in focus.codes if str(cb.at[c, "category"]) == category)
    if focus.size_classes or focus.size_dimension:
        return EvidencePlan(BY_SIZE, research_question, category, codes)
    partners = _types_of(package, focus)
    if partners and _category_has(package, category, "partner_type"):
        if category == COOPERATION and _category_has(package, category, "status"):
            return EvidencePlan(PARTNER_STATUS, research_question, category, codes, partners)
        basis = "rating" if _category_has(package, category, "rating") else "actors"
        return EvidencePlan(PARTNER_CODES, research_question, category, codes, partners, basis)
    return EvidencePlan(CODES, research_question, category, codes)


def _keep(frame: pd.DataFrame, column: str, values: Iterable[str]) -> pd.DataFrame:
    wanted = [str(v) for v in values]
    if not wanted or frame.empty:
        return frame
    return frame[frame[column].astype(str).isin(wanted)].reset_index(drop=True)


def plan_frame(sel: Selection, plan: EvidencePlan) -> pd.DataFrame | evidence.Matrix:
    """The protected aggregate of a plan for a selection (empty if the selection does not allow it).

    Rows are only ever left out of a frame ``study.aggregate`` protected as a whole, never recomputed.
    """
    if plan.kind == BY_SIZE:
        return evidence.category_matrix(sel, plan.category, SIZE, share="col")
    if plan.kind == PARTNER_STATUS:
        frame = aggregate.cooperation_status(sel, plan.category)
        frame = _keep(frame, "partner_type", plan.partner_types)
        order = {t: i for i, t in enumerate(plan.partner_types)}
        return frame.sort_values("partner_type", key=lambda s: s.astype(str).map(order), kind="stable").reset_index(
            drop=True
        )
    if plan.kind == PARTNER_CODES:
        frame = aggregate.cross_table(sel, plan.category, "partner_type", "code", value=plan.basis)
        frame = _keep(_keep(frame, "partner_type", plan.partner_types), "code", plan.codes)
        present_codes = {str(c) for c in frame["code"]}
        present_types = {str(t) for t in frame["partner_type"]}
        columns = [c for c in sel.package.codebook["code"].astype(str) if c in present_codes]
        rows = [t for t in plan.partner_types if t in present_types]
        kind = "float" if plan.basis == "rating" else "int"
        return evidence.Matrix(frame, "partner_type", "code", rows, columns, kind)
    return evidence.ranked_frequencies(sel, category=plan.category, research_question=plan.research_question)


def frame_is_empty(frame) -> bool:
    return (frame.frame if isinstance(frame, evidence.Matrix) else frame).empty
