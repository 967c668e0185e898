"""Making text from the data package safe to show in Markdown and HTML."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")
# Bidirectional overrides can make text display in a different order than it is stored.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean(text) -> str:
    if text is None:
        return ""
    return _BIDI_CONTROLS.sub("", str(text))


_AUTOLINK = re.compile(r"(://|www\.|@)", re.IGNORECASE)


def md(text) -> str:
    """Escape data text for st.markdown: no links, emphasis, headings, HTML or math from data.

    A word joiner inside "://", "www." and "@" keeps the renderer from turning addresses into links.
    """
    broken = _AUTOLINK.sub(lambda m: m.group(0)[0] + "\u2060" + m.group(0)[1:], clean(text))
    return _MD_SPECIAL.sub(r"\\\1", broken).replace("\n", " ")


def html_text(text) -> str:
    """Escape data text for HTML contexts (folium tooltips and popups, the printable handout)."""
    return html.escape(clean(text), quote=True)
