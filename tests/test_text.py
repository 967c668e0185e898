"""Escaping data text for Markdown and HTML."""

import pytest

from components.text import html_text, md


@pytest.mark.parametrize(
    ("raw", "forbidden"),
    [
        ("[klick](javascript:alert(1))", "](javascript"),
        ("**fett** und _kursiv_", "**fett**"),
        ("# Überschrift", "# Ü"),
        ("<script>alert(1)</script>", "<script>"),
        ("$x^2$", "^2$"),
        ("https://evil.example", "https://"),
        ("www.evil.example", "www.evil"),
        ("post@evil.example", "post@evil"),
    ],
)
def test_md_neutralises_markup(raw, forbidden):
    escaped = md(raw)
    assert forbidden not in escaped.replace("\\#", "").replace("\\$", "")


def test_md_strips_bidi_overrides_and_keeps_umlauts():
    assert md("Grüße\u202eevil") == "Grüßeevil"


def test_html_text_escapes():
    assert html_text('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
