"""The compass result in words and numbers: criteria, score parts, a sentence per rank, caveats, the
score chart and the page's tables. Plain text: the caller escapes it for its context (``md`` for
st.markdown, ``html_text`` for HTML; PDF text is drawn). No streamlit here.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from study.aggregate import EXISTING, PLANNED, WISHED
from study.anonymity import suppression_label
from study.compass import (
    CHALLENGE,
    COOPERATION,
    SIMILARITY_POINTS,
    SUITABILITY,
    SUPPORT,
    WEIGHTS,
    WISHED_ONLY_FACTOR,
    Compass,
    Profile,
    Recommendation,
)
from study.labels import Labels

from .charts import build_grouped_bars, value_ticks
from .i18n import fmt_float, fmt_int, pick, tr

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Kooperationskompass", "Cooperation compass"),
    "subtitle": ("Welche Partner passen zu unserer Kommune?", "Which partners suit our municipality?"),
    "date": ("Stand", "Date"),
    "source": ("Datenquelle", "Data source"),
    "filters": ("Auswahl", "Selection"),
    "profile": ("Ihr Profil", "Your profile"),
    "state": ("Bundesland", "Federal state"),
    "size_class": ("Größenklasse", "Size class"),
    "actor_types": ("Akteurstypen vor Ort", "Actor types present locally"),
    "challenges": ("Wichtigste Herausforderungen", "Main challenges"),
    "council_resolution": ("Ratsbeschluss zur fairen Beschaffung", "Council resolution on fair procurement"),
    "fairtrade_town": ("Fairtrade-Town", "Fairtrade Town"),
    "yes": ("ja", "yes"),
    "no": ("nein", "no"),
    "none_given": ("keine Angabe", "not given"),
    "similar": ("Ähnliche Kommunen der Studie", "Similar municipalities in the study"),
    "no_similar": (
        "Keine teilnehmende Kommune teilt mehr als ein Merkmal mit Ihrem Profil.",
        "No participating municipality shares more than one attribute with your profile.",
    ),
    "points_of": ("{score} von {max} Punkten", "{score} of {max} points"),
    "partners": ("Partner vor Ort, die Sie zuerst ansprechen können", "Local partners to approach first"),
    "no_partners": (
        "Sie haben keine Akteurstypen vor Ort angegeben.",
        "You have not named any actor types present locally.",
    ),
    "build_up": ("Partner, die Sie aufbauen können", "Partners you could build up"),
    "no_build_up": ("Alle Akteurstypen gibt es bei Ihnen schon.", "All actor types already exist locally."),
    "steps": ("Erste Schritte", "First steps"),
    "steps_intro": (
        "Prozessinstrumente, nach dem Anteil bestehender Kooperationen in den Kommunen, die sie nennen.",
        "Process instruments, by the share of existing cooperation in the municipalities naming them.",
    ),
    "step_line": (
        "{share} bestehende Kooperationen in den Kommunen, die es nennen ({n} Akteure)",
        "{share} existing cooperation in the municipalities naming it ({n} actors)",
    ),
    "no_steps": ("Keine Angaben zu Prozessinstrumenten.", "No data on process instruments."),
    "method": ("So entsteht die Rangfolge", "How the ranking is made"),
    "caveats": ("Hinweise", "Notes"),
    "synthetic": ("Demodaten – keine Studienergebnisse.", "Demo data – not study results."),
    "print": ("Drucken", "Print"),
}

CRITERIA: dict[str, tuple[str, str]] = {
    "same_size": ("gleiche Größenklasse", "same size class"),
    "near_size": ("benachbarte Größenklasse", "neighbouring size class"),
    "same_state": ("gleiches Bundesland", "same federal state"),
    "neighbour_state": ("benachbartes Bundesland", "neighbouring federal state"),
    "same_part": ("gleicher Landesteil", "same part of Germany"),
    "council_resolution+": ("Ratsbeschluss wie bei Ihnen", "council resolution, like yours"),
    "council_resolution-": ("wie bei Ihnen kein Ratsbeschluss", "no council resolution, like yours"),
    "fairtrade_town+": ("Fairtrade-Town wie Ihre Kommune", "Fairtrade Town, like yours"),
    "fairtrade_town-": ("wie bei Ihnen keine Fairtrade-Town", "not a Fairtrade Town, like yours"),
}

PARTS: dict[str, tuple[str, str]] = {
    SUITABILITY: ("Eignung", "Suitability"),
    COOPERATION: ("Kooperation", "Cooperation"),
    CHALLENGE: ("Ihre Herausforderungen", "Your challenges"),
    SUPPORT: ("Unterstützung", "Support"),
}


def _points(x: float, lang: str) -> str:
    return fmt_int(x, lang) if abs(x - round(x)) < 0.05 else fmt_float(x, lang, 1)


# --- sentences -------------------------------------------------------------------------------------------


def criterion_text(criterion: str, profile: Profile, lang: str) -> str:
    """One matched similarity criterion in words, with its points: "gleiche Größenklasse (+3)"."""
    key = criterion
    if criterion in ("council_resolution", "fairtrade_town"):
        key = criterion + ("+" if getattr(profile, criterion) else "-")
    return f"{tr(CRITERIA[key], lang)} (+{SIMILARITY_POINTS[criterion]})"


def criteria_text(criteria, profile: Profile, lang: str) -> str:
    return ", ".join(criterion_text(c, profile, lang) for c in criteria)


def method_text(k: int, lang: str) -> str:
    """How the partner score is made, with its weights (constant text)."""
    w = {key: fmt_int(v, lang) for key, v in WEIGHTS.items()}
    half = fmt_float(WISHED_ONLY_FACTOR, lang, 1)
    if lang == "en":
        return (
            f"Each actor type gets up to 100 points: suitability up to {w[SUITABILITY]} (mean rating as a partner, "
            f"1 = 0 to 5 = full points); cooperation up to {w[COOPERATION]} (share of the study's municipalities "
            f"with existing cooperation with it; planned or wished-for only counts {half}); your challenges up to "
            f"{w[CHALLENGE]} (share of your challenges that statements link to the type: actors of this type name "
            f"the challenge, or a statement on it names the type as partner); support up to {w[SUPPORT]} (share of "
            f"the study's support forms the type is said to offer). Values from fewer than {k} actors are withheld "
            "and count nothing. Without challenges entered, that part drops out and the other three are scaled up "
            "to 100 points. Types you have locally are partners to approach; the others, ranked the same way, "
            "are partners to build up."
        )
    return (
        f"Jeder Akteurstyp erhält bis zu 100 Punkte: Eignung bis {w[SUITABILITY]} (mittlere Bewertung als Partner, "
        f"1 = 0 bis 5 = volle Punkte); Kooperation bis {w[COOPERATION]} (Anteil der Studienkommunen mit bestehender "
        f"Kooperation mit ihm; nur geplant oder gewünscht zählt {half}); Ihre Herausforderungen bis {w[CHALLENGE]} "
        "(Anteil Ihrer Herausforderungen, die Aussagen mit dem Typ verbinden: Akteure dieses Typs nennen die "
        f"Herausforderung, oder eine Aussage dazu nennt ihn als Partner); Unterstützung bis {w[SUPPORT]} (Anteil "
        "der Unterstützungsformen der Studie, die ihm zugeschrieben werden). Werte aus weniger als "
        f"{k} Akteuren werden nicht ausgewiesen und zählen nicht. Ohne angegebene Herausforderungen entfällt dieser "
        "Teil, und die übrigen drei werden auf 100 Punkte hochgerechnet. Akteurstypen, die es bei Ihnen gibt, sind "
        "Partner zum Ansprechen; die übrigen, gleich gereiht, Partner zum Aufbauen."
    )


def parts_text(rec: Recommendation, lang: str) -> str:
    """The score's parts beside the rank: "Eignung 28/40 · Kooperation 25/25 · … = 73/100 Punkte"."""
    items = [
        f"{tr(PARTS[p.key], lang)} {_points(p.points, lang)}/{_points(p.weight, lang)}" for p in rec.parts if p.weight
    ]
    total = sum(p.weight for p in rec.parts)
    word = tr(("Punkte", "points"), lang)
    return " · ".join(items) + f" = {_points(rec.score, lang)}/{fmt_int(total, lang)} {word}"


def _cooperation_clause(rec: Recommendation, n_mun: str, k: int, lang: str) -> str:
    de = lang != "en"
    withheld = f"weniger als {k} Akteure berichten davon" if de else f"fewer than {k} actors report it"
    if rec.n_mun_existing is None:
        existing = f"zu bestehender Kooperation: {withheld}" if de else f"existing cooperation: {withheld}"
    else:
        e = fmt_int(rec.n_mun_existing, lang)
        existing = (
            f"Kooperation besteht in {e} von {n_mun} Kommunen"
            if de
            else f"cooperation with it exists in {e} of {n_mun} municipalities"
        )
    if rec.n_mun_wished is None:
        wished = f"geplant oder gewünscht: {withheld}" if de else f"planned or wished for: {withheld}"
    else:
        w = fmt_int(rec.n_mun_wished, lang)
        wished = f"geplant oder gewünscht in {w}" if de else f"planned or wished for in {w}"
    return f"{existing}, {wished}"


def rank_sentence(rec: Recommendation, compass: Compass, labels: Labels, lang: str) -> str:
    """Why the type stands where it does, in plain words (plain text; escape for the context)."""
    k = compass.k
    name = labels.actor_type(rec.actor_type)
    n_mun = fmt_int(compass.n_municipalities, lang)
    de = lang != "en"
    clauses = []
    if rec.n_rated is None:
        clauses.append(
            f"zur Eignung liegen Bewertungen von weniger als {k} Akteuren vor"
            if de
            else f"its suitability was rated by fewer than {k} actors"
        )
    elif rec.mean_rating is None:
        clauses.append("zur Eignung liegt keine Bewertung vor" if de else "its suitability was not rated")
    else:
        mean, n = fmt_float(rec.mean_rating, lang, 1), fmt_int(rec.n_rated, lang)
        clauses.append(
            f"die Eignung als Partner wird im Mittel mit {mean} von 5 bewertet ({n} Akteure)"
            if de
            else f"its suitability is rated {mean} of 5 on average ({n} actors)"
        )
    clauses.append(_cooperation_clause(rec, n_mun, k, lang))
    if compass.profile.challenges:
        m = fmt_int(len(compass.profile.challenges), lang)
        if rec.challenges:
            names = ", ".join(labels.code(c) for c, _ in rec.challenges)
            n = fmt_int(len(rec.challenges), lang)
            clauses.append(
                f"Aussagen verbinden diesen Akteurstyp mit {n} Ihrer {m} Herausforderungen ({names})"
                if de
                else f"statements link it to {n} of your {m} challenges ({names})"
            )
        else:
            clauses.append(
                "keine Aussage verbindet diesen Akteurstyp mit Ihren Herausforderungen"
                if de
                else "no statement links it to your challenges"
            )
    if rec.support:
        names = ", ".join(labels.code(c) for c, _ in rec.support)
        clauses.append(f"als Unterstützung genannt: {names}" if de else f"it offers {names}")
    else:
        clauses.append("Unterstützungsformen werden nicht genannt" if de else "no support form is named")
    score = _points(rec.score, lang)
    if de:
        lead = f"{name} steht auf Platz {rec.rank} ({score} von 100 Punkten): "
    else:
        lead = f"{name} ranks {rec.rank} ({score} of 100 points): "
    return lead + "; ".join(clauses) + "."


def caveats(compass: Compass, k: int, synthetic: bool, lang: str) -> list[str]:
    n = fmt_int(compass.n_municipalities, lang)
    out = []
    if synthetic:
        out.append(pick(TEXTS, "synthetic", lang))
    if lang == "en":
        out += [
            f"A qualitative study of {n} municipalities: the figures show what the participants reported and are "
            "not representative of German municipalities.",
            "The ranking is a pointer for where to start, not an assessment of individual organisations; "
            "local circumstances decide.",
            f"To protect anonymity, values from fewer than {k} actors are withheld (“{suppression_label(k)}”).",
        ]
    else:
        out += [
            f"Qualitative Studie mit {n} Kommunen: Die Zahlen geben wieder, was die Befragten berichten, und sind "
            "nicht repräsentativ für die Kommunen in Deutschland.",
            "Die Rangfolge ist ein Hinweis, wo Sie anfangen können, keine Bewertung einzelner Organisationen; "
            "entscheidend sind die Verhältnisse vor Ort.",
            f"Zum Schutz der Anonymität werden Werte aus weniger als {k} Akteuren nicht ausgewiesen "
            f"(„{suppression_label(k)}“).",
        ]
    return out


def profile_lines(profile: Profile, labels: Labels, lang: str) -> list[tuple[str, str]]:
    none = pick(TEXTS, "none_given", lang)

    def yes_no(answer: bool | None) -> str:
        return none if answer is None else pick(TEXTS, "yes" if answer else "no", lang)

    return [
        (pick(TEXTS, "state", lang), labels.state(profile.state) if profile.state else none),
        (pick(TEXTS, "size_class", lang), labels.size_class(profile.size_class) if profile.size_class else none),
        (pick(TEXTS, "actor_types", lang), ", ".join(labels.actor_type(a) for a in profile.actor_types) or none),
        (pick(TEXTS, "challenges", lang), ", ".join(labels.code(c) for c in profile.challenges) or none),
        (pick(TEXTS, "council_resolution", lang), yes_no(profile.council_resolution)),
        (pick(TEXTS, "fairtrade_town", lang), yes_no(profile.fairtrade_town)),
    ]


def format_date(day: dt.date, lang: str) -> str:
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


# --- tables and chart frames for the page ---------------------------------------------------------------


def cooperation_table(frame: pd.DataFrame, labels: Labels, *, k: int, lang: str) -> pd.DataFrame:
    """A municipality's cooperation per partner type (frame from ``aggregate.cooperation_status``) as
    display strings; a withheld count (NaN) reads "< k"."""
    de = lang != "en"
    columns = [
        (EXISTING, "bestehend" if de else "existing"),
        (PLANNED, "geplant" if de else "planned"),
        (WISHED, "gewünscht" if de else "wished for"),
    ]
    out = {("Partnertyp" if de else "Partner type"): [labels.actor_type(p) for p in frame["partner_type"]]}
    for col, heading in columns:
        out[heading] = [suppression_label(k) if pd.isna(v) else fmt_int(v, lang) for v in frame[col]]
    return pd.DataFrame(out)


def score_frame(recs) -> pd.DataFrame:
    """Points per part and actor type, in rank order (for a stacked bar chart of the scores)."""
    rows = [{"actor_type": r.actor_type, **{p.key: p.points for p in r.parts}, "score": r.score} for r in recs]
    return pd.DataFrame(rows, columns=["actor_type", *WEIGHTS, "score"])


def counted_parts(recs) -> list[str]:
    """The parts that carry points for this profile (the challenge part drops out without challenges)."""
    weights = {p.key: p.weight for p in recs[0].parts} if recs else dict(WEIGHTS)
    return [key for key in WEIGHTS if weights.get(key, 0)]


def score_series(lang: str, parts=None) -> list[tuple[str, str]]:
    return [(key, tr(PARTS[key], lang)) for key in (WEIGHTS if parts is None else parts)]


def build_score_chart(recs, labels: Labels, *, k: int, lang: str, title: str) -> go.Figure:
    """Stacked bars of each actor type's points per part (0–100), in rank order."""
    fig = build_grouped_bars(
        score_frame(recs),
        "actor_type",
        score_series(lang, counted_parts(recs)),
        labels.actor_type,
        k=k,
        lang=lang,
        title=title,
        value_title=tr(("Punkte (von 100)", "Points (of 100)"), lang),
        stacked=True,
        layout={
            "xaxis": {"range": [0, 100], **value_ticks(100, "int", lang)},
            "margin": {"t": 100},
            "legend": {"y": 1.02, "traceorder": "normal"},
            "title": {"y": 0.98, "yanchor": "top"},
        },
    )
    return fig


def score_table(recs, labels: Labels, lang: str) -> pd.DataFrame:
    """The ranking as a table: rank, actor type, points per part (of its weight) and the total."""
    de = lang != "en"
    out = {
        ("Rang" if de else "Rank"): [str(r.rank) for r in recs],
        ("Akteurstyp" if de else "Actor type"): [labels.actor_type(r.actor_type) for r in recs],
    }
    for key in counted_parts(recs):
        heading = f"{tr(PARTS[key], lang)} (max. {_points(recs[0].part(key).weight, lang)})"
        out[heading] = [_points(r.part(key).points, lang) for r in recs]
    out["Punkte" if de else "Points"] = [_points(r.score, lang) for r in recs]
    return pd.DataFrame(out)
