"""Kooperation (RQ1, RQ3, RQ4): who cooperates with whom, the potential, how partners are won, support forms."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.app import ui
from components.app.content import kooperation as built
from components.app.context import get_context
from components.i18n import pick, rq_text, t
from study.cooperation import STATUSES

ctx = get_context()
lang, sel, k = ctx.lang, ctx.selection, ctx.k
labels = ctx.labels


tx = partial(pick, built.TEXTS, lang=lang)


def section(key: str, rq: int) -> None:
    st.header(tx(key))
    st.caption(f"{t('rq_short', lang)} {rq}: {rq_text(rq, lang)}")


def show(chart, key: str, explain: str) -> None:
    """A cached chart with its explanation, or the no-data notice."""
    if chart is None:
        st.info(t("no_data", lang))
    else:
        st.caption(explain)
        ui.chart(*chart, ctx, key)


ui.page_header(ctx, "page_cooperation")
if not ui.coverage(ctx):
    st.stop()

# RQ1: who cooperates with whom, per status: matrix and network.
section("who", 1)
speaker_types = ui.allowed_dimensions(ctx, ("actor_type",))
if not speaker_types:
    # Said in words where the matrix and the network would stand, instead of an empty section.
    st.info(tx("who_withheld", k=k), icon=":material/visibility_off:")
else:
    status = st.segmented_control(
        tx("status"), STATUSES, default=STATUSES[0], required=True, format_func=labels.status, key="koop_status"
    )
    status = status or STATUSES[0]
    show(built.status_chart(sel, labels, status), "koop_matrix", tx("matrix_explain"))

    st.subheader(tx("network"))
    statuses = st.pills(
        tx("network_statuses"),
        STATUSES,
        selection_mode="multi",
        # existing cooperation first: all statuses at once make too many lines to read at a glance
        default=[STATUSES[0]],
        format_func=labels.status,
        key="koop_network_statuses",
    )
    strongest = built.strongest_link(sel, tuple(statuses))
    if not statuses:
        st.info(tx("no_status"))
    elif strongest < k:
        st.info(tx("no_links", k=k))
    else:
        min_actors = k
        if strongest > k:
            min_actors = st.slider(tx("min_actors"), min_value=k, max_value=strongest, value=k, key="koop_min_actors")
        st.caption(tx("network_explain", k=k))
        ui.chart(*built.network_chart(sel, labels, tuple(statuses), min_actors), ctx, "koop_network")

# RQ1: potential = planned or wished-for cooperation that does not exist yet.
section("potential", 1)
show(built.potential_chart(sel, labels), "koop_potential", tx("potential_explain"))

# RQ3: how partners can be won.
section("winning", 3)
show(built.winning_chart(sel, labels), "koop_winning", tx("winning_explain"))

# RQ4: which forms of support which partner types offer, or which actor groups need.
section("support", 4)
support_views = ui.allowed_dimensions(ctx, ("partner_type", "group"))
support_by = st.segmented_control(
    tx("support_view"),
    support_views,
    default="partner_type",
    required=True,
    format_func=lambda d: tx("offered") if d == "partner_type" else tx("needed"),
    key="koop_support_by",
)
support_by = support_by if support_by in support_views else "partner_type"
show(built.support_chart(sel, labels, support_by), "koop_support", tx(f"support_explain_{support_by}"))
