"""The voting pages through AppTest: the presenter's "Abstimmung" and the participants' "Mitmachen".

Each test has its own SQLite file (``VOTING_DATA_DIR`` in a temp folder) and a known presenter key.
"""

from __future__ import annotations

import pandas as pd
import pytest
from apptest_support import dashboard

from components.voting import question_options
from study.package import load_package
from study.voting import VoteStore, database_url, format_code

KEY = "richtig-geheim"
PRESENTER = "pages/abstimmung.py"
PARTICIPANT = "pages/mitmachen.py"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("VOTING_DATA_DIR", str(tmp_path / "abstimmung"))
    monkeypatch.setenv("VOTING_PRESENTER_KEY", KEY)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("VOTING_PUBLIC_URL", raising=False)
    return tmp_path


@pytest.fixture(scope="module")
def demo():
    return load_package()


def own_store() -> VoteStore:
    return VoteStore(database_url())


def errors(at) -> list[str]:
    return [e.value for e in at.exception]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def presenter(query: dict | None = None, key: str = KEY):
    at = dashboard(query)
    at.switch_page(PRESENTER).run()
    assert not errors(at), errors(at)
    at.text_input(key="abstimmung_schluessel").input(key)
    button(at, "Anmelden").click().run()
    assert not errors(at), errors(at)
    return at


def participant(code: str, token: str | None = None, lang: str | None = None):
    query = {"code": code}
    if token:
        query["t"] = token
    if lang:
        query["sprache"] = lang
    at = dashboard(query)
    at.switch_page(PARTICIPANT).run()
    assert not errors(at), errors(at)
    return at


def start_round(at, question: str = "herausforderungen", form: str = "pick", budget: int = 3):
    at.radio[0].set_value(question)
    at.radio[1].set_value(form)
    at.number_input[0].set_value(budget)
    button(at, "Runde starten").click().run()
    assert not errors(at), errors(at)
    rounds = own_store().rounds()
    return at, rounds[0]


def test_presenter_needs_the_key(env):
    at = dashboard()
    at.switch_page(PRESENTER).run()
    assert not any(b.label == "Runde starten" for b in at.button)
    at.text_input(key="abstimmung_schluessel").input("falsch")
    button(at, "Anmelden").click().run()
    assert "Der Schlüssel stimmt nicht." in [e.value for e in at.error]
    assert not any(b.label == "Runde starten" for b in at.button)
    assert own_store().rounds() == []


def test_presenter_starts_a_round_with_code_qr_and_address(env, demo):
    at = presenter()
    assert "Noch keine Runde" in " ".join(i.value for i in at.info)
    at, rnd = start_round(at)
    assert rnd.options == tuple(question_options(demo, "herausforderungen"))
    assert rnd.form == "pick" and rnd.budget == 3 and rnd.is_open
    text = " ".join(m.value for m in at.markdown)
    assert format_code(rnd.join_code) in text
    assert "/mitmachen" in text
    assert [img.captions for img in at.get("image")] == [["QR-Code zur Abstimmung"]], "the QR code is shown"
    assert at.query_params["runde"] == [rnd.round_id] or at.query_params["runde"] == rnd.round_id
    assert "Welche Herausforderungen wiegen bei Ihnen am schwersten?" in [h.value for h in at.header]
    # below k votes nothing but the count is shown
    assert [m.value for m in at.metric] == ["0"]
    assert "Das Ergebnis erscheint ab 3 Stimmen" in " ".join(i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_result_beside_study_and_small_counts_withheld(env, demo):
    at, rnd = start_round(presenter())
    store = own_store()
    first, second, third = rnd.options[:3]
    for i in range(4):
        store.cast_vote(rnd.round_id, f"p{i}", {first: 1, second: 1} if i else {first: 1, third: 1})
    at.run()
    assert not errors(at), errors(at)
    assert [m.value for m in at.metric] == ["4"]
    table = at.table[0].value
    rows = table.set_index(table.columns[0])
    labels = dict(zip(demo.codebook["code"], demo.codebook["label_de"], strict=True))
    assert rows.loc[labels[first], "Stimmen (Personen)"] == "4"
    assert rows.loc[labels[first], "Raum: Anteil der Stimmen"] == "100\u00a0%"
    assert rows.loc[labels[second], "Stimmen (Personen)"] == "3"
    assert rows.loc[labels[third], "Stimmen (Personen)"] == "< 3"  # one person: withheld
    assert rows.loc[labels[third], "Raum: Anteil der Stimmen"] == "< 3"
    # the study's share of actors for the same code, as on "Herausforderungen"
    from study.evidence import ranked_frequencies
    from study.selection import Filters, select

    freq = ranked_frequencies(select(demo, Filters()), category="herausforderung").set_index("code")
    expected = f"{round(100 * freq.loc[first, 'share_actors'])}\u00a0%"
    assert rows.loc[labels[first], "Studie: Anteil der Akteure, die es nennen"] == expected
    assert at.get("plotly_chart")
    assert len(at.get("download_button")) == 3


def test_close_reopen_delete(env):
    at, rnd = start_round(presenter())
    button(at, "Runde schließen").click().run()
    assert not own_store().get_round(rnd.round_id).is_open
    assert "Die Runde ist geschlossen" in " ".join(i.value for i in at.info)
    button(at, "Wieder öffnen").click().run()
    assert own_store().get_round(rnd.round_id).is_open
    at.checkbox(key=f"abstimmung_sicher_{rnd.round_id}").check().run()
    at.button(key="abstimmung_loeschen").click().run()
    assert not errors(at), errors(at)
    assert own_store().get_round(rnd.round_id) is None
    assert "Die Runde wurde gelöscht." in [s.value for s in at.success]


def test_past_rounds_are_kept_and_shown_again(env):
    store = own_store()
    old = store.create_round(
        "Fokusgruppe Esslingen, 12.03.", "potenziale", "pick", 2, ["pot_inklusion", "pot_vorbildwirkung"]
    )
    for i in range(3):
        store.cast_vote(old.round_id, f"p{i}", {"pot_inklusion": 1})
    store.close_round(old.round_id)
    at = presenter({"runde": old.round_id})
    box = at.selectbox(key="abstimmung_runde")
    assert box.value == old.round_id
    assert "Fokusgruppe Esslingen, 12.03." in box.format_func(old.round_id)
    assert "geschlossen" in box.format_func(old.round_id)
    assert [m.value for m in at.metric] == ["3"]
    assert "Welche Potenziale sehen Sie?" in [h.value for h in at.header]


def test_participant_votes_and_sees_confirmation(env, demo):
    store = own_store()
    rnd = store.create_round("R", "herausforderungen", "pick", 2, question_options(demo, "herausforderungen"))
    at = participant(format_code(rnd.join_code))
    assert not at.sidebar.multiselect, "no filters on the participants' page"
    assert "Welche Herausforderungen wiegen bei Ihnen am schwersten?" in [t.value for t in at.title]
    token = at.query_params["t"]
    token = token[0] if isinstance(token, list) else token
    assert len(token) >= 16
    at.checkbox(key="wahl_0").check()
    at.checkbox(key="wahl_2").check()
    button(at, "Abstimmen").click().run()
    assert any("Ihre Stimme ist gespeichert" in s.value for s in at.success)
    assert store.ballot(rnd.round_id, token) == {rnd.options[0]: 1, rnd.options[2]: 1}
    # a reload (same address, same token) shows the stored vote and does not add a second one
    again = participant(format_code(rnd.join_code), token=token)
    assert any("Ihre Stimme ist gespeichert" in s.value for s in again.success)
    assert again.checkbox(key="wahl_0").value is True
    again.checkbox(key="wahl_2").uncheck()
    button(again, "Abstimmen").click().run()
    tally = store.tally(rnd.round_id)
    assert tally.n_ballots == 1 and dict(tally.voters) == {rnd.options[0]: 1}


def test_participant_too_many_and_closed(env, demo):
    store = own_store()
    rnd = store.create_round("R", "herausforderungen", "pick", 1, question_options(demo, "herausforderungen"))
    at = participant(rnd.join_code.lower())
    at.checkbox(key="wahl_0").check()
    at.checkbox(key="wahl_1").check()
    button(at, "Abstimmen").click().run()
    assert "Bitte wählen Sie höchstens 1 Antworten." in [e.value for e in at.error]
    at.checkbox(key="wahl_1").uncheck()
    store.close_round(rnd.round_id)  # the presenter closes while the form is open
    button(at, "Abstimmen").click().run()
    assert "Die Abstimmung ist bereits geschlossen. Ihre Stimme wurde nicht gezählt." in [e.value for e in at.error]
    assert store.tally(rnd.round_id).n_ballots == 0
    later = participant(format_code(rnd.join_code))
    assert "Diese Abstimmung ist beendet" in " ".join(i.value for i in later.info)
    assert not any(b.label == "Abstimmen" for b in later.button)


def test_participant_dot_voting(env, demo):
    store = own_store()
    rnd = store.create_round("R", "partner", "points", 5, question_options(demo, "partner"))
    at = participant(format_code(rnd.join_code))
    assert "Mit wem würden Sie zuerst zusammenarbeiten?" in [t.value for t in at.title]
    at.number_input(key="punkte_0").set_value(4)
    at.number_input(key="punkte_1").set_value(3)
    button(at, "Abstimmen").click().run()
    assert "Sie haben mehr als 5 Punkte verteilt. Bitte verringern Sie einige." in [e.value for e in at.error]
    at.number_input(key="punkte_1").set_value(1)
    button(at, "Abstimmen").click().run()
    assert any("Ihre Stimme ist gespeichert" in s.value for s in at.success)
    assert dict(store.tally(rnd.round_id).points) == {rnd.options[0]: 4, rnd.options[1]: 1}


def test_participant_unknown_code_and_code_entry(env):
    at = participant("ZZZZ-ZZZZ")
    assert "Zu diesem Code gibt es keine Abstimmung" in " ".join(e.value for e in at.error)
    store = own_store()
    rnd = store.create_round("R", "herausforderungen", "pick", 1, ["her_mehrkosten", "her_ehrenamt_grenzen"])
    at.text_input(key="mitmachen_code_eingabe").input(rnd.join_code.lower())
    button(at, "Teilnehmen").click().run()
    assert "Welche Herausforderungen wiegen bei Ihnen am schwersten?" in [t.value for t in at.title]


def test_participant_in_english(env, demo):
    store = own_store()
    rnd = store.create_round("R", "potenziale", "pick", 2, question_options(demo, "potenziale"))
    at = participant(format_code(rnd.join_code), lang="en")
    assert "Which potentials do you see?" in [t.value for t in at.title]
    assert any(b.label == "Vote" for b in at.button)
    assert at.radio(key="sprache").value == "en"  # the language switch is on the page itself


def test_read_only_database_gives_a_clear_message(env, monkeypatch, demo):
    store = own_store()
    store.create_round("Fokusgruppe Esslingen, 12.03.", "herausforderungen", "pick", 1, ["her_mehrkosten"])
    monkeypatch.setenv("DATABASE_URL", database_url().replace("sqlite:///", "sqlite:///", 1) + "?mode=ro")
    at = presenter()
    assert [m.value for m in at.metric] == ["0"]  # past rounds can still be shown
    button(at, "Runde starten").click().run()
    assert any("schreibgeschützt" in e.value for e in at.error)
    # the rest of the dashboard keeps working
    at.switch_page("pages/herausforderungen.py").run()
    assert not errors(at) and at.get("plotly_chart")


def test_missing_database_gives_a_clear_message(env, monkeypatch):
    blocker = env / "eine-datei"
    blocker.write_text("kein Ordner")
    monkeypatch.setenv("VOTING_DATA_DIR", str(blocker))
    at = dashboard()
    at.switch_page(PRESENTER).run()
    assert not errors(at)
    assert any("Die Abstimmungsdatenbank fehlt" in e.value for e in at.error)
    at = participant("ABCD-EFGH")
    assert any("Abstimmen ist gerade nicht möglich" in e.value for e in at.error)
    at.switch_page("pages/ueberblick.py").run()
    assert not errors(at) and at.metric


def test_presentation_links_to_voting(env):
    at = dashboard()
    at.switch_page("pages/praesentation.py").run()
    links = [link.proto.page for link in at.get("page_link")]
    assert any(str(page).endswith("abstimmung.py") or "abstimmung" in str(page) for page in links)


def test_result_table_frame_types(env):
    # the display table holds strings only, so CSV/XLSX never carry raw small counts
    at, rnd = start_round(presenter(), budget=2)
    store = own_store()
    for i in range(3):
        store.cast_vote(rnd.round_id, f"p{i}", {rnd.options[0]: 1})
    at.run()
    table = at.table[0].value
    assert isinstance(table, pd.DataFrame)
    assert all(isinstance(v, str) for v in table.to_numpy().ravel())


def test_partner_question_shows_study_share_of_cooperation(env, demo):
    from components.i18n import fmt_pct
    from study.aggregate import cross_table
    from study.selection import Filters, select

    at, rnd = start_round(presenter(), question="partner", budget=2)
    store = own_store()
    for i in range(3):
        store.cast_vote(rnd.round_id, f"p{i}", {rnd.options[0]: 1})
    at.run()
    assert not errors(at), errors(at)
    table = at.table[0].value
    column = "Studie: Anteil der Akteure, die eine Kooperation mit diesem Typ nennen"
    label = demo.actor_types.set_index("actor_type").loc[rnd.options[0], "label_de"]
    row = table.set_index(table.columns[0]).loc[label]
    assert row["Stimmen (Personen)"] == "3"
    sel = select(demo, Filters())
    cross = cross_table(sel, "kooperation", "partner_type", "category").set_index("partner_type")
    assert row[column] == fmt_pct(cross.loc[rnd.options[0], "n_actors"] / sel.n_actors)


def test_locked_database_gives_a_clear_message(env):
    import sqlite3

    at = presenter()
    path = database_url().removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file (the store waits 5 s, then gives up)
    try:
        button(at, "Runde starten").click().run()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not errors(at), errors(at)
    assert any("gerade gesperrt" in e.value for e in at.error)
    assert own_store().rounds() == []
