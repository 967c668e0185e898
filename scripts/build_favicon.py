"""Draws static/favicon.png: Material Symbols' "handshake" (the font Streamlit ships, Apache 2.0) on the theme colour.

An emoji favicon shows as a box where no emoji font is installed, and a ``:material/...:`` page icon makes
the browser fetch the icon from fonts.gstatic.com; a local PNG needs neither.
"""

from __future__ import annotations

from pathlib import Path

import streamlit
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "favicon.png"


def main() -> None:
    font_file = next((Path(streamlit.__file__).parent / "static" / "static" / "media").glob("MaterialSymbols-*.woff2"))
    font = ImageFont.truetype(str(font_file), 56, layout_engine=ImageFont.Layout.RAQM)
    img = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((0, 0, 63, 63), radius=14, fill="#005A8C")
    draw.text((32, 33), "handshake", font=font, fill="white", anchor="mm")  # the font's ligature for the icon
    img.save(OUT, optimize=True)
    print(OUT)


if __name__ == "__main__":
    main()
