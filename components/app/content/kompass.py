"""Kooperationskompass: the profile form's option names, and the result half of the page per profile."""

from __future__ import annotations

from dataclasses import dataclass

from study import aggregate, compass
from study.compass import Compass, Profile, Recommendation, municipality_filters
from study.labels import Labels
from study.package import StudyPackage
from study.selection import Selection, select

from ... import compass_text
from ...charts import ChartTable, FrozenFigure, chart_table, prepared
from ...evidence import build_instrument_chart, instrument_table
from ...i18n import fmt_int, pick
from ...text import md
from ..cache import cached
from .common import chart_source

TEXTS = {
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
        "Gibt es einen Ratsbeschluss zur fairen Beschaffung?",
        "Is there a council resolution on fair procurement?",
    ),
    "fairtrade": ("Ist Ihre Kommune Fairtrade-Town?", "Is your municipality a Fairtrade Town?"),
    "not_given": ("keine Angabe", "not given"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
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
# Ranks shown as cards in each list; the rest (all in the chart and its table) sit in an expander,
# so that a list of a dozen types stays readable at a focus group.
CARDS = 5


@dataclass(frozen=True)
class SimilarCard:
    """A similar municipality on the compass page."""

    municipality_id: str
    text: str  # Markdown: name, state, size and points; why similar
    table: ChartTable | None  # cooperation per partner type, None if too few actors


@dataclass(frozen=True)
class Ranked:
    """One of the compass's partner lists: its chart and a Markdown card per rank."""

    chart: FrozenFigure
    table: ChartTable
    cards: tuple[str, ...]  # the first ranks, one Markdown block each: heading, parts, sentence, voices
    more_label: str  # the expander with the remaining ranks ("" if none)
    more: str  # their blocks as one Markdown text, separated by rules


@dataclass(frozen=True)
class CompassView:
    """What the result half of the compass page shows, per selection, profile and language."""

    result: Compass
    similar: tuple[SimilarCard, ...]
    partners: Ranked | None
    build_up: Ranked | None
    steps: tuple[FrozenFigure, ChartTable] | None


def rank_card(rec: Recommendation, result: Compass, labels: Labels, lang: str) -> str:
    """A rank as one Markdown block (one element instead of one per line: each costs a rerun ~1 ms)."""
    lines = [
        f"#### {rec.rank}. {md(labels.actor_type(rec.actor_type))}",
        f":small[{md(compass_text.parts_text(rec, lang))}]",
        md(compass_text.rank_sentence(rec, result, labels, lang)),
    ]
    if rec.quotes:
        lines.append(f"**{pick(TEXTS, 'voices', lang)}**")
        for quote in rec.quotes:
            source = (labels.group(quote.group), labels.code(quote.code))
            lines += [f"> „{md(quote.text)}“", f":small[{' · '.join(md(part) for part in source)}]"]
    return "\n\n".join(lines)


@cached
def option_names(labels: Labels) -> dict[str, dict[str, str]]:
    """The label of every option of the profile form (the widgets ask for each option on every rerun)."""
    package = labels.package
    label_of = {
        "state": labels.state,
        "size_class": labels.size_class,
        "actor_types": labels.actor_type,
        "challenges": labels.code,
    }
    return {
        field: {v: label_of[field](v) for v in values} for field, values in compass.profile_options(package).items()
    }


@cached
def compass_view(sel: Selection, profile: Profile, labels: Labels) -> CompassView:
    result = compass.compass(sel, profile)
    lang, k = labels.lang, sel.k
    source = chart_source(sel, labels)
    similar = []
    for row in result.similar.itertuples(index=False):
        points = pick(
            compass_text.TEXTS, "points_of", lang, score=fmt_int(row.score, lang), max=fmt_int(row.max_score, lang)
        )
        why = md(compass_text.criteria_text(row.criteria, result.profile, lang))
        coop = aggregate.cooperation_status(select(sel.package, municipality_filters(sel.filters, row.municipality_id)))
        text = [
            f"**{md(row.name)}** – {md(labels.state(row.state))}, {md(labels.size_class(row.size_class))} · {points}",
            f"{pick(TEXTS, 'why_similar', lang)}: {why}",
            *([f":small[{pick(TEXTS, 'coop_small', lang)}]"] if coop.empty else []),
        ]
        table = None if coop.empty else chart_table(compass_text.cooperation_table(coop, labels, k=k, lang=lang))
        similar.append(SimilarCard(str(row.municipality_id), "\n\n".join(text), table))

    def ranked(recs, which: str) -> Ranked | None:
        if not recs:
            return None
        title = pick(TEXTS, "points_chart", lang, which=pick(TEXTS, which, lang))
        fig = compass_text.build_score_chart(recs, labels, k=k, lang=lang, title=title)
        chart, table = prepared(fig, compass_text.score_table(recs, labels, lang), source)
        cards = [rank_card(rec, result, labels, lang) for rec in recs]
        more_label = ""
        if len(recs) > CARDS:
            more_label = pick(TEXTS, "more_ranks", lang, first=recs[CARDS].rank, last=recs[-1].rank)
        return Ranked(chart, table, tuple(cards[:CARDS]), more_label, "\n\n---\n\n".join(cards[CARDS:]))

    steps = None
    if not result.steps.empty:
        title = pick(TEXTS, "steps_chart", lang)
        fig = build_instrument_chart(result.steps, labels.code, k=k, lang=lang, title=title, metric="share_existing")
        steps = prepared(fig, instrument_table(result.steps, labels.code, k=k, lang=lang), source)
    return CompassView(
        result, tuple(similar), ranked(result.partners, "approach"), ranked(result.build_up, "build_up"), steps
    )


@cached(max_entries=20)
def profile_options(package: StudyPackage) -> dict[str, tuple[str, ...]]:
    return compass.profile_options(package)


@cached
def clean_profile(profile: Profile, package: StudyPackage) -> Profile:
    return compass.clean_profile(profile, package)
