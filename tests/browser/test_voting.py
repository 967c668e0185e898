"""Live voting in the real browser: a presenter and 30 phones (390×844) on one server, axe on both pages,
and a server killed with SIGKILL during voting that loses no confirmed vote.

One Chromium, one context per participant. Every context blocks requests to foreign hosts.
"""

from __future__ import annotations

import os
import re
import signal
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from study.voting import VoteStore, database_url, normalise_code

from .conftest import make_visit, start_server, stop_server
from .test_accessibility import run_axe, summarise

pytestmark = pytest.mark.browser

KEY = "browser-test-schluessel"
PHONE = (390, 844)
N_PARTICIPANTS = 30
CONFIRMED = "Danke! Ihre Stimme ist gespeichert."


def voting_server(folder: Path, name: str):
    env = {"VOTING_DATA_DIR": str(folder), "VOTING_PRESENTER_KEY": KEY}
    with mock.patch.dict(os.environ, env):
        os.environ.pop("DATABASE_URL", None)
        return start_server(None, name)


def store_for(folder: Path) -> VoteStore:
    return VoteStore(database_url({"VOTING_DATA_DIR": str(folder)}))


@pytest.fixture(scope="module")
def voting_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("votes")


@pytest.fixture(scope="module")
def server(voting_dir):
    s = voting_server(voting_dir, "voting")
    yield s
    stop_server(s)


def sign_in_and_start(browser, server, budget: int = 2):
    """The presenter's tab: sign in, start a round (challenges, pick up to ``budget``); returns (visit, code)."""
    p = make_visit(browser, server, viewport=(1366, 900), own_context=True)
    p.open("abstimmung")
    p.page.get_by_label("Moderationsschlüssel", exact=True).fill(KEY)
    p.page.get_by_role("button", name="Anmelden").click()
    p.page.get_by_text("Neue Runde starten").wait_for(timeout=15_000)
    p.wait()  # the page drawn completely: is the form's expander open?
    start = p.page.get_by_role("button", name="Runde starten")
    if not start.is_visible():  # with earlier rounds the form sits in a closed expander
        p.page.get_by_text("Neue Runde starten").click()
        start.wait_for(timeout=15_000)
    p.page.locator('input[aria-label="N"]').fill(str(budget))
    p.page.get_by_role("button", name="Runde starten").click()
    try:
        p.page.get_by_text("Mitmachen unter").wait_for(timeout=30_000)
    except PlaywrightTimeout:  # what the presenter saw instead, for the report
        p.screenshot("voting-start-failed")
        raise AssertionError(f"no join line after starting a round; the page says: {p.text()[:600]}") from None
    p.wait()
    text = p.text()
    code = re.search(r"Code\s+([A-Z0-9]{4}-[A-Z0-9]{4})", text).group(1)
    return p, code


def metric_is(visit, value: str, timeout: float) -> None:
    visit.page.wait_for_function(
        "v => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')].some(e => e.innerText.trim() === v)",
        arg=value,
        timeout=timeout,
    )


def open_phones(browser, server, url: str, n: int, batch: int = 3) -> list:
    """``n`` phones on the join address, loaded a few at a time.

    A fresh context loads and compiles Streamlit's frontend (about 4 s here); all 30 at once on two
    cores took longer than small batches, so the pages load in batches and vote all at once.
    """
    phones = [
        make_visit(browser, server, viewport=PHONE, is_mobile=True, has_touch=True, own_context=True) for _ in range(n)
    ]
    for start in range(0, n, batch):
        group = phones[start : start + batch]
        for v in group:
            v.page.goto(url, wait_until="commit")
        for v in group:
            v.wait(timeout=60_000)
            v.page.get_by_role("button", name="Abstimmen").wait_for(timeout=60_000)
    return phones


def token_of(visit) -> str:
    return re.search(r"[?&]t=([^&]+)", visit.page.url).group(1)


def test_thirty_phones_vote_and_the_presenter_sees_the_totals(browser, server, voting_dir):
    presenter, code = sign_in_and_start(browser, server, budget=2)
    assert f"127.0.0.1:{server.url.rsplit(':', 1)[1]}/mitmachen" in presenter.text()
    assert presenter.page.locator('[data-testid="stImage"] img').count() == 1  # the QR code, made locally
    url = f"{server.url}/mitmachen?code={code}"
    phones = open_phones(browser, server, url, N_PARTICIPANTS)
    try:
        boxes = phones[0].page.locator('[data-testid="stCheckbox"]')
        labels = [boxes.nth(i).inner_text().strip() for i in range(boxes.count())]
        assert len(labels) >= 3
        # participant i: option i % 3, and every other participant also the last option
        expected: Counter = Counter()
        for i, v in enumerate(phones):
            chosen = [i % 3] + ([len(labels) - 1] if i % 2 == 0 else [])
            for j in chosen:
                v.page.locator('[data-testid="stCheckbox"]').nth(j).click()
                expected[labels[j]] += 1
        for v in phones:  # press "Abstimmen" on all phones before waiting for any: concurrent votes
            v.page.get_by_role("button", name="Abstimmen").click(no_wait_after=True)
        for v in phones:
            v.page.get_by_text(CONFIRMED).wait_for(timeout=30_000)
        # within 3 s of the last confirmation the presenter's screen shows all 30 votes
        metric_is(presenter, str(N_PARTICIPANTS), timeout=3_000)
        presenter.page.wait_for_function(
            "n => document.querySelectorAll('[data-testid=\"stTable\"] tbody tr').length === n",
            arg=len(labels),
            timeout=3_000,
        )
        rows = presenter.page.locator('[data-testid="stTable"] tbody tr')
        shown = {}
        for r in range(rows.count()):
            cells = [c.strip() for c in rows.nth(r).locator("td, th").all_inner_texts()]
            shown[cells[0]] = cells[1]
        for label in labels:
            n = expected.get(label, 0)
            assert shown[label] == (str(n) if n == 0 or n >= 3 else "< 3"), (label, shown)
        presenter.screenshot("abstimmung-presenter-30")
        phones[0].screenshot("abstimmung-phone")

        # a reload keeps the token: the phone shows its vote and changing it adds no second vote
        again = phones[1]
        token = token_of(again)
        again.page.reload()
        again.wait()
        again.page.get_by_text("Ihre Stimme ist gespeichert. Sie können sie unten ändern").wait_for(timeout=15_000)
        assert token_of(again) == token
        again.page.get_by_role("button", name="Abstimmen").click()
        again.page.get_by_text(CONFIRMED).wait_for(timeout=15_000)
        store = store_for(voting_dir)
        rnd = store.round_by_code(normalise_code(code))
        assert store.tally(rnd.round_id).n_ballots == N_PARTICIPANTS
        presenter.page.wait_for_timeout(1_500)  # a refresh or two later, still 30
        metric_is(presenter, str(N_PARTICIPANTS), timeout=1_000)

        # the presenter closes; a phone that still shows the form is refused with a message
        presenter.page.get_by_role("button", name="Runde schließen").click()
        presenter.page.get_by_text("Die Runde ist geschlossen").wait_for(timeout=15_000)
        late = phones[2]
        late.page.locator('[data-testid="stCheckbox"]').nth(1).click()
        late.page.get_by_role("button", name="Abstimmen").click()
        late.page.get_by_text("Die Abstimmung ist bereits geschlossen. Ihre Stimme wurde nicht gezählt.").wait_for(
            timeout=15_000
        )
        tally = store.tally(rnd.round_id)
        assert tally.n_ballots == N_PARTICIPANTS
        assert store.ballot(rnd.round_id, token_of(late)) == {rnd.options[2 % 3]: 1, rnd.options[-1]: 1}
        for v in [presenter, *phones]:
            assert v.foreign == [], v.foreign
    finally:
        for v in [presenter, *phones]:
            v.page.context.close()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_voting_pages_pass_axe(browser, server, lang):
    presenter, code = sign_in_and_start(browser, server, budget=1)
    phone = make_visit(browser, server, viewport=PHONE, is_mobile=True, has_touch=True, own_context=True)
    try:
        query = f"code={code}" + ("&sprache=en" if lang == "en" else "")
        phone.open("mitmachen", query)
        phone.page.wait_for_function("l => document.documentElement.lang === l", arg=lang, timeout=20_000)
        assert phone.page.locator('[data-testid="stSidebar"]').is_hidden()
        # touch targets of at least 44 px
        box = phone.page.get_by_role("button", name="Vote" if lang == "en" else "Abstimmen").bounding_box()
        assert box["height"] >= 44 and box["width"] >= 300
        assert summarise(run_axe(phone.page)["violations"]) == []
        # no horizontal scrolling on a 390 px phone
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        assert summarise(run_axe(presenter.page)["violations"]) == []
        assert phone.foreign == [] and presenter.foreign == []
    finally:
        phone.page.context.close()
        presenter.page.context.close()


def test_sigkill_during_voting_loses_no_confirmed_vote(browser, tmp_path):
    folder = tmp_path / "votes"
    s = voting_server(folder, "voting-kill")
    phones = []
    try:
        presenter, code = sign_in_and_start(browser, s, budget=1)
        presenter.page.context.close()
        phones = open_phones(browser, s, f"{s.url}/mitmachen?code={code}", 12)
        confirmed = []
        for i, v in enumerate(phones[:8]):
            v.page.locator('[data-testid="stCheckbox"]').nth(i % 2).click()
            v.page.get_by_role("button", name="Abstimmen").click()
            v.page.get_by_text(CONFIRMED).wait_for(timeout=15_000)
            confirmed.append((token_of(v), i % 2))
        # the rest press "Abstimmen" and the server dies while their votes are in flight
        for v in phones[8:]:
            v.page.locator('[data-testid="stCheckbox"]').nth(0).click()
            v.page.get_by_role("button", name="Abstimmen").click(no_wait_after=True)
        s.process.send_signal(signal.SIGKILL)
        s.process.wait(timeout=10)
        for v in phones[8:]:  # those that saw a confirmation before the kill must be kept as well
            if v.page.get_by_text(CONFIRMED).count():
                confirmed.append((token_of(v), 0))
    finally:
        for v in phones:
            v.page.context.close()
        if s.process.poll() is None:
            s.process.kill()
    restarted = voting_server(folder, "voting-restarted")
    try:
        store = store_for(folder)
        rnd = store.round_by_code(normalise_code(code))
        assert rnd is not None and rnd.is_open, "the open round survives the kill"
        for token, option in confirmed:
            assert store.ballot(rnd.round_id, token) == {rnd.options[option]: 1}
        assert store.tally(rnd.round_id).n_ballots >= len(confirmed) >= 8
        # and the restarted server takes votes for the round again
        phone = open_phones(browser, restarted, f"{restarted.url}/mitmachen?code={code}", 1)[0]
        phone.page.locator('[data-testid="stCheckbox"]').nth(1).click()
        phone.page.get_by_role("button", name="Abstimmen").click()
        phone.page.get_by_text(CONFIRMED).wait_for(timeout=15_000)
        phone.page.context.close()
        assert store.tally(rnd.round_id).n_ballots >= len(confirmed) + 1
    finally:
        stop_server(restarted)
