"""Mitmachen: a focus group's participants vote on their phones (390 px wide, no sidebar, no login).

The join link carries the round's code ("?code=ABCD-EFGH"). A participant is a random token in the
address ("t=…"), put there on the first visit: a reload keeps the address and so the token, and
their earlier vote is shown and replaced instead of counted twice. The vote is confirmed only after
the database has committed it.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.app import voting_ui
from components.app.context import get_context
from components.i18n import fmt_int, pick
from components.text import md
from components.voting import CODE_PARAM, JOIN_CSS, TOKEN_PARAM, form_text, question_text
from study.voting import (
    CODE_LENGTH,
    VoteRefused,
    VotingUnavailable,
    format_code,
    new_participant_token,
    normalise_code,
    participant_id,
)

TEXTS = {
    "enter_code": ("Code der Abstimmung", "Code of the vote"),
    "enter_help": ("Der Code steht auf der Leinwand, z. B. ABCD-EFGH.", "The code is on the screen, e.g. ABCD-EFGH."),
    "join": ("Teilnehmen", "Join"),
    "unknown": (
        "Zu diesem Code gibt es keine Abstimmung. Bitte prüfen Sie den Code auf der Leinwand.",
        "There is no vote with this code. Please check the code on the screen.",
    ),
    "slow_down": (
        "Zu viele Versuche in kurzer Zeit. Bitte warten Sie eine Minute.",
        "Too many attempts in a short time. Please wait a minute.",
    ),
    "closed": (
        "Diese Abstimmung ist beendet. Vielen Dank fürs Mitmachen!",
        "This vote has ended. Thank you for taking part!",
    ),
    "pick_hint": ("Wählen Sie bis zu {n} Antworten.", "Choose up to {n} answers."),
    "points_hint": (
        "Verteilen Sie bis zu {n} Punkte: mehr Punkte für das, was Ihnen wichtiger ist.",
        "Distribute up to {n} points: more points for what matters more to you.",
    ),
    "vote": ("Abstimmen", "Vote"),
    "saved": (
        "Danke! Ihre Stimme ist gespeichert. Sie können sie ändern, solange die Abstimmung läuft.",
        "Thank you! Your vote has been saved. You can change it while the vote is open.",
    ),
    "already": (
        "Ihre Stimme ist gespeichert. Sie können sie unten ändern, solange die Abstimmung läuft.",
        "Your vote has been saved. You can change it below while the vote is open.",
    ),
    "your_vote": ("Ihre Stimme", "Your vote"),
    "refused_closed": (
        "Die Abstimmung ist bereits geschlossen. Ihre Stimme wurde nicht gezählt.",
        "The vote has already been closed. Your vote was not counted.",
    ),
    "refused_unknown_round": (
        "Diese Abstimmung gibt es nicht mehr. Ihre Stimme wurde nicht gezählt.",
        "This vote no longer exists. Your vote was not counted.",
    ),
    "refused_empty": ("Bitte wählen Sie mindestens eine Antwort.", "Please choose at least one answer."),
    "refused_too_many_pick": (
        "Bitte wählen Sie höchstens {n} Antworten.",
        "Please choose at most {n} answers.",
    ),
    "refused_too_many_points": (
        "Sie haben mehr als {n} Punkte verteilt. Bitte verringern Sie einige.",
        "You have given more than {n} points. Please reduce some.",
    ),
    "refused_invalid_option": ("Diese Antwort gehört nicht zur Abstimmung.", "This answer is not part of the vote."),
    "refused_full": ("Die Abstimmung ist voll.", "The vote is full."),
    "refused_rate_limited": (
        "Sie haben sehr oft in kurzer Zeit abgestimmt. Bitte warten Sie eine Minute.",
        "You have voted very often in a short time. Please wait a minute.",
    ),
    "points_of": ("{n} Punkte", "{n} points"),
    "no_data": (
        "Abstimmen ist gerade nicht möglich. Bitte sagen Sie dem Studienteam Bescheid.",
        "Voting is not possible right now. Please tell the study team.",
    ),
}
SUBMIT_KEY = "mitmachen_abstimmen"


def participant_token() -> str:
    """This phone's token: from the address, or a new one written into it (so a reload keeps it)."""
    token = st.query_params.get(TOKEN_PARAM, "")
    if not (16 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum()):
        token = new_participant_token()
        st.query_params[TOKEN_PARAM] = token
    return token


def ask_for_code() -> None:
    with st.form("mitmachen_code"):
        typed = st.text_input(tx("enter_code"), max_chars=12, help=tx("enter_help"), key="mitmachen_code_eingabe")
        if st.form_submit_button(tx("join"), type="primary", width="stretch"):
            st.query_params[CODE_PARAM] = format_code(normalise_code(typed))
            st.rerun()


def refusal(reason: str, rnd) -> str:
    if reason == "too_many":
        return tx(f"refused_too_many_{rnd.form}", n=fmt_int(rnd.budget, lang))
    return tx(f"refused_{reason}")


def ballot_form(rnd, stored: dict[str, int]) -> dict[str, int] | None:
    """The options as large checkboxes (pick) or number fields (points); the choices once submitted."""
    label = labels.actor_type if rnd.question == "partner" else labels.code
    hint = "pick_hint" if rnd.form == "pick" else "points_hint"
    st.markdown(tx(hint, n=fmt_int(rnd.budget, lang)))
    with st.form(f"mitmachen_{rnd.round_id}", border=False):
        choices = {}
        for i, option in enumerate(rnd.options):
            if rnd.form == "pick":
                ticked = st.checkbox(md(label(option)), value=option in stored, key=f"wahl_{i}")
                choices[option] = int(ticked)
            else:
                choices[option] = int(
                    st.number_input(
                        md(label(option)),
                        min_value=0,
                        max_value=rnd.budget,
                        value=stored.get(option, 0),
                        key=f"punkte_{i}",
                    )
                )
        submitted = st.form_submit_button(
            tx("vote"), type="primary", width="stretch", icon=":material/how_to_vote:", key=SUBMIT_KEY
        )
    return choices if submitted else None


def summary(rnd, stored: dict[str, int]) -> str:
    label = labels.actor_type if rnd.question == "partner" else labels.code
    if rnd.form == "pick":
        return ", ".join(md(label(o)) for o in rnd.options if o in stored)
    return ", ".join(f"{md(label(o))}: {tx('points_of', n=stored[o])}" for o in rnd.options if o in stored)


ctx = get_context()
lang = ctx.lang
tx = partial(pick, TEXTS, lang=lang)
labels = ctx.labels
st.html(JOIN_CSS)

code = normalise_code(st.query_params.get(CODE_PARAM, ""))
if len(code) != CODE_LENGTH:
    st.title(pick({"t": ("Abstimmung", "Vote")}, "t", lang))
    ask_for_code()
    st.stop()

try:
    store = voting_ui.store()
    rnd = store.round_by_code(code)
except VotingUnavailable:
    st.error(tx("no_data"))
    st.stop()
if rnd is None:
    st.title(pick({"t": ("Abstimmung", "Vote")}, "t", lang))
    # Wrong codes count for the whole server: guessing a round's code gets nowhere.
    st.error(tx("unknown") if voting_ui.wrong_codes.allow("wrong") else tx("slow_down"))
    ask_for_code()
    st.stop()

token = participant_token()
st.title(question_text(rnd.question, lang))
st.caption(f"{md(rnd.title)} · {form_text(rnd.form, rnd.budget, lang)}")
try:
    stored = store.ballot(rnd.round_id, token)
except VotingUnavailable:
    st.error(tx("no_data"))
    st.stop()

if not rnd.is_open:
    # "Abstimmen" pressed on a form shown while the round was open: say plainly that it did not count.
    if st.session_state.get(SUBMIT_KEY):
        st.error(tx("refused_closed"), icon=":material/block:")
    st.info(tx("closed"), icon=":material/lock:")
    if stored:
        st.markdown(f"**{tx('your_vote')}:** {summary(rnd, stored)}")
    st.stop()

if stored:
    st.success(tx("already"), icon=":material/check_circle:")
choices = ballot_form(rnd, stored)
if choices is not None:
    try:
        if not voting_ui.votes_per_participant.allow(participant_id(rnd.round_id, token)):
            raise VoteRefused("rate_limited")
        store.cast_vote(rnd.round_id, token, choices)
    except VoteRefused as refused:
        st.error(refusal(refused.reason, rnd), icon=":material/block:")
    except VotingUnavailable:
        st.error(tx("no_data"))
    else:
        # Shown only after the database committed the vote.
        saved = {o: v for o, v in choices.items() if v}
        st.success(tx("saved"), icon=":material/check_circle:")
        st.markdown(f"**{tx('your_vote')}:** {summary(rnd, saved)}")
