"""Illustrative example images of required documents: a small blank sheet with a title.

Pure Pillow, deterministic output (same title, same bytes), a few KB as a palette PNG.
"""

from __future__ import annotations

import functools
import io
import textwrap

WIDTH, HEIGHT = 360, 250
INK = (40, 60, 90)
GREY = (185, 192, 204)
PAPER = (255, 255, 255)
BACK = (226, 232, 240)
ACCENT = (30, 90, 160)


@functools.lru_cache(maxsize=64)
def contoh_png(judul: str) -> bytes:
    """Return a PNG (≤ 15 KB) picturing a blank document titled ``judul``."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH, HEIGHT), BACK)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 12, WIDTH - 20, HEIGHT - 12), fill=PAPER, outline=GREY, width=2)
    draw.rectangle((20, 12, WIDTH - 20, 22), fill=ACCENT)
    font = ImageFont.load_default(size=15)
    small = ImageFont.load_default(size=10)
    y = 34
    for line in textwrap.wrap(judul.upper(), 34)[:3]:
        width = draw.textlength(line, font=font)
        draw.text(((WIDTH - width) / 2, y), line, fill=INK, font=font)
        y += 19
    draw.line((40, y + 4, WIDTH - 40, y + 4), fill=INK, width=1)
    y += 16
    while y < HEIGHT - 60:
        draw.rectangle((40, y, 110, y + 5), fill=GREY)
        draw.line((120, y + 5, WIDTH - 40, y + 5), fill=GREY, width=1)
        y += 16
    draw.rectangle((WIDTH - 130, HEIGHT - 52, WIDTH - 40, HEIGHT - 22), outline=GREY)
    draw.text((40, HEIGHT - 32), "CONTOH", fill=ACCENT, font=small)
    palette = image.quantize(colors=16, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()
