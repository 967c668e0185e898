"""The Kooperation page (RQ1, RQ3, RQ4) under AppTest: renders, shows what study/ computes, protects small groups."""

from __future__ import annotations

from functools import partial

import pytest
from apptest_support import charts, open_page

from components.i18n import fmt_int, fmt_pct, t
from factory import small_group_query
from study import aggregate
from study import cooperation as coop
from study.labels import Labels
from study.package import load_package
from study.selection import Filters, select

PAGE = "pages/kooperation.py"
# The page's tables in order: status matrix, network links, potential, winning partners, support forms.
MATRIX, NETWORK, POTENTIAL, WINNING, SUPPORT = range(5)


@pytest.fixture
def sel(package):
    return select(package, Filters())


open_page = partial(open_page, PAGE, number_tables=True)


def edges_in(chart: dict) -> list[dict]:
    return [tr["meta"] for tr in chart["data"] if isinstance(tr.get("meta"), dict) and tr["meta"].get("kind") == "edge"]


def cells(values, suppressed, fmt, k) -> list[str]:
    return [f"< {k}" if s else fmt(v) for v, s in zip(values, suppressed, strict=True)]


def counts(frame, column, k, lang="de") -> list[str]:
    """A count column as the page shows it: blank counts are withheld ("< k")."""
    return [f"< {k}" if v != v else fmt_int(v, lang) for v in frame[column]]


def test_renders_with_default_filters(package):
    at = open_page()
    assert at.title[0].value == t("page_cooperation", "de")
    assert [h.value for h in at.header][:4] == [
        "Wer kooperiert mit wem?",
        "Kooperationspotenzial",
        "Wie lassen sich Partner gewinnen?",
        "Wie sieht Unterstützung in der Praxis aus?",
    ]
    header = at.markdown[0].value
    assert "FF 1" in header and "FF 3" in header and "FF 4" in header
    assert len(charts(at)) == 5
    assert all(el.proto.alt for el in at.get("plotly_chart"))


def test_the_data_has_protected_counts_and_links_of_several_strengths(sel):
    # guards the tests below: counts are protected unit cells (0 or >= k, never withheld), the matrix
    # holds both zeros and shown counts, and the links differ in strength (for the slider)
    matrix = coop.status_matrix(sel, coop.STATUSES[0])
    assert not matrix["suppressed"].any()
    assert (matrix["value"] == 0).any() and (matrix["value"] >= sel.k).any()
    assert ((matrix["value"] == 0) | (matrix["value"] >= sel.k)).all()
    links = coop.cooperation_links(sel)
    assert (links["n_actors"] >= sel.k).all()  # links of 0 are left out
    strongest = coop.strongest_link(links)
    assert 0 < len(coop.network_edges(links, sel.k, strongest)) < len(coop.network_edges(links, sel.k)) == len(links)


@pytest.mark.parametrize("status", coop.STATUSES)
def test_status_matrix_equals_study(package, sel, status):
    at = open_page()
    if status != coop.STATUSES[0]:
        at.segmented_control(key="koop_status").set_value(status).run()
        assert not at.exception
    expected = coop.status_matrix(sel, status)
    labels = Labels(package)
    table = at.dataframe[MATRIX].value
    assert table.iloc[:, 0].tolist() == [labels.actor_type(a) for a in expected["actor_type"]]
    assert table.iloc[:, 1].tolist() == [labels.partner_type(p) for p in expected["partner_type"]]
    assert table.iloc[:, 2].tolist() == cells(
        expected["value"], expected["suppressed"], lambda v: fmt_int(v, "de"), sel.k
    )
    heatmap = charts(at)[0]
    assert labels.status(status) in heatmap["layout"]["title"]["text"]
    text = [c for row in heatmap["data"][0]["text"] for c in row]
    assert text.count(f"< {sel.k}") == int(expected["suppressed"].sum())


# The network opens with existing cooperation only (all statuses at once are too many lines to read).
SHOWN_FIRST = [coop.STATUSES[0]]


def test_network_draws_the_links_with_at_least_k_actors(sel):
    at = open_page()
    expected = coop.network_edges(coop.cooperation_links(sel, SHOWN_FIRST), sel.k)
    network = charts(at)[1]
    drawn = edges_in(network)
    assert len(drawn) == len(expected)
    assert {(e["source"], e["target"], e["status"], e["n_actors"]) for e in drawn} == {
        (str(r.actor_type), str(r.partner_type), str(r.status), r.n_actors) for r in expected.itertuples()
    }
    assert all(e["n_actors"] >= sel.k for e in drawn)
    assert len(at.dataframe[NETWORK].value) == len(expected)
    assert at.dataframe[NETWORK].value["Akteure"].tolist() == [fmt_int(n, "de") for n in expected["n_actors"]]
    assert f"{len(expected)} Verbindungen" in network["layout"]["meta"]["alt"]


def test_network_minimum_and_statuses(sel):
    at = open_page()
    strongest = coop.strongest_link(coop.cooperation_links(sel, SHOWN_FIRST))
    at.slider(key="koop_min_actors").set_value(strongest).run()
    drawn = edges_in(charts(at)[1])
    assert len(drawn) == len(coop.network_edges(coop.cooperation_links(sel, SHOWN_FIRST), sel.k, strongest))
    assert all(e["n_actors"] == strongest for e in drawn)
    at.slider(key="koop_min_actors").set_value(sel.k).run()
    only = coop.STATUSES[1]
    at.pills(key="koop_network_statuses").set_value([only]).run()
    drawn = edges_in(charts(at)[1])
    assert {e["status"] for e in drawn} <= {only}
    assert len(drawn) == len(coop.network_edges(coop.cooperation_links(sel, [only]), sel.k))
    at.pills(key="koop_network_statuses").set_value([]).run()
    assert any(i.value == "Bitte mindestens einen Status wählen." for i in at.info)
    assert not at.exception


def test_potential_equals_study(package, sel):
    at = open_page()
    expected = aggregate.cooperation_status(sel)
    table = at.dataframe[POTENTIAL].value
    assert table.iloc[:, 0].tolist() == [Labels(package).partner_type(p) for p in expected["partner_type"]]
    for column, heading in [("bestehend", "bestehend"), ("gewuenscht", "gewünscht"), ("potential", "Potenzial")]:
        assert table[heading].tolist() == counts(expected, column, sel.k)
    # sorted by potential, as the explanation says
    shown = expected.loc[~expected["suppressed"], "potential"].fillna(-1).tolist()
    assert shown == sorted(shown, reverse=True)
    bars = charts(at)[2]["data"]
    assert [b["name"] for b in bars] == ["bestehend", "geplant", "gewünscht", "Potenzial"]
    assert bars[3]["x"] == expected["potential"].fillna(0).tolist()
    assert any("Potenzial = " in c.value for c in at.caption)


def test_winning_equals_study(package, sel):
    at = open_page()
    expected = aggregate.code_frequencies(sel, coop.WINNING)
    table = at.dataframe[WINNING].value
    assert table.iloc[:, 0].tolist() == [Labels(package).code(c) for c in expected["code"]]
    assert table["Anteil der Akteure"].tolist() == cells(
        expected["share_actors"], expected["suppressed"], lambda v: fmt_pct(v, "de"), sel.k
    )


@pytest.mark.parametrize("by", ["partner_type", "group"])
def test_support_equals_study(package, sel, by):
    at = open_page()
    if by != "partner_type":
        at.segmented_control(key="koop_support_by").set_value(by).run()
        assert not at.exception
    expected = coop.support_matrix(sel, by)
    labels = Labels(package)
    table = at.dataframe[SUPPORT].value
    assert table.iloc[:, 0].tolist() == [labels.of(by)(v) for v in expected[by]]
    assert table.iloc[:, 1].tolist() == [labels.code(c) for c in expected["code"]]
    assert table.iloc[:, 2].tolist() == cells(
        expected["value"], expected["suppressed"], lambda v: fmt_int(v, "de"), sel.k
    )
    heatmap = charts(at)[4]["data"][0]
    assert heatmap["y"] == [labels.of(by)(v) for v in coop.present_order(expected, by)]


def test_municipality_and_type_filter_drops_the_type(package):
    query = small_group_query(package)
    at = open_page(query)
    dropped = t("notice_dropped", "de", dims=t("filter_actor_type", "de"))
    assert any(n.value == dropped for n in [*at.warning, *at.info])
    assert not any(t("too_small", "de", k=package.min_group_size) == w.value for w in at.warning)
    sel = select(package, Filters(municipality_id=(query["kommune"],)))
    # within a regional filter nothing is broken down by speaker type: no network links
    assert coop.cooperation_links(sel).empty
    expected = aggregate.cooperation_status(sel)
    assert charts(at)
    [table] = [df.value for df in at.dataframe if "Potenzial" in df.value.columns]
    assert table.iloc[:, 0].tolist() == [Labels(package).partner_type(p) for p in expected["partner_type"]]
    assert table["Potenzial"].tolist() == counts(expected, "potential", sel.k)


def test_english(package, sel):
    at = open_page({"sprache": "en"})
    assert at.title[0].value == "Cooperation"
    assert at.header[0].value == "Who cooperates with whom?"
    assert at.segmented_control(key="koop_status").options == ["existing", "planned", "wished for"]
    assert "existing" in charts(at)[0]["layout"]["title"]["text"]
    assert "Type one" in at.dataframe[MATRIX].value.iloc[:, 0].tolist()
    assert [b["name"] for b in charts(at)[2]["data"]] == ["existing", "planned", "wished for", "Potential"]
    assert "Code gewinnung (en)" in at.dataframe[WINNING].value.iloc[:, 0].tolist()
    assert "Strongest links" in charts(at)[1]["layout"]["meta"]["alt"]
    expected = aggregate.code_frequencies(sel, coop.WINNING)
    assert at.dataframe[WINNING].value["Share of actors"].tolist() == cells(
        expected["share_actors"], expected["suppressed"], lambda v: fmt_pct(v, "en"), sel.k
    )


def test_demo_package_renders(monkeypatch):
    monkeypatch.delenv("STUDY_DATA", raising=False)
    at = open_page()
    assert len(charts(at)) == 5
    sel = select(load_package(), Filters())
    expected = coop.network_edges(coop.cooperation_links(sel, SHOWN_FIRST), sel.k)
    assert len(edges_in(charts(at)[1])) == len(expected)


def test_network_is_two_columns_with_labels_outside_and_only_the_camera(sel):
    """Issue 14: who names whom reads left to right; no line runs through a label; no zoom or pan."""
    network = charts(open_page())[1]
    nodes = next(tr for tr in network["data"] if tr.get("meta", {}).get("kind") == "nodes")
    assert set(nodes["x"]) == {0.0, 1.0}
    assert {p for x, p in zip(nodes["x"], nodes["textposition"], strict=True) if x == 0} == {"middle left"}
    assert {p for x, p in zip(nodes["x"], nodes["textposition"], strict=True) if x == 1} == {"middle right"}
    for trace in network["data"]:
        if trace.get("meta", {}).get("kind") == "edge":
            assert min(trace["x"]) >= 0.0 and max(trace["x"]) <= 1.0
    assert network["layout"]["dragmode"] is False


def test_who_with_whom_under_a_state_filter_says_why_in_words(package):
    """Issue 14: under a single state filter the section was an empty area below its heading."""
    from study.selection import filter_options

    state = filter_options(package)["state"][0]
    at = open_page({"land": state})
    assert not at.exception
    assert [
        c for c in charts(at) if c["layout"]["title"]["text"].startswith(("Kooperation (", "Kooperationsnetz"))
    ] == []
    infos = [i.value for i in at.info]
    assert any(v.startswith("Für diese Auswahl") and "zu wenige Akteure je Zelle" in v for v in infos), infos
    assert not at.get("segmented_control") or all(w.key != "koop_status" for w in at.get("segmented_control"))
