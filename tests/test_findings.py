"""What a finding names and which chart backs it (study.findings), on packages with invented labels: nothing
depends on the demo's municipalities, actor types or codes."""

from __future__ import annotations

import pandas as pd
import pytest

from factory import make_tables, write_package
from study import findings as sf
from study.package import load_package
from study.schema import COOPERATION, contract
from study.selection import Filters, select


def test_words_fold_case_accents_and_english_plurals():
    assert sf.words("Leihläden, Repair-Cafés; Großstädte") == ["leihladen", "repair", "cafes", "grossstadte"]
    assert sf.words("Cities and libraries") == ["city", "and", "library"]


@pytest.mark.parametrize(
    "label, text, score",
    [
        ("weltladen", "weltladen", 1.0),
        ("inklusionsbetrieb", "inklusionsbetrieben", 1.0),  # an inflection
        ("personalkapazitat", "personal", 0.5),  # a compound's head
        ("fach", "fachwissen", 0.0),  # too short to head a compound
        ("rat", "rat", 0.0),  # too short to name anything
        ("kammer", "klammer", 0.0),
    ],
)
def test_match(label, text, score):
    assert sf.match(label, text) == score


def invented(tmp_path, findings: list[tuple[int, str, str]]):
    """A package whose actor types and codes have labels no real package has, with these findings."""
    tables = make_tables(seed=3, n_municipalities=5, actors_per=8, statements_per=10)
    tables["actor_types"] = tables["actor_types"].assign(
        label_de=["Zauberladen", "Sternwarte", "Wolkenverein", "Mondkapelle"],
        label_en=["Magic shop", "Observatory", "Cloud club", "Moon chapel"],
    )
    cb = tables["codebook"]
    cb.loc[cb["category"] == COOPERATION, "label_de"] = "Funkenflug"
    tables["codebook"] = cb
    rows = []
    for i, (rq, title, text) in enumerate(findings):
        rows.append(
            {
                "finding_id": f"x{i}",
                "research_question": str(rq),
                "title_de": title,
                "text_de": text,
                "title_en": "",
                "text_en": "",
                "view": "",
            }
        )
    tables["findings"] = pd.DataFrame(rows)
    return load_package(write_package(tables, tmp_path / "p"))


def test_a_named_partner_type_gets_its_cooperation_status(tmp_path):
    package = invented(
        tmp_path,
        [
            (1, "Zauberläden: viel Wunsch, wenig Praxis", "Mit Zauberläden gibt es selten bestehende Kooperation."),
            (1, "Kooperation in jeder Größenklasse", "Großstädte und Landkreise berichten davon."),
            (1, "Allgemein viel Funkenflug", "Ohne Bezug auf einen Typ."),
        ],
    )
    focus = sf.finding_focus(package, "x0", 1)
    assert focus.actor_types == ("t1",) and "actor_types" in focus.in_title
    plan = sf.evidence_plan(package, "x0", 1)
    assert plan.kind == sf.PARTNER_STATUS and plan.partner_types == ("t1",)
    frame = sf.plan_frame(select(package, Filters()), plan)
    assert frame["partner_type"].astype(str).tolist() == ["t1"]
    # size classes
    sizes = sf.finding_focus(package, "x1", 1)
    assert sizes.size_dimension and set(sizes.size_classes) == {"grossstadt", "landkreis"}
    assert sf.evidence_plan(package, "x1", 1).kind == sf.BY_SIZE
    matrix = sf.plan_frame(select(package, Filters()), sf.evidence_plan(package, "x1", 1))
    assert set(matrix.column_order) <= set(contract().allowed("municipalities", "size_class"))
    # nothing but a code named: the code chart, the code marked
    plan = sf.evidence_plan(package, "x2", 1)
    assert plan.kind == sf.CODES and plan.codes == (f"c_{COOPERATION}",)


def test_a_word_stands_for_one_label_only(tmp_path):
    package = invented(tmp_path, [(1, "Sternwarten", "Ohne weitere Angaben.")])
    assert sf.finding_focus(package, "x0").actor_types == ("t2",)
    # "Stern Warte" and "Stern": a text word goes to the label it covers best, and is then used up
    cands = {"a": {"de": "Stern Warte"}, "b": {"de": "Stern"}}
    assert sf._named_in(cands, "Stern und Warte", "de", frozenset()) == ["a"]
    assert sf._named_in(cands, "ein Stern", "de", frozenset()) == ["b"]


def test_words_common_to_many_findings_name_nothing(tmp_path):
    text = "Der Zauberladen hilft."
    package = invented(tmp_path, [(1, f"Erkenntnis {i}", text) for i in range(5)])
    # "Zauberladen" is in every finding: it tells them apart from nothing
    assert "zauberladen" in sf._common_words(package)
    assert sf.finding_focus(package, "x0").actor_types == ()


def test_a_selection_without_the_breakdown_gets_an_empty_frame(tmp_path):
    package = invented(tmp_path, [(1, "Kooperation in jeder Größenklasse", "Großstädte und Landkreise.")])
    plan = sf.evidence_plan(package, "x0", 1)
    assert plan.kind == sf.BY_SIZE
    by_type = select(package, Filters(actor_type=("t1", "t2")))
    assert not by_type.allows("size_class")
    assert sf.frame_is_empty(sf.plan_frame(by_type, plan))


def test_unknown_finding_and_question_without_codes(tmp_path):
    package = invented(tmp_path, [(1, "Zauberläden", "Ohne weitere Angaben.")])
    assert sf.finding_focus(package, "nope") == sf.Focus()
    assert sf.evidence_plan(package, "x0", 1) is not None


@pytest.mark.parametrize(
    "title, text, expected",
    [
        # the title's types, and those the text lists with another one; not one mentioned in passing
        (
            "Zauberläden sind etablierte Partner",
            "Mit Zauberläden und Sternwarten gibt es Kooperation. Sie reicht bis zur Beratung der Wolkenvereine.",
            ("t1", "t2"),
        ),
        ("Zauberläden sind etablierte Partner", "Zauberläden, Sternwarten und Wolkenvereine.", ("t1", "t2", "t3")),
        ("Zauberläden sind etablierte Partner", "Es gibt Beratung der Sternwarte.", ("t1",)),
        # a list in the text that leaves out the title's type still lists
        ("Sternwarten profitieren", "Listen kommen von Zauberläden und Mondkapellen.", ("t2", "t1", "t4")),
        # a title without types: the text's types count, also one alone
        ("Viel Funkenflug", "Die Sternwarte berät.", ("t2",)),
        ("Viel Funkenflug", "Ohne Bezug auf einen Typ.", ()),
    ],
)
def test_the_text_adds_the_types_it_lists_not_those_it_mentions(tmp_path, title, text, expected):
    package = invented(tmp_path, [(1, title, text)])
    assert sf.finding_focus(package, "x0", 1).actor_types == expected
