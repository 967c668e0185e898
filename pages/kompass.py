"""Kooperationskompass: a municipality describes itself and gets the study's evidence that fits it.

The profile is mirrored in the URL (keys "k_…", see study.compass.QUERY_KEYS): read when the session
first opens this page, written on every run, so a result can be shared as a link.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import handout
from components.app import memo, ui
from components.app.context import get_context
from components.app.memo import aggregate as agg
from components.app.memo import select
from components.evidence import build_instrument_chart, instrument_table
from components.i18n import fmt_int, pick, t
from components.slides import filter_summary
from components.text import md
from components.views import CompassView, Ranked, SimilarCard
from study.compass import (
    QUERY_KEYS,
    Compass,
    Profile,
    Recommendation,
    municipality_filters,
    profile_from_query,
    profile_to_query,
)
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Selection

TEXT = {
    "intro": (
        "Beschreiben Sie Ihre Kommune. Der Kompass sucht die ähnlichsten Kommunen der Studie und zeigt, mit welchen "
        "Akteuren Sie am ehesten zusammenarbeiten können – jeweils mit den Belegen aus der Studie. Die Eingaben "
        "stehen in der Adresse der Seite: Sie können das Ergebnis als Link weitergeben.",
        "Describe your municipality. The compass finds the most similar municipalities of the study and shows which "
        "actors you could best work with – each with the study's evidence. Your input is kept in the page's address: "
        "you can share the result as a link.",
    ),
    "your_municipality": ("Ihre Kommune", "Your municipality"),
    "state": ("Bundesland", "Federal state"),
    "size_class": ("Größenklasse", "Size class"),
    "none": ("– keine Angabe –", "– not given –"),
    "actor_types": ("Welche Akteurstypen gibt es bei Ihnen?", "Which actor types exist locally?"),
    "challenges": ("Ihre größten Herausforderungen", "Your main challenges"),
    "choose": ("bitte wählen", "please choose"),
    "council": (
        "Es gibt einen Ratsbeschluss zur fairen Beschaffung",
        "There is a council resolution on fair procurement",
    ),
    "fairtrade": ("Unsere Kommune ist Fairtrade-Town", "Our municipality is a Fairtrade Town"),
    "filters_apply": (
        "Die Filter links gelten auch hier: {filters}.",
        "The filters on the left apply here too: {filters}.",
    ),
    "similar": ("1. Ähnliche Kommunen der Studie", "1. Similar municipalities in the study"),
    "similar_explain": (
        "Punkte je gemeinsamem Merkmal: gleiche Größenklasse +3 (benachbarte +1), gleiches Bundesland +3 "
        "(Nachbarland +2, gleicher Landesteil +1), Ratsbeschluss und Fairtrade-Town wie bei Ihnen je +1.",
        "Points per shared attribute: same size class +3 (neighbouring +1), same federal state +3 (neighbouring "
        "state +2, same part of Germany +1), council resolution and Fairtrade Town as yours +1 each.",
    ),
    "why_similar": ("Warum ähnlich", "Why similar"),
    "coop_of": (
        "Kooperationen in dieser Kommune (Akteure je Status)",
        "Cooperation in this municipality (actors by status)",
    ),
    "coop_small": (
        "Zu wenige Akteure in dieser Kommune und Auswahl, um Kooperationen auszuweisen.",
        "Too few actors in this municipality and selection to show cooperation.",
    ),
    "ranking": ("2. Welche Partner passen?", "2. Which partners fit?"),
    "method": ("So entsteht die Rangfolge", "How the ranking is made"),
    "approach": ("Partner vor Ort, die Sie zuerst ansprechen können", "Local partners to approach first"),
    "build_up": ("Partner, die Sie aufbauen können", "Partners you could build up"),
    "no_local": (
        "Wählen Sie oben, welche Akteurstypen es bei Ihnen gibt: Sie erscheinen dann hier, nach Punkten gereiht.",
        "Choose above which actor types exist locally: they then appear here, ranked by points.",
    ),
    "all_local": ("Alle Akteurstypen gibt es bei Ihnen schon.", "All actor types already exist locally."),
    "points_chart": ("Punkte je Akteurstyp ({which})", "Points per actor type ({which})"),
    "voices": ("Stimmen über diesen Partner", "Voices about this partner"),
    "more_ranks": ("Plätze {first} bis {last}", "Ranks {first} to {last}"),
    "steps": ("3. Erste Schritte", "3. First steps"),
    "steps_explain": (
        "Prozessinstrumente der Studie, gereiht nach dem Anteil bestehender Kooperationen in den Kommunen, die sie "
        "nennen (ein Zusammenhang, kein Beleg für Ursache und Wirkung).",
        "The study's process instruments, ranked by the share of existing cooperation in the municipalities naming "
        "them (an association, not proof of cause and effect).",
    ),
    "steps_chart": (
        "Prozessinstrumente nach Anteil bestehender Kooperationen",
        "Process instruments by share of existing cooperation",
    ),
    "handout": ("4. Handout zum Mitnehmen", "4. Handout to take away"),
    "handout_explain": (
        "Ihr Profil, die Rangfolge und die Hinweise auf ein bis zwei A4-Seiten, mit Datum und Datenquelle.",
        "Your profile, the ranking and the notes on one or two A4 pages, with date and data source.",
    ),
    "pdf": ("Handout als PDF", "Handout as PDF"),
    "html": ("Handout als HTML (druckbar)", "Handout as HTML (printable)"),
    "no_pdf": (
        "PDF nicht verfügbar: Die Schrift DejaVu fehlt auf dem Server (Paket fonts-dejavu-core). Bitte laden Sie "
        "die HTML-Fassung und drucken Sie sie aus dem Browser.",
        "PDF not available: the DejaVu font is missing on the server (package fonts-dejavu-core). Please download "
        "the HTML version and print it from the browser.",
    ),
    "caveats": ("Hinweise", "Notes"),
}
RQS = (1, 2, 4, 6, 7)
# Ranks shown as cards in each list; the rest (all in the chart and its table) sit in an expander,
# so that a list of a dozen types stays readable at a focus group.
CARDS = 5
STORE = "_kompass_profile"


def tx(key: str, **params) -> str:
    return pick(TEXT, key, lang, **params)


def rank_card(rec: Recommendation, result: Compass, labels: Labels, lang: str) -> str:
    """A rank as one Markdown block (one element instead of one per line: each costs a rerun ~1 ms)."""
    lines = [
        f"#### {rec.rank}. {md(labels.actor_type(rec.actor_type))}",
        f":small[{md(handout.parts_text(rec, lang))}]",
        md(handout.rank_sentence(rec, result, labels, lang)),
    ]
    if rec.quotes:
        lines.append(f"**{pick(TEXT, 'voices', lang)}**")
        for quote in rec.quotes:
            source = (labels.group(quote.group), labels.code(quote.code))
            lines += [f"> „{md(quote.text)}“", f":small[{' · '.join(md(part) for part in source)}]"]
    return "\n\n".join(lines)


@memo.view
def option_names(package: StudyPackage, lang: str) -> dict[str, dict[str, str]]:
    """The label of every option of the profile form (the widgets ask for each option on every rerun)."""
    labels = memo.labels(package, lang)
    label_of = {
        "state": labels.state,
        "size_class": labels.size_class,
        "actor_types": labels.actor_type,
        "challenges": labels.code,
    }
    return {
        field: {v: label_of[field](v) for v in values}
        for field, values in memo.compass.profile_options(package).items()
    }


@memo.view
def compass_view(sel: Selection, profile: Profile, lang: str) -> CompassView:
    result = memo.compass.compass(sel, profile)
    labels, k = memo.labels(sel.package, lang), sel.k
    similar = []
    for row in result.similar.itertuples(index=False):
        points = handout.tx("points_of", lang, score=fmt_int(row.score, lang), max=fmt_int(row.max_score, lang))
        why = md(handout.criteria_text(row.criteria, result.profile, lang))
        coop = agg.cooperation_status(select(sel.package, municipality_filters(sel.filters, row.municipality_id)))
        text = [
            f"**{md(row.name)}** – {md(labels.state(row.state))}, {md(labels.size_class(row.size_class))} · {points}",
            f"{pick(TEXT, 'why_similar', lang)}: {why}",
            *([f":small[{pick(TEXT, 'coop_small', lang)}]"] if coop.empty else []),
        ]
        table = None if coop.empty else ui.chart_table(handout.cooperation_table(coop, labels, k=k, lang=lang))
        similar.append(SimilarCard(str(row.municipality_id), "\n\n".join(text), table))

    def ranked(recs, which: str) -> Ranked | None:
        if not recs:
            return None
        title = pick(TEXT, "points_chart", lang, which=pick(TEXT, which, lang))
        fig = handout.build_score_chart(recs, labels, k=k, lang=lang, title=title)
        chart, table = ui.prepared(fig, handout.score_table(recs, labels, lang))
        cards = [rank_card(rec, result, labels, lang) for rec in recs]
        more_label = ""
        if len(recs) > CARDS:
            more_label = pick(TEXT, "more_ranks", lang, first=recs[CARDS].rank, last=recs[-1].rank)
        return Ranked(chart, table, tuple(cards[:CARDS]), more_label, "\n\n---\n\n".join(cards[CARDS:]))

    steps = None
    if not result.steps.empty:
        title = pick(TEXT, "steps_chart", lang)
        fig = build_instrument_chart(result.steps, labels.code, k=k, lang=lang, title=title, metric="share_existing")
        steps = ui.prepared(fig, instrument_table(result.steps, labels.code, k=k, lang=lang))
    return CompassView(
        result, tuple(similar), ranked(result.partners, "approach"), ranked(result.build_up, "build_up"), steps
    )


ctx = get_context()
lang, labels, sel, k, package = ctx.lang, ctx.labels, ctx.selection, ctx.k, ctx.package
options = memo.compass.profile_options(package)
names = option_names(package, lang)

# The profile: from the URL when the session first comes here, then from the session (widgets forget
# their values when another page is shown, so the profile is also kept under a key of its own).
if STORE not in st.session_state:
    st.session_state[STORE] = profile_from_query(
        {key: st.query_params.get_all(key) for key in st.query_params}, package
    )
stored: Profile = memo.compass.clean_profile(st.session_state[STORE], package)
initial = {
    QUERY_KEYS["state"]: stored.state or "",
    QUERY_KEYS["size_class"]: stored.size_class or "",
    QUERY_KEYS["actor_types"]: list(stored.actor_types),
    QUERY_KEYS["challenges"]: list(stored.challenges),
    QUERY_KEYS["council_resolution"]: stored.council_resolution,
    QUERY_KEYS["fairtrade_town"]: stored.fairtrade_town,
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

ui.page_header(ctx, "page_compass", RQS)
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
    council = left.checkbox(tx("council"), key=QUERY_KEYS["council_resolution"])
    fairtrade = right.checkbox(tx("fairtrade"), key=QUERY_KEYS["fairtrade_town"])

profile = Profile(
    state=state or None,
    size_class=size_class or None,
    actor_types=tuple(actor_types),
    challenges=tuple(challenges),
    council_resolution=bool(council),
    fairtrade_town=bool(fairtrade),
)
st.session_state[STORE] = profile
ui.mirror_in_url(QUERY_KEYS.values(), profile_to_query(profile))

if not ui.coverage(ctx):
    st.stop()
filters_text = filter_summary(sel.filters, labels, lang)
if not sel.filters.is_empty:
    st.info(tx("filters_apply", filters=md(filters_text)), icon=":material/filter_alt:")

view = compass_view(sel, profile, lang)
result = view.result

# 1. Similar municipalities, with their cooperation (aggregates of that municipality only).
st.header(tx("similar"))
st.caption(tx("similar_explain"))
if not view.similar:
    st.info(handout.tx("no_similar", lang))
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
    st.markdown(md(handout.method_text(k, lang)))
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
st.caption("  \n".join(md(line) for line in handout.caveats(result, k, package.synthetic, lang)))
