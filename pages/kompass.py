"""Kooperationskompass: a municipality describes itself and gets the study's evidence that fits it.

The profile is mirrored in the URL (keys "k_…", see study.compass.QUERY_KEYS): read when the session
first opens this page, written on every run, so a result can be shared as a link.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from components import compass_text, handout
from components.app import ui
from components.app.content import kompass as built
from components.app.context import get_context
from components.i18n import pick, t
from components.slides import filter_summary
from components.text import md
from study.compass import QUERY_KEYS, Profile, profile_from_query, profile_to_query

STORE = "_kompass_profile"
# The yes/no questions have three answers: not ticking a box is no "no" (keine Angabe, the default).
ANSWERS = ("", "1", "0")
ANSWER_OF = {None: "", True: "1", False: "0"}
VALUE_OF = {"": None, "1": True, "0": False}

ctx = get_context()
lang, labels, sel, k, package = ctx.lang, ctx.labels, ctx.selection, ctx.k, ctx.package
tx = partial(pick, built.TEXTS, lang=lang)
options = built.profile_options(package)
names = built.option_names(labels)

# The profile: from the URL when the session first comes here, then from the session (widgets forget
# their values when another page is shown, so the profile is also kept under a key of its own).
if STORE not in st.session_state:
    st.session_state[STORE] = profile_from_query(
        {key: st.query_params.get_all(key) for key in st.query_params}, package
    )
stored: Profile = built.clean_profile(st.session_state[STORE], package)
initial = {
    QUERY_KEYS["state"]: stored.state or "",
    QUERY_KEYS["size_class"]: stored.size_class or "",
    QUERY_KEYS["actor_types"]: list(stored.actor_types),
    QUERY_KEYS["challenges"]: list(stored.challenges),
    QUERY_KEYS["council_resolution"]: ANSWER_OF[stored.council_resolution],
    QUERY_KEYS["fairtrade_town"]: ANSWER_OF[stored.fairtrade_town],
}
for key, value in initial.items():
    if key not in st.session_state:
        st.session_state[key] = value
# Values another package lacks (after an upload) would break the widgets: keep only known ones.
for field, key in ((f, QUERY_KEYS[f]) for f in ("state", "size_class")):
    if st.session_state[key] not in ("", *options[field]):
        st.session_state[key] = ""
for field, key in ((f, QUERY_KEYS[f]) for f in ("actor_types", "challenges")):
    st.session_state[key] = [v for v in st.session_state[key] if v in options[field]]
for key in (QUERY_KEYS["council_resolution"], QUERY_KEYS["fairtrade_town"]):
    if st.session_state[key] not in ANSWERS:  # a bool kept by a session from before the three answers
        st.session_state[key] = ANSWER_OF.get(st.session_state[key], "")

ui.page_header(ctx, "page_compass")
st.markdown(tx("intro"))

with st.container(border=True):
    st.subheader(tx("your_municipality"))
    left, right = st.columns(2)
    state = left.selectbox(
        tx("state"),
        ["", *options["state"]],
        format_func=lambda v: names["state"][v] if v else tx("none"),
        key=QUERY_KEYS["state"],
    )
    size_class = right.selectbox(
        tx("size_class"),
        ["", *options["size_class"]],
        format_func=lambda v: names["size_class"][v] if v else tx("none"),
        key=QUERY_KEYS["size_class"],
    )
    actor_types = st.multiselect(
        tx("actor_types"),
        options["actor_types"],
        format_func=names["actor_types"].__getitem__,
        key=QUERY_KEYS["actor_types"],
        placeholder=tx("choose"),
    )
    challenges = st.multiselect(
        tx("challenges"),
        options["challenges"],
        format_func=names["challenges"].__getitem__,
        key=QUERY_KEYS["challenges"],
        placeholder=tx("choose"),
    )
    left, right = st.columns(2)
    answer_name = {"": tx("not_given"), "1": tx("yes"), "0": tx("no")}.__getitem__
    council = left.radio(
        tx("council"), ANSWERS, format_func=answer_name, horizontal=True, key=QUERY_KEYS["council_resolution"]
    )
    fairtrade = right.radio(
        tx("fairtrade"), ANSWERS, format_func=answer_name, horizontal=True, key=QUERY_KEYS["fairtrade_town"]
    )

profile = Profile(
    state=state or None,
    size_class=size_class or None,
    actor_types=tuple(actor_types),
    challenges=tuple(challenges),
    council_resolution=VALUE_OF.get(council),
    fairtrade_town=VALUE_OF.get(fairtrade),
)
st.session_state[STORE] = profile
ui.mirror_in_url(QUERY_KEYS.values(), profile_to_query(profile))

if not ui.coverage(ctx):
    st.stop()
filters_text = filter_summary(sel.filters, labels, lang)
if not sel.filters.is_empty:
    st.info(tx("filters_apply", filters=md(filters_text)), icon=":material/filter_alt:")

view = built.compass_view(sel, profile, labels)
result = view.result

# 1. Similar municipalities, with their cooperation (aggregates of that municipality only).
st.header(tx("similar"))
st.caption(tx("similar_explain"))
if not view.similar:
    st.info(pick(compass_text.TEXTS, "no_similar", lang))
for card in view.similar:
    with st.container(border=True):
        st.markdown(card.text)
        if card.table is not None:
            # Sent only while open, like the charts' tables.
            key = f"kompass_coop_{card.municipality_id}"
            with st.expander(tx("coop_of"), key=f"{key}_open", on_change="rerun") as box:
                if box.open:
                    st.dataframe(card.table.data, hide_index=True, key=key)

# 2. The partner ranking: parts and weights beside each rank, a sentence, the evidence and voices.
st.header(tx("ranking"))
with st.expander(tx("method")):
    st.markdown(md(compass_text.method_text(k, lang)))
for key, ranked, empty in (("partners", view.partners, "no_local"), ("build_up", view.build_up, "all_local")):
    st.subheader(tx("approach" if key == "partners" else "build_up"))
    if ranked is None:
        st.info(tx(empty))
        continue
    ui.chart(ranked.chart, ranked.table, ctx, f"kompass_{key}")
    for card in ranked.cards:
        with st.container(border=True):
            st.markdown(card)
    if ranked.more:
        with st.expander(ranked.more_label):
            st.markdown(ranked.more)

# 3. First steps: process instruments by how often they go with existing cooperation.
st.header(tx("steps"))
st.caption(tx("steps_explain"))
if view.steps is None:
    st.info(t("no_data", lang))
else:
    ui.chart(*view.steps, ctx, "kompass_steps")

# 4. The handout (built when a button is pressed).
st.header(tx("handout"))
st.caption(tx("handout_explain"))
today = dt.date.today()


def blocks_for(limits=handout.HANDOUT_LIMITS[0]):
    return handout.handout_blocks(
        result,
        labels,
        lang=lang,
        source_title=package.title,
        synthetic=package.synthetic,
        filters_text=filters_text,
        day=today,
        limits=limits,
    )


left, right = st.columns(2)
if handout.pdf_available():
    left.download_button(
        tx("pdf"),
        data=lambda: handout.build_pdf(blocks_for, lang),
        file_name=f"kooperationskompass-{today.isoformat()}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="kompass_pdf",
    )
else:
    left.info(tx("no_pdf"))
right.download_button(
    tx("html"),
    data=lambda: handout.build_html(blocks_for(handout.HTML_LIMITS), lang),
    file_name=f"kooperationskompass-{today.isoformat()}.html",
    mime="text/html",
    on_click="ignore",
    icon=":material/print:",
    key="kompass_html",
)

st.subheader(tx("caveats"))
st.caption("  \n".join(md(line) for line in compass_text.caveats(result, k, package.synthetic, lang)))
