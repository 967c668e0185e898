"""Abstimmung: the presenter asks the room a question built from the codebook and shows the answer live.

Behind the presenter's key: start a round (question, pick up to N or distribute N points), show the
join code, QR code and address for the projector, the result beside the study's figure for the same
codes (refreshed every second), close, reopen or delete a round, download the aggregate. Past rounds
are kept and can be shown again. The round on screen is the query parameter "runde".
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from components.app import ui, voting_ui
from components.app.content import abstimmung as built
from components.app.context import get_context
from components.exports import CSV_MIME, XLSX_MIME
from components.i18n import fmt_int, pick
from components.text import md
from components.voting import (
    PRESENTER_CSS,
    REFRESH_SECONDS,
    build_result_chart,
    form_text,
    join_url,
    qr_png,
    question_options,
    question_text,
    result_csv,
    result_png,
    result_table,
    result_xlsx,
    round_label,
    short_address,
    votes_text,
)
from study.voting import (
    FORMS,
    MAX_BUDGET,
    QUESTIONS,
    VoteRefused,
    VotingUnavailable,
    compare,
    format_code,
    room_result,
)

TEXTS = {
    "intro": (
        "Stellen Sie dem Raum eine Frage aus dem Codebuch der Studie. Die Teilnehmenden stimmen am Handy ab; "
        "das Ergebnis erscheint hier neben dem Befund der Studie.",
        "Ask the room a question from the study's codebook. Participants vote on their phones; the result "
        "appears here beside the study's figure.",
    ),
    "key": ("Moderationsschlüssel", "Presenter key"),
    "key_help": (
        "Steht in der Konfiguration (VOTING_PRESENTER_KEY) oder wird beim Start des Servers ausgegeben.",
        "Set in the configuration (VOTING_PRESENTER_KEY) or printed when the server starts.",
    ),
    "login": ("Anmelden", "Sign in"),
    "wrong_key": ("Der Schlüssel stimmt nicht.", "The key is not correct."),
    "too_many_keys": (
        "Zu viele Versuche. Bitte warten Sie eine Minute.",
        "Too many attempts. Please wait a minute.",
    ),
    "new_round": ("Neue Runde starten", "Start a new round"),
    "title": ("Titel der Runde", "Title of the round"),
    "title_default": ("Fokusgruppe, {date}", "Focus group, {date}"),
    "question": ("Frage", "Question"),
    "form": ("Form", "Form"),
    "form_pick": ("Bis zu N auswählen", "Choose up to N"),
    "form_points": ("N Punkte verteilen (Punktabfrage)", "Distribute N points (dot voting)"),
    "budget": ("N", "N"),
    "start": ("Runde starten", "Start round"),
    "started": ("Die Runde „{title}“ ist gestartet.", "The round “{title}” has started."),
    "budget_range": (
        "N muss zwischen 1 und {max} liegen.",
        "N must be between 1 and {max}.",
    ),
    "rounds": ("Runde", "Round"),
    "no_rounds": ("Noch keine Runde. Starten Sie oben die erste.", "No round yet. Start the first one above."),
    "status_open": ("offen", "open"),
    "status_closed": ("geschlossen", "closed"),
    "join_code": ("Code", "Code"),
    "join_at": ("Mitmachen unter", "Join at"),
    "qr_caption": ("QR-Code zur Abstimmung", "QR code for the vote"),
    "qr_alt": ("QR-Code mit der Adresse {url}", "QR code with the address {url}"),
    "close": ("Runde schließen", "Close round"),
    "reopen": ("Wieder öffnen", "Reopen"),
    "delete": ("Runde löschen", "Delete round"),
    "confirm_delete": ("Ja, diese Runde mit allen Stimmen löschen", "Yes, delete this round with all its votes"),
    "deleted": ("Die Runde wurde gelöscht.", "The round has been deleted."),
    "closed_note": (
        "Die Runde ist geschlossen; es werden keine Stimmen mehr angenommen.",
        "The round is closed; no more votes are accepted.",
    ),
    "votes": ("Abgegebene Stimmen", "Votes cast"),
    "hidden": (
        "Das Ergebnis erscheint ab {k} Stimmen (zum Schutz der Anonymität). Bisher: {n}.",
        "The result appears from {k} votes on (to protect anonymity). So far: {n}.",
    ),
    "study_too_small": (
        "Der Vergleichswert der Studie ist für die aktuelle Auswahl ausgeblendet (weniger als {k} Akteure).",
        "The study's figure is withheld for the current selection (fewer than {k} actors).",
    ),
    "suppressed_votes": (
        "„< {k}“: von weniger als {k} Personen gewählt bzw. von weniger als {k} Akteuren genannt; "
        "aus Gründen der Anonymität nicht ausgewiesen.",
        "“< {k}”: chosen by fewer than {k} people or named by fewer than {k} actors; withheld to protect anonymity.",
    ),
    "download_csv": ("Ergebnis als CSV", "Result as CSV"),
    "download_xlsx": ("Ergebnis als Excel", "Result as Excel"),
    "download_png": ("Ergebnis als Bild (PNG)", "Result as image (PNG)"),
    "sheet": ("Abstimmung", "Vote"),
    "gone": ("Diese Runde gibt es nicht mehr.", "This round no longer exists."),
    "back_to_slides": ("Zurück zur Präsentation", "Back to the presentation"),
}
ROUND_PARAM = "runde"
ROUND_KEY = "abstimmung_runde"


def fail(exc: VotingUnavailable) -> None:
    st.error(voting_ui.unavailable_message(exc, lang), icon=":material/database_off:")


def sign_in() -> None:
    with st.form("abstimmung_anmeldung"):
        given = st.text_input(tx("key"), type="password", help=tx("key_help"), key="abstimmung_schluessel")
        submitted = st.form_submit_button(tx("login"), type="primary")
    if not submitted:
        return
    if voting_ui.wrong_keys.full("presenter"):  # ten wrong keys a minute, then nothing is checked
        st.error(tx("too_many_keys"))
    elif voting_ui.check_key(given):
        st.session_state[voting_ui.PRESENTER_FLAG] = True
        st.rerun()
    else:
        voting_ui.wrong_keys.allow("presenter")
        st.error(tx("wrong_key"))


def start_round_form() -> None:
    today = dt.date.today().strftime("%d.%m." if lang != "en" else "%Y-%m-%d")
    with st.expander(tx("new_round"), expanded=not rounds, icon=":material/add_circle:"), st.form("abstimmung_neu"):
        title = st.text_input(tx("title"), value=tx("title_default", date=today), max_chars=120)
        question = st.radio(tx("question"), QUESTIONS, format_func=lambda q: question_text(q, lang))
        form = st.radio(tx("form"), FORMS, format_func=lambda f: tx(f"form_{f}"), horizontal=True)
        budget = st.number_input(tx("budget"), min_value=1, max_value=MAX_BUDGET, value=3, step=1)
        submitted = st.form_submit_button(tx("start"), type="primary", icon=":material/play_arrow:")
    if not submitted:
        return
    options = question_options(package, question)
    limit = len(options) if form == "pick" else MAX_BUDGET
    if not 1 <= int(budget) <= limit:
        st.error(tx("budget_range", max=fmt_int(limit, lang)))
        return
    try:
        rnd = store.create_round(title, question, form, int(budget), options)
    except VotingUnavailable as exc:
        fail(exc)
        return
    st.session_state[ROUND_KEY] = rnd.round_id
    st.query_params[ROUND_PARAM] = rnd.round_id
    st.session_state["abstimmung_meldung"] = tx("started", title=rnd.title)
    st.rerun()


def act(action: str, round_id: str) -> None:
    """Close, reopen or delete a round (button callbacks; the key was checked when signing in)."""
    if not voting_ui.is_presenter():
        return
    try:
        if action == "close":
            store.close_round(round_id)
        elif action == "reopen":
            store.reopen_round(round_id)
        elif action == "delete":
            store.delete_round(round_id)
            st.session_state["abstimmung_meldung"] = tx("deleted")
            st.session_state.pop(ROUND_KEY, None)
            if ROUND_PARAM in st.query_params:
                del st.query_params[ROUND_PARAM]
    except (VotingUnavailable, VoteRefused) as exc:
        st.session_state["abstimmung_fehler"] = exc


def join_panel(rnd) -> None:
    url = join_url(voting_ui.join_base(), rnd.join_code)
    qr, info = st.columns([2, 3], vertical_alignment="center")
    qr.image(qr_png(url), caption=tx("qr_caption"), width=360, alt=tx("qr_alt", url=short_address(url)))
    with info, st.container(key="abstimmung_beitritt"):
        st.markdown(f"{tx('join_code')}  \n# {format_code(rnd.join_code)}")
        st.markdown(f"{tx('join_at')}  \n**{short_address(url)}**")


def controls(rnd) -> None:
    left, right = st.columns(2)
    if rnd.is_open:
        left.button(tx("close"), on_click=act, args=("close", rnd.round_id), icon=":material/lock:", type="primary")
    else:
        left.button(tx("reopen"), on_click=act, args=("reopen", rnd.round_id), icon=":material/lock_open:")
    with right.popover(tx("delete"), icon=":material/delete:"):
        sure = st.checkbox(tx("confirm_delete"), key=f"abstimmung_sicher_{rnd.round_id}")
        st.button(
            tx("delete"), on_click=act, args=("delete", rnd.round_id), disabled=not sure, key="abstimmung_loeschen"
        )


@st.fragment(run_every=REFRESH_SECONDS)
def live_result(round_id: str) -> None:
    """The round's result, read from the database every second (a fragment: only this part reruns)."""
    try:
        tally = store.tally(round_id)
    except VotingUnavailable as exc:
        fail(exc)
        return
    if tally is None:
        st.info(tx("gone"))
        return
    rnd = tally.round
    st.metric(tx("votes"), fmt_int(tally.n_ballots, lang))
    room = room_result(tally, k)
    if room is None:
        st.info(tx("hidden", k=k, n=fmt_int(tally.n_ballots, lang)), icon=":material/visibility_off:")
        return
    compared = compare(room, built.study_figure(sel, rnd.question))
    label = labels.actor_type if rnd.question == "partner" else labels.code
    fig = build_result_chart(compared, rnd, label, k=k, lang=lang, n_ballots=tally.n_ballots)
    st.plotly_chart(fig, key="abstimmung_chart", config=ui.PLOTLY_CONFIG, alt=fig.layout.meta["alt"], theme=None)
    table = result_table(compared, rnd, label, k=k, lang=lang)
    st.table(table, hide_index=True)
    st.caption(tx("suppressed_votes", k=k))
    if sel.too_small:
        st.caption(tx("study_too_small", k=k))
    title = f"{rnd.title}: {question_text(rnd.question, lang)} ({votes_text(tally.n_ballots, lang)})"
    legend = (table.columns[-2], table.columns[-1])
    name = f"abstimmung-{rnd.created_at[:10]}-{rnd.round_id[:6]}"
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        tx("download_csv"), lambda: result_csv(table), f"{name}.csv", CSV_MIME, on_click="ignore", key="dl_csv"
    )
    c2.download_button(
        tx("download_xlsx"),
        lambda: result_xlsx(table, tx("sheet")),
        f"{name}.xlsx",
        XLSX_MIME,
        on_click="ignore",
        key="dl_xlsx",
    )
    c3.download_button(
        tx("download_png"),
        lambda: result_png(table, compared, title, legend),
        f"{name}.png",
        "image/png",
        on_click="ignore",
        key="dl_png",
    )


ctx = get_context()
lang, sel, k, package = ctx.lang, ctx.selection, ctx.k, ctx.package
tx = partial(pick, TEXTS, lang=lang)
labels = ctx.labels
st.html(PRESENTER_CSS)

ui.page_header(ctx, "page_voting")
st.markdown(tx("intro"))
ui.coverage(ctx)
ui.page_link("pages/praesentation.py", label=tx("back_to_slides"), icon=":material/slideshow:")

try:
    store = voting_ui.store()
except VotingUnavailable as exc:
    fail(exc)
    st.stop()

if not voting_ui.is_presenter():
    sign_in()
    st.stop()

try:
    rounds = store.rounds()
except VotingUnavailable as exc:
    fail(exc)
    st.stop()

start_round_form()
note = st.session_state.pop("abstimmung_meldung", None)
if note:
    st.success(note)
error = st.session_state.pop("abstimmung_fehler", None)
if isinstance(error, VotingUnavailable):
    fail(error)
elif error is not None:
    st.error(tx("gone"))

if not rounds:
    st.info(tx("no_rounds"))
    st.stop()

by_id = {r.round_id: r for r in rounds}
wanted = st.session_state.get(ROUND_KEY) or st.query_params.get(ROUND_PARAM)
if wanted not in by_id:
    wanted = rounds[0].round_id
st.session_state[ROUND_KEY] = wanted
chosen = st.selectbox(
    tx("rounds"),
    list(by_id),
    format_func=lambda rid: round_label(by_id[rid], lang, tx("status_open"), tx("status_closed")),
    key=ROUND_KEY,
)
if st.query_params.get(ROUND_PARAM) != chosen:
    st.query_params[ROUND_PARAM] = chosen
current = by_id[chosen]

st.header(question_text(current.question, lang), anchor=False)
st.caption(f"{md(current.title)} · {form_text(current.form, current.budget, lang)}")
if current.is_open:
    join_panel(current)
else:
    st.info(tx("closed_note"), icon=":material/lock:")
controls(current)
live_result(current.round_id)
