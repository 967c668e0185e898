"""The printable handout of the compass result: laid out once as neutral blocks, rendered as HTML and PDF.

``handout_blocks`` lays the handout out once as neutral blocks; ``build_html`` (a standalone A4 page
that prints cleanly, every data text escaped) and ``build_pdf`` (fpdf2 with the DejaVu Unicode font;
``None`` when the font is missing) render those blocks. The words come from ``compass_text``.
No streamlit here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from study.anonymity import suppression_label
from study.compass import Compass
from study.labels import Labels

from .compass_text import (
    TEXTS,
    caveats,
    criteria_text,
    format_date,
    method_text,
    parts_text,
    profile_lines,
    rank_sentence,
)
from .i18n import fmt_int, fmt_pct, pick
from .text import clean, html_text

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
# How many entries per list the handout shows, most first; fewer if two pages would not suffice.
HANDOUT_LIMITS = ((5, 5, 5), (4, 3, 4), (3, 3, 3), (3, 2, 3))
# The HTML cannot measure itself; its lists are as long as fit two printed A4 pages in Chromium.
HTML_LIMITS = (4, 3, 4)


# --- the handout as blocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One piece of the handout: kind "h1", "h2", "p", "meta", "warn", "pairs" or "ranked"; all text plain."""

    kind: str
    text: str = ""
    items: tuple = ()


def handout_blocks(
    compass: Compass,
    labels: Labels,
    *,
    lang: str,
    source_title: str,
    synthetic: bool,
    filters_text: str,
    day: dt.date,
    limits: tuple[int, int, int] = HANDOUT_LIMITS[0],
) -> list[Block]:
    """The handout's content in reading order (plain text; the renderers escape or draw it)."""
    n_partners, n_build, n_steps = limits
    k = compass.k
    blocks = [
        Block("h1", f"{pick(TEXTS, 'title', lang)}: {pick(TEXTS, 'subtitle', lang)}"),
        Block(
            "meta",
            items=(
                (pick(TEXTS, "date", lang), format_date(day, lang)),
                (pick(TEXTS, "source", lang), clean(source_title)),
                (pick(TEXTS, "filters", lang), filters_text),
            ),
        ),
    ]
    if synthetic:
        blocks.append(Block("warn", pick(TEXTS, "synthetic", lang)))
    blocks += [
        Block("h2", pick(TEXTS, "profile", lang)),
        Block("pairs", items=tuple(profile_lines(compass.profile, labels, lang))),
    ]

    blocks.append(Block("h2", pick(TEXTS, "similar", lang)))
    if compass.similar.empty:
        blocks.append(Block("p", pick(TEXTS, "no_similar", lang)))
    else:
        items = []
        for row in compass.similar.itertuples(index=False):
            head = f"{row.name} ({labels.state(row.state)}, {labels.size_class(row.size_class)}) – " + pick(
                TEXTS, "points_of", lang, score=fmt_int(row.score, lang), max=fmt_int(row.max_score, lang)
            )
            items.append((head, (criteria_text(row.criteria, compass.profile, lang),)))
        blocks.append(Block("ranked", items=tuple(items)))

    for key, empty_key, recs, limit in (
        ("partners", "no_partners", compass.partners, n_partners),
        ("build_up", "no_build_up", compass.build_up, n_build),
    ):
        blocks.append(Block("h2", pick(TEXTS, key, lang)))
        if not recs:
            blocks.append(Block("p", pick(TEXTS, empty_key, lang)))
            continue
        items = tuple(
            (
                f"{rec.rank}. {labels.actor_type(rec.actor_type)}",
                (parts_text(rec, lang), rank_sentence(rec, compass, labels, lang)),
            )
            for rec in recs[:limit]
        )
        blocks.append(Block("ranked", items=items))

    blocks.append(Block("h2", pick(TEXTS, "steps", lang)))
    steps = compass.steps
    if steps is None or steps.empty:
        blocks.append(Block("p", pick(TEXTS, "no_steps", lang)))
    else:
        blocks.append(Block("p", pick(TEXTS, "steps_intro", lang)))
        items = []
        for row in steps.head(n_steps).itertuples(index=False):
            if row.suppressed:
                line = suppression_label(k)
            else:
                line = pick(
                    TEXTS, "step_line", lang, share=fmt_pct(row.share_existing, lang), n=fmt_int(row.n_actors, lang)
                )
            items.append((f"{int(row.rank)}. {labels.code(row.code)}", (line,)))
        blocks.append(Block("ranked", items=tuple(items)))

    blocks += [
        Block("h2", pick(TEXTS, "method", lang)),
        Block("p", method_text(k, lang)),
        Block("h2", pick(TEXTS, "caveats", lang)),
    ]
    blocks += [Block("p", c) for c in caveats(compass, k, synthetic, lang)]
    return blocks


# --- HTML ------------------------------------------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 12mm 14mm 12mm 14mm; }
html { font-family: "DejaVu Sans", "Source Sans Pro", Arial, sans-serif; color: #000; background: #fff; }
body { max-width: 180mm; margin: 0 auto; padding: 8mm 0; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; border-bottom: 1px solid #444; padding-bottom: 2pt; }
dl.meta, dl.pairs { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 0; }
dl dt { font-weight: bold; } dl dd { margin: 0; }
.warn { border: 2px solid #B00020; padding: 4pt 8pt; font-weight: bold; margin: 6pt 0; }
ol.ranked { list-style: none; padding: 0; margin: 0; }
ol.ranked li { margin: 0 0 5pt; break-inside: avoid; page-break-inside: avoid; }
ol.ranked .head { font-weight: bold; }
ol.ranked .detail { margin: 1pt 0 0 10pt; }
.print { margin: 8pt 0; }
@media print {
  .print { display: none; }
  body { padding: 0; max-width: none; font-size: 8.8pt; line-height: 1.3; }
  h1 { font-size: 14pt; } h2 { font-size: 11pt; margin-top: 8pt; }
  ol.ranked li { margin-bottom: 3pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a { color: #000; text-decoration: none; }
}
"""


def build_html(blocks: list[Block], lang: str) -> str:
    """A standalone HTML page of the handout (A4, prints cleanly); every text escaped."""
    e = html_text
    title = next((b.text for b in blocks if b.kind == "h1"), pick(TEXTS, "title", lang))
    body = []
    for b in blocks:
        if b.kind == "h1":
            body.append(f"<h1>{e(b.text)}</h1>")
        elif b.kind == "h2":
            body.append(f"<h2>{e(b.text)}</h2>")
        elif b.kind == "p":
            body.append(f"<p>{e(b.text)}</p>")
        elif b.kind == "warn":
            body.append(f'<p class="warn" role="note">{e(b.text)}</p>')
        elif b.kind in ("meta", "pairs"):
            rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in b.items)
            body.append(f'<dl class="{b.kind}">{rows}</dl>')
        elif b.kind == "ranked":
            items = []
            for head, details in b.items:
                lines = "".join(f'<div class="detail">{e(d)}</div>' for d in details)
                items.append(f'<li><div class="head">{e(head)}</div>{lines}</li>')
            body.append(f'<ol class="ranked">{"".join(items)}</ol>')
    button = (
        f'<p class="print"><button type="button" onclick="window.print()">{e(pick(TEXTS, "print", lang))}</button></p>'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "de"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{e(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + f"\n{button}\n</main>\n</body>\n</html>\n"
    )


# --- PDF -------------------------------------------------------------------------------------------------


def pdf_available() -> bool:
    """Whether the Unicode font for the PDF is installed (Debian's fonts-dejavu-core)."""
    return FONT_REGULAR.is_file() and FONT_BOLD.is_file()


def _render_pdf(blocks: list[Block], lang: str, body_size: float):
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(15, 14, 15)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_lang("en" if lang == "en" else "de")
    title = next((b.text for b in blocks if b.kind == "h1"), pick(TEXTS, "title", lang))
    pdf.set_title(title)
    pdf.set_creator("Kooperationsatlas")
    pdf.add_page()
    line = body_size * 0.47
    width = pdf.epw

    def text(s: str, size: float = body_size, style: str = "", indent: float = 0.0, colour=(0, 0, 0)):
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, size * 0.47, clean(s), align="L", new_x="LMARGIN", new_y="NEXT")

    for b in blocks:
        if b.kind == "h1":
            text(b.text, body_size + 6, "B")
            pdf.ln(1)
        elif b.kind == "h2":
            pdf.ln(2)
            text(b.text, body_size + 2.5, "B")
            y = pdf.get_y()
            pdf.set_draw_color(80, 80, 80)
            pdf.line(pdf.l_margin, y, pdf.l_margin + width, y)
            pdf.ln(1)
        elif b.kind == "p":
            text(b.text)
            pdf.ln(0.8)
        elif b.kind == "warn":
            text(b.text, body_size + 0.5, "B", colour=(176, 0, 32))
        elif b.kind in ("meta", "pairs"):
            for key, value in b.items:
                pdf.set_font("DejaVu", "B", body_size)
                pdf.set_text_color(0, 0, 0)
                label = f"{clean(key)}: "
                pdf.set_x(pdf.l_margin)
                pdf.cell(pdf.get_string_width(label) + 1, line, label)
                pdf.set_font("DejaVu", "", body_size)
                pdf.multi_cell(0, line, clean(value), align="L", new_x="LMARGIN", new_y="NEXT")
        elif b.kind == "ranked":
            for head, details in b.items:
                text(head, style="B")
                for d in details:
                    text(d, body_size - 0.5, indent=4)
                pdf.ln(0.8)
    return pdf


def build_pdf(blocks_for, lang: str) -> bytes | None:
    """The handout as an A4 PDF of at most two pages, or None without the Unicode font.

    ``blocks_for(limits)`` gives the blocks for a choice of list lengths (see ``HANDOUT_LIMITS``);
    shorter lists and a smaller font are tried until the handout fits on two pages.
    """
    if not pdf_available():
        return None
    pdf = None
    for size in (9.5, 8.5):
        for limits in HANDOUT_LIMITS:
            pdf = _render_pdf(blocks_for(limits), lang, size)
            if pdf.pages_count <= 2:
                return bytes(pdf.output())
    return bytes(pdf.output())
