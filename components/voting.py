"""Live voting's builders: texts, the result chart beside the study, its table, CSV/XLSX/PNG, the QR code.

No streamlit here. The frames come from ``study.voting`` (``room_result`` and ``compare``), whose
withheld values (``suppressed``) are written as "< k", never as a number.
"""

from __future__ import annotations

import io
import socket
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import plotly.graph_objects as go

from study.anonymity import suppression_label
from study.cooperation import category_codes
from study.package import StudyPackage
from study.voting import QUESTION_CATEGORY, Round, format_code

from .charts import PALETTE, SUPPRESSED_COLOUR, figure, layout_dict
from .exports import csv_bytes, xlsx_bytes
from .i18n import fmt_int, fmt_pct, pick

JOIN_PATH = "mitmachen"
CODE_PARAM, TOKEN_PARAM = "code", "t"
# The presenter's chart is refreshed this often (seconds): within the 3 s with room to spare.
REFRESH_SECONDS = 1.0

# Constant CSS (no data in it). The presenter's join code and address are read from the back of a room.
PRESENTER_CSS = """
<style>
.st-key-abstimmung_beitritt h1 { font-size: 88px !important; letter-spacing: 0.06em; line-height: 1.1; }
.st-key-abstimmung_beitritt p { font-size: 30px !important; }
</style>
"""
# The participants' page on a phone: no sidebar, large touch targets (at least 48 px), large text.
JOIN_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 1rem 3rem 1rem; }
[data-testid="stMain"] p, [data-testid="stMain"] label { font-size: 19px !important; }
[data-testid="stCheckbox"] label { min-height: 48px; align-items: center; padding: 6px 0; }
[data-testid="stCheckbox"] label > span:first-child { transform: scale(1.35); margin-right: 10px; }
[data-testid="stMain"] button { min-height: 56px; }
[data-testid="stNumberInput"] input { min-height: 48px; font-size: 20px; }
[data-testid="stNumberInput"] button { min-width: 48px; }
</style>
"""

TEXTS = {
    "q_herausforderungen": (
        "Welche Herausforderungen wiegen bei Ihnen am schwersten?",
        "Which challenges weigh most heavily where you are?",
    ),
    "q_potenziale": ("Welche Potenziale sehen Sie?", "Which potentials do you see?"),
    "q_partner": ("Mit wem würden Sie zuerst zusammenarbeiten?", "Whom would you work with first?"),
    "form_pick": ("Bis zu {n} auswählen", "Choose up to {n}"),
    "form_points": ("{n} Punkte verteilen", "Distribute {n} points"),
    "room": ("Raum: Anteil der Stimmen", "Room: share of votes"),
    "room_points": ("Raum: Anteil der Punkte", "Room: share of points"),
    "study_codes": ("Studie: Anteil der Akteure, die es nennen", "Study: share of actors naming it"),
    "study_partner": (
        "Studie: Anteil der Akteure, die eine Kooperation mit diesem Typ nennen",
        "Study: share of actors naming a cooperation with this type",
    ),
    "option": ("Antwort", "Answer"),
    "n_voters": ("Stimmen (Personen)", "Votes (people)"),
    "points": ("Punkte", "Points"),
    "study_n": ("Studie: Akteure (Anzahl)", "Study: actors (number)"),
    "votes_in": ("{n} Stimmen abgegeben", "{n} votes cast"),
    "one_vote_in": ("1 Stimme abgegeben", "1 vote cast"),
    "alt": (
        "Balkendiagramm: {question} Je Antwort der Anteil der Stimmen im Raum ({n}) neben dem Anteil in der "
        "Studie. {rows}",
        "Bar chart: {question} For each answer the share of the room's votes ({n}) beside the share in the "
        "study. {rows}",
    ),
    "alt_row": ("{label}: Raum {room}, Studie {study}", "{label}: room {room}, study {study}"),
}


def question_text(question: str, lang: str) -> str:
    return pick(TEXTS, f"q_{question}", lang)


def form_text(form: str, budget: int, lang: str) -> str:
    return pick(TEXTS, f"form_{form}", lang, n=fmt_int(budget, lang))


def votes_text(n: int, lang: str) -> str:
    return pick(TEXTS, "one_vote_in", lang) if n == 1 else pick(TEXTS, "votes_in", lang, n=fmt_int(n, lang))


def question_options(package: StudyPackage, question: str) -> list[str]:
    """The options of a question, from the package: codes of a codebook category, or the actor types."""
    category = QUESTION_CATEGORY[question]
    if category is None:
        return [str(a) for a in package.actor_types["actor_type"]]
    return category_codes(package, category)


def round_label(rnd: Round, lang: str, open_text: str, closed_text: str) -> str:
    """ "Fokusgruppe Esslingen, 12.03. – 01.12.2026 (offen)" for the list of rounds."""
    day = rnd.created_at[:10]
    y, m, d = day.split("-") if day.count("-") == 2 else ("", "", "")
    date = f"{d}.{m}.{y}" if lang != "en" else day
    return f"{rnd.title} – {date} ({open_text if rnd.is_open else closed_text})"


# --- the join address ---------------------------------------------------------------------------


def lan_address() -> str:
    """This machine's address on the local network (the one a route to a LAN host would use).

    Connecting a UDP socket sends nothing; it only asks the kernel which interface it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def base_url(public_url: str, server_address: str, port: int) -> str:
    """Where participants reach the app: ``VOTING_PUBLIC_URL`` if set, else this host on the LAN."""
    if public_url.strip():
        return public_url.strip().rstrip("/")
    host = server_address.strip()
    if host in ("", "0.0.0.0", "::"):
        host = lan_address()
    return f"http://{host}:{port}"


def join_url(base: str, join_code: str) -> str:
    return f"{base.rstrip('/')}/{JOIN_PATH}?{CODE_PARAM}={quote(format_code(join_code))}"


def short_address(url: str) -> str:
    """The address without the scheme, as it is read out and typed ("192.168.1.20:8501/mitmachen")."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"


def qr_png(url: str, scale: int = 10) -> bytes:
    """The join address as a QR code (PNG, made here with segno: nothing comes from the network)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2, dark="#000000", light="#FFFFFF")
    return buffer.getvalue()


# --- the result ---------------------------------------------------------------------------------


def _room_title(rnd: Round, lang: str) -> str:
    return pick(TEXTS, "room_points" if rnd.form == "points" else "room", lang)


def _study_title(rnd: Round, lang: str) -> str:
    return pick(TEXTS, "study_partner" if rnd.question == "partner" else "study_codes", lang)


def _cells(frame: pd.DataFrame, value: str, suppressed: str, k: int, lang: str) -> list[str]:
    return [
        suppression_label(k) if bool(s) else fmt_pct(v, lang)
        for v, s in zip(frame[value], frame[suppressed], strict=True)
    ]


def build_result_chart(
    compared: pd.DataFrame, rnd: Round, label: Callable[[str], str], *, k: int, lang: str, n_ballots: int
) -> go.Figure:
    """Two bars per answer: the room's share (first) and the study's share for the same code."""
    names = [label(o) for o in compared["option"]]
    room_text = _cells(compared, "share", "suppressed", k, lang)
    study_text = _cells(compared, "study_share", "study_suppressed", k, lang)
    room_title, study_title = _room_title(rnd, lang), _study_title(rnd, lang)

    def bar(values, suppressed, texts, colour, name, pattern):
        shown = [0.0 if bool(s) or pd.isna(v) else float(v) for v, s in zip(values, suppressed, strict=True)]
        return {
            "type": "bar",
            "orientation": "h",
            "x": shown,
            "y": names,
            "name": name,
            "text": texts,
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": "%{y}<br>" + name + ": %{text}<extra></extra>",
            "marker": {
                "color": [SUPPRESSED_COLOUR if bool(s) else colour for s in suppressed],
                "pattern": {"shape": ["/" if bool(s) else pattern for s in suppressed]},
            },
        }

    rows = "; ".join(
        pick(TEXTS, "alt_row", lang, label=n, room=r, study=s)
        for n, r, s in zip(names, room_text, study_text, strict=True)
    )
    title = f"{question_text(rnd.question, lang)} ({votes_text(n_ballots, lang)})"
    alt = pick(TEXTS, "alt", lang, question=question_text(rnd.question, lang), n=votes_text(n_ballots, lang), rows=rows)
    top = max([0.1, *[v for v in compared["share"].fillna(0)], *[v for v in compared["study_share"].fillna(0)]])
    layout = layout_dict(
        title,
        lang,
        alt,
        height=140 + 70 * len(names),
        extra={
            "barmode": "group",
            "xaxis": {"tickformat": ".0%", "range": [0, min(1.0, top * 1.25)], "gridcolor": "#E5E5E5"},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "margin": {"l": 10, "r": 40, "t": 90, "b": 40},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        },
    )
    data = [
        bar(compared["share"], compared["suppressed"], room_text, PALETTE[1], room_title, ""),
        bar(compared["study_share"], compared["study_suppressed"], study_text, PALETTE[0], study_title, "."),
    ]
    return figure(data, layout)


def result_table(compared: pd.DataFrame, rnd: Round, label: Callable[[str], str], *, k: int, lang: str) -> pd.DataFrame:
    """The result as a display table of strings (what the chart shows, also the CSV/XLSX download)."""
    small = suppression_label(k)
    table = {
        pick(TEXTS, "option", lang): [label(o) for o in compared["option"]],
        pick(TEXTS, "n_voters", lang): [
            small if bool(s) else fmt_int(v, lang)
            for v, s in zip(compared["n_voters"], compared["suppressed"], strict=True)
        ],
    }
    if rnd.form == "points":
        table[pick(TEXTS, "points", lang)] = [
            small if bool(s) else fmt_int(v, lang)
            for v, s in zip(compared["points"], compared["suppressed"], strict=True)
        ]
    table[_room_title(rnd, lang)] = _cells(compared, "share", "suppressed", k, lang)
    table[_study_title(rnd, lang)] = _cells(compared, "study_share", "study_suppressed", k, lang)
    return pd.DataFrame(table)


def result_csv(table: pd.DataFrame) -> bytes:
    return csv_bytes(table)


def result_xlsx(table: pd.DataFrame, sheet: str) -> bytes:
    return xlsx_bytes({sheet: table})


_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)


def _font(size: int):
    from PIL import ImageFont

    for path in _FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def result_png(table: pd.DataFrame, compared: pd.DataFrame, title: str, legend: tuple[str, str]) -> bytes:
    """The result as a PNG picture for a report (drawn with Pillow; nothing leaves the machine).

    Bars for the room and the study per answer, each with its written value from ``table`` ("< k"
    for withheld values, drawn as a grey stub).
    """
    from PIL import Image, ImageDraw

    width, row_h, left, top = 1600, 96, 560, 150
    height = top + row_h * len(compared) + 40
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    title_font, font, small = _font(34), _font(26), _font(22)
    draw.text((30, 24), title, fill="black", font=title_font)
    room_col, study_col = table.columns[-2], table.columns[-1]
    for i, (name, colour) in enumerate(zip(legend, (PALETTE[1], PALETTE[0]), strict=True)):
        x = 30 + i * 780
        draw.rectangle((x, 90, x + 28, 112), fill=_hex(colour))
        draw.text((x + 40, 86), name, fill="black", font=small)
    span = width - left - 140
    top_value = max([0.1, *compared["share"].fillna(0), *compared["study_share"].fillna(0)])
    for i, row in enumerate(compared.itertuples(index=False)):
        y = top + i * row_h
        label = str(table.iloc[i, 0])
        draw.text((30, y + 26), label[:34] + ("…" if len(label) > 34 else ""), fill="black", font=font)
        for j, (value, withheld, text, colour) in enumerate(
            (
                (row.share, row.suppressed, table.iloc[i][room_col], PALETTE[1]),
                (row.study_share, row.study_suppressed, table.iloc[i][study_col], PALETTE[0]),
            )
        ):
            y0 = y + 8 + j * 40
            length = 8 if bool(withheld) or pd.isna(value) else max(2, int(span * float(value) / top_value))
            fill = _hex(SUPPRESSED_COLOUR) if bool(withheld) else _hex(colour)
            draw.rectangle((left, y0, left + length, y0 + 32), fill=fill)
            draw.text((left + length + 12, y0 + 2), str(text), fill="black", font=small)
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue()
