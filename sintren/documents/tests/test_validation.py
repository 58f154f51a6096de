"""DOC-3 and X-3: the upload pipeline against hostile and odd files, all generated here.

Every refused file must raise ``UploadRefused`` with the expected code and its
Indonesian message, never another exception. Every accepted file must come out as a
plain JPEG: no EXIF, GPS, ICC, XMP or comment, none of the bytes appended to the
original, longest side at most 2480 px, a thumbnail at most 320 px, EXIF orientation
applied.

Content must agree with the extension's family (JPEG for jpg/jpeg/jfif, PNG for png): a
PNG named ``.jpg`` is refused as a mismatch, with its own message, not decoded anyway.
"""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import Image, ImageDraw, ImageFilter

from sintren.documents.validation import (
    MAX_BYTES,
    MAX_OUTPUT_SIDE,
    THUMBNAIL_SIDE,
    QualityWarning,
    Refusal,
    Sanitised,
    UploadRefused,
    file_extension,
    sanitise_upload,
)

TRAILER_MARK = b"SINTREN-TRAILER-MARK"
SCRIPT = b"<script>alert(document.cookie)</script>"
HTML = b"<!DOCTYPE html><html><body onload=alert(1)><h1>x</h1></body></html>"
PHP = b"<?php system($_GET['c']); ?>"


# --- Generators -----------------------------------------------------------------------------
def document(size: tuple[int, int] = (1200, 900), mode: str = "RGB") -> Image.Image:
    """A sharp, bright page of text: no quality warning."""
    page = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(page)
    for top in range(30, size[1] - 30, max(12, size[1] // 30)):
        draw.text(
            (30, top),
            "NIK 3374012345678901  Nama: Budi Santoso  Jl. Merdeka 17",
            fill="black",
            font_size=max(10, size[1] // 40),
        )
    draw.rectangle((size[0] - 200, 20, size[0] - 40, 180), fill=(200, 30, 30))
    return page.convert(mode) if mode != "RGB" else page


def encode(image: Image.Image, image_format: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


@cache
def jpeg() -> bytes:
    return encode(document(), "JPEG", quality=90)


@cache
def png() -> bytes:
    return encode(document((800, 600)), "PNG")


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def raw_png(
    width: int,
    height: int,
    *,
    color_type: int = 0,
    bit_depth: int = 8,
    row: bytes | None = None,
    extra: bytes = b"",
    rows: int | None = None,
) -> bytes:
    """A PNG written by hand: ``row`` (filter byte included) repeated ``rows`` times."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    if row is None:
        row = b"\x00" + bytes(width * channels * bit_depth // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height if rows is None else rows))
    idat += compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + extra
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def with_png_chunk(kind: bytes, payload: bytes) -> bytes:
    """The PNG with one more chunk right after IHDR."""
    data = png()
    split = 8 + 25  # signature + IHDR chunk
    return data[:split] + png_chunk(kind, payload) + data[split:]


def sof_offset(data: bytes) -> int:
    """Offset of the first SOF0/SOF2 marker of a Pillow-written JPEG."""
    for marker in (b"\xff\xc0", b"\xff\xc2"):
        for length in (b"\x00\x0b", b"\x00\x11"):  # one or three components
            if marker + length in data:
                return data.index(marker + length)
    raise AssertionError("no SOF")


def jpeg_declaring(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims another size (a decompression bomb)."""
    data = bytearray(encode(Image.new("L", (64, 64), 200), "JPEG"))
    at = sof_offset(bytes(data)) + 5
    data[at : at + 4] = struct.pack(">HH", height, width)
    return bytes(data)


def jpeg_with_two_frames() -> bytes:
    data = jpeg()
    at = sof_offset(data)
    length = int.from_bytes(data[at + 2 : at + 4], "big")
    frame = bytearray(data[at : at + 2 + length])
    frame[5:9] = struct.pack(">HH", 20000, 20000)
    return data[: at + 2 + length] + bytes(frame) + data[at + 2 + length :]


def jpeg_with_scans(count: int) -> bytes:
    data = encode(Image.new("L", (16, 16), 128), "JPEG")
    start = data.index(b"\xff\xda")
    return data[:start] + data[start:-2] * count + b"\xff\xd9"


def jpeg_with_segments(count: int) -> bytes:
    data = jpeg()
    return data[:2] + b"\xff\xfe\x00\x03x" * count + data[2:]


def png_with_chunks(count: int) -> bytes:
    data = png()
    return data[:33] + png_chunk(b"prVt", b"") * count + data[33:]


def with_exif_description(text: bytes) -> bytes:
    exif = Image.Exif()
    exif[0x010E] = text.decode()
    return encode(document(), "JPEG", exif=exif.tobytes())


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("shell.php", PHP)
    return buffer.getvalue()


def small(image_format: str, **options) -> Callable[[], bytes]:
    return lambda: encode(document((300, 200)), image_format, **options)


def pad_to(data: bytes, total: int) -> bytes:
    return data + bytes(total - len(data))


# --- Refused --------------------------------------------------------------------------------
P = pytest.param
REFUSED = [
    # size
    P("foto.jpg", lambda: b"", Refusal.EMPTY, id="zero-bytes"),
    P("foto.jpg", lambda: pad_to(jpeg(), MAX_BYTES + 1), Refusal.TOO_LARGE, id="one-byte-over"),
    P("foto.jpg", lambda: bytes(MAX_BYTES + 4096), Refusal.TOO_LARGE, id="zeros-over-limit"),
    # extension (the name only counts for its last extension)
    P("scan", jpeg, Refusal.EXTENSION, id="no-extension"),
    P("", jpeg, Refusal.EXTENSION, id="empty-name"),
    P("foto.php", jpeg, Refusal.EXTENSION, id="php-extension"),
    P("foto.jpg.php", jpeg, Refusal.EXTENSION, id="double-extension-php-last"),
    P("foto.jpg\x00.php", jpeg, Refusal.EXTENSION, id="nul-then-php"),
    P("foto\u202egpj.exe", jpeg, Refusal.EXTENSION, id="rtl-override-exe"),
    P("foto.gif", small("GIF"), Refusal.EXTENSION, id="gif-extension"),
    P(
        "foto.svg",
        lambda: b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        Refusal.EXTENSION,
        id="svg-extension",
    ),
    P("foto.jpg\u200b", jpeg, Refusal.EXTENSION, id="zero-width-after-extension"),
    P("foto.\uff4a\uff50\uff47", jpeg, Refusal.EXTENSION, id="fullwidth-extension"),
    P("foto.pdf", small("PDF"), Refusal.EXTENSION, id="pdf-extension"),
    # content that is neither JPEG nor PNG, named .jpg
    P(
        "foto.jpg",
        lambda: (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
            b'onload="alert(1)"><rect width="9" height="9"/></svg>'
        ),
        Refusal.TYPE,
        id="svg-as-jpg",
    ),
    P("foto.jpg", lambda: HTML, Refusal.TYPE, id="html-as-jpg"),
    P("foto.jpg", small("PDF"), Refusal.TYPE, id="pdf-as-jpg"),
    P("foto.jpg", small("GIF"), Refusal.TYPE, id="gif-as-jpg"),
    P("foto.jpg", small("WEBP"), Refusal.TYPE, id="webp-as-jpg"),
    P("foto.jpg", small("BMP"), Refusal.TYPE, id="bmp-as-jpg"),
    P("foto.jpg", small("TIFF"), Refusal.TYPE, id="tiff-as-jpg"),
    P("foto.png", small("ICO"), Refusal.TYPE, id="ico-as-png"),
    P("foto.jpg", zip_bytes, Refusal.TYPE, id="zip-as-jpg"),
    P("foto.jpg", lambda: PHP, Refusal.TYPE, id="php-as-jpg"),
    P("foto.jpg", lambda: b"MZ\x90\x00\x03" + bytes(60), Refusal.TYPE, id="exe-as-jpg"),
    P("foto.jpg", lambda: b"\x7fELF\x02\x01\x01" + bytes(60), Refusal.TYPE, id="elf-as-jpg"),
    P("foto.jpg", lambda: b"\x00\x00\x00\x18ftypheic" + bytes(100), Refusal.TYPE, id="heic-as-jpg"),
    P("foto.jpg", lambda: b"Surat keterangan", Refusal.TYPE, id="text-as-jpg"),
    P("foto.jpg", lambda: b"\xef\xbb\xbf" + jpeg(), Refusal.TYPE, id="bom-before-jpeg"),
    P("foto.png", lambda: b" " + png(), Refusal.TYPE, id="space-before-png"),
    P("foto.jpg", lambda: b"\xff\xd8", Refusal.TYPE, id="two-byte-soi"),
    # content of the other family
    P("foto.jpg", png, Refusal.MISMATCH, id="png-named-jpg"),
    P("foto.jfif", png, Refusal.MISMATCH, id="png-named-jfif"),
    P("foto.png", jpeg, Refusal.MISMATCH, id="jpeg-named-png"),
    P("a.php.jpg", png, Refusal.MISMATCH, id="png-named-php-jpg"),
    # truncated or broken
    P("foto.jpg", lambda: jpeg()[: len(jpeg()) // 2], Refusal.CORRUPT, id="jpeg-truncated-half"),
    P("foto.jpg", lambda: jpeg()[:-2], Refusal.CORRUPT, id="jpeg-without-eoi"),
    P("foto.jpg", lambda: jpeg()[:300], Refusal.CORRUPT, id="jpeg-header-only"),
    P("foto.jpg", lambda: b"\xff\xd8\xff", Refusal.CORRUPT, id="jpeg-soi-only"),
    P(
        "foto.jpg",
        lambda: b"\xff\xd8\xff\xe0\x00\x04ab\xff\xd9",
        Refusal.CORRUPT,
        id="jpeg-without-frame",
    ),
    P(
        "foto.jpg",
        lambda: b"\xff\xd8\xff" + random.Random(1).randbytes(4000),
        Refusal.CORRUPT,
        id="jpeg-magic-then-noise",
    ),
    P("foto.jpg", lambda: jpeg_declaring(64, 0), Refusal.CORRUPT, id="jpeg-zero-height"),
    P("foto.png", lambda: png()[: len(png()) // 2], Refusal.CORRUPT, id="png-truncated-half"),
    P("foto.png", lambda: png()[:-12], Refusal.CORRUPT, id="png-without-iend"),
    P("foto.png", lambda: b"\x89PNG\r\n\x1a\n", Refusal.CORRUPT, id="png-signature-only"),
    P(
        "foto.png",
        lambda: b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", bytes(12)) + png_chunk(b"IEND", b""),
        Refusal.CORRUPT,
        id="png-short-ihdr",
    ),
    P(
        "foto.png",
        lambda: png()[:33] + png_chunk(b"IDAT", b"not zlib at all") + png_chunk(b"IEND", b""),
        Refusal.CORRUPT,
        id="png-garbage-idat",
    ),
    P(
        "foto.png",
        lambda: png()[:29] + b"\x00\x00\x00\x00" + png()[33:],
        Refusal.CORRUPT,
        id="png-bad-crc",
    ),
    # decompression bombs and absurd dimensions: refused from the header
    P(
        "foto.png",
        lambda: raw_png(20000, 20000, rows=1),
        Refusal.TOO_MANY_PIXELS,
        id="png-declares-20000x20000",
    ),
    P(
        "foto.jpg",
        lambda: jpeg_declaring(20000, 20000),
        Refusal.TOO_MANY_PIXELS,
        id="jpeg-declares-20000x20000",
    ),
    P(
        "foto.jpg",
        lambda: jpeg_declaring(65500, 65500),
        Refusal.TOO_MANY_PIXELS,
        id="jpeg-declares-65500x65500",
    ),
    P("foto.png", lambda: raw_png(8000, 8000), Refusal.TOO_MANY_PIXELS, id="png-real-8000x8000"),
    P("foto.png", lambda: raw_png(30000, 1), Refusal.TOO_MANY_PIXELS, id="png-side-30000"),
    P("foto.jpg", lambda: jpeg_declaring(1, 20001), Refusal.TOO_MANY_PIXELS, id="jpeg-side-20001"),
    # polyglots and hidden payloads
    P("foto.jpg", lambda: jpeg() + SCRIPT, Refusal.SUSPICIOUS, id="script-after-jpeg-eoi"),
    P("foto.jpg", lambda: jpeg() + PHP, Refusal.SUSPICIOUS, id="php-after-jpeg-eoi"),
    P("foto.jpg", lambda: jpeg() + zip_bytes(), Refusal.SUSPICIOUS, id="zip-after-jpeg-eoi"),
    P(
        "foto.jpg",
        lambda: jpeg() + jpeg() + SCRIPT,
        Refusal.SUSPICIOUS,
        id="script-in-second-jpeg-trailer",
    ),
    P("foto.png", lambda: png() + HTML, Refusal.SUSPICIOUS, id="html-after-png-iend"),
    P("foto.png", lambda: png() + zip_bytes(), Refusal.SUSPICIOUS, id="zip-after-png-iend"),
    P(
        "foto.png",
        lambda: png() + random.Random(2).randbytes(500),
        Refusal.SUSPICIOUS,
        id="noise-after-png-iend",
    ),
    P(
        "foto.png",
        lambda: b"\x89PNG\r\n\x1a\n" + HTML,
        Refusal.SUSPICIOUS,
        id="html-after-png-signature",
    ),
    P("foto.jpg", lambda: b"\xff\xd8\xff" + HTML, Refusal.SUSPICIOUS, id="html-after-jpeg-magic"),
    P(
        "foto.jpg",
        lambda: encode(document(), "JPEG", comment=PHP),
        Refusal.SUSPICIOUS,
        id="php-in-jpeg-comment",
    ),
    P(
        "foto.jpg",
        lambda: with_exif_description(SCRIPT),
        Refusal.SUSPICIOUS,
        id="script-in-exif-description",
    ),
    P(
        "foto.png",
        lambda: with_png_chunk(b"tEXt", b"Comment\x00" + SCRIPT),
        Refusal.SUSPICIOUS,
        id="script-in-png-text-chunk",
    ),
    P(
        "foto.png",
        lambda: with_png_chunk(b"phPp", PHP),
        Refusal.SUSPICIOUS,
        id="php-in-private-png-chunk",
    ),
    P("foto.jpg", jpeg_with_two_frames, Refusal.SUSPICIOUS, id="jpeg-second-frame-20000"),
    P("foto.jpg", lambda: jpeg_with_scans(150), Refusal.SUSPICIOUS, id="jpeg-150-scans"),
    P("foto.jpg", lambda: jpeg_with_segments(1200), Refusal.SUSPICIOUS, id="jpeg-1200-segments"),
    P("foto.png", lambda: png_with_chunks(20_001), Refusal.SUSPICIOUS, id="png-20001-chunks"),
]


@pytest.mark.parametrize(("name", "make", "code"), REFUSED)
def test_refused(name: str, make: Callable[[], bytes], code: Refusal) -> None:
    with pytest.raises(UploadRefused) as refused:
        sanitise_upload(io.BytesIO(make()), name=name)
    assert refused.value.code == code
    assert refused.value.message == str(code.label)
    assert str(refused.value) == refused.value.message


def test_battery_is_large_enough() -> None:
    assert len(REFUSED) + len(ACCEPTED) >= 40


# --- Accepted -------------------------------------------------------------------------------
def mpf_like() -> bytes:
    """A phone JPEG with a second image after EOI (MPF depth map, Ultra HDR gain map)."""
    return jpeg() + encode(Image.new("L", (64, 48), 90), "JPEG", comment=TRAILER_MARK)


def motion_photo() -> bytes:
    """A motion photo: the MP4 video follows the JPEG."""
    return jpeg() + b"\x00\x00\x00\x18ftypmp42" + TRAILER_MARK + bytes(200)


def samsung_trailer() -> bytes:
    return jpeg() + TRAILER_MARK + b"\x00\x00\x00\x10SEFT"


def metadata_laden() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kamera"
    return encode(
        document(),
        "JPEG",
        exif=exif.tobytes(),
        icc_profile=b"ICCPROFILE" * 20,
        comment=TRAILER_MARK,
        xmp=b"<x:xmpmeta>" + TRAILER_MARK + b"</x:xmpmeta>",
    )


def transparent_palette() -> bytes:
    image = document((400, 300)).convert("P", palette=Image.Palette.ADAPTIVE)
    image.info["transparency"] = image.getpixel((0, 0))
    return encode(image, "PNG")


def apng() -> bytes:
    frames = [document((300, 200)), Image.new("RGB", (300, 200), "blue")]
    return encode(frames[0], "PNG", save_all=True, append_images=frames[1:])


ACCEPTED = [
    P("foto.jpg", jpeg, id="jpeg"),
    P("FOTO.JPG", jpeg, id="uppercase-JPG"),
    P("foto.jpeg", jpeg, id="jpeg-extension"),
    P("foto.jfif", jpeg, id="jfif-extension"),
    P("Scan.PNG", png, id="uppercase-PNG"),
    P("a.php.jpg", jpeg, id="double-extension-jpg-last"),
    P("../../etc/passwd.jpg", jpeg, id="path-traversal-name"),
    P("C:\\Users\\budi\\Desktop\\ktp.jpg", jpeg, id="windows-path-name"),
    P("x" * 300 + ".jpg", jpeg, id="300-character-name"),
    P("\x01\x1b[31mfoto\r\n.jpg", jpeg, id="control-characters-name"),
    P("foto\x00.jpg", jpeg, id="nul-in-name"),
    P("\u202efoto.jpg", jpeg, id="rtl-override-name"),
    P("foto.jpg ", jpeg, id="trailing-space-name"),
    P("KTP Budi (1).jpg", jpeg, id="spaces-and-parentheses"),
    P("foto.jpg", lambda: encode(document(mode="CMYK"), "JPEG"), id="cmyk-jpeg"),
    P("foto.jpg", lambda: encode(document(mode="L"), "JPEG"), id="greyscale-jpeg"),
    P("foto.jpg", lambda: encode(document(), "JPEG", progressive=True), id="progressive-jpeg"),
    P("foto.jpg", lambda: encode(document(), "JPEG", quality=5), id="quality-5-jpeg"),
    P("foto.jpg", metadata_laden, id="exif-icc-xmp-comment"),
    P("foto.jpg", mpf_like, id="second-jpeg-after-eoi"),
    P("foto.jpg", motion_photo, id="motion-photo-video-after-eoi"),
    P("foto.jpg", samsung_trailer, id="samsung-trailer"),
    P("foto.jpg", lambda: jpeg() + bytes(1000), id="zero-padding-after-eoi"),
    P("foto.jpg", lambda: pad_to(jpeg(), MAX_BYTES), id="exactly-at-limit"),
    P("foto.png", lambda: png() + b"\r\n", id="newline-after-png-iend"),
    P("foto.png", lambda: encode(document((500, 400), mode="1"), "PNG"), id="1-bit-png"),
    P("foto.png", lambda: encode(document((500, 400), mode="LA"), "PNG"), id="grey-alpha-png"),
    P("foto.png", transparent_palette, id="palette-png-transparency"),
    P(
        "foto.png",
        lambda: raw_png(300, 200, color_type=0, bit_depth=16, row=b"\x00" + b"\x80\x00" * 300),
        id="16-bit-grey-png",
    ),
    P(
        "foto.png",
        lambda: raw_png(
            300, 200, color_type=2, bit_depth=16, row=b"\x00" + b"\xff\xff\x00\x00\x00\x00" * 300
        ),
        id="16-bit-rgb-png",
    ),
    P("foto.png", lambda: raw_png(300, 200, color_type=6, bit_depth=16), id="16-bit-rgba-png"),
    P("foto.png", apng, id="animated-png"),
    P("foto.jpg", lambda: encode(document((5000, 3000)), "JPEG"), id="15mp-jpeg-downscaled"),
    P("foto.png", lambda: encode(document((1000, 3100)), "PNG"), id="tall-png-downscaled"),
    P("foto.png", lambda: encode(Image.new("RGB", (1, 1), "white"), "PNG"), id="one-pixel-png"),
]


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG up to its first scan."""
    markers, pos = [], 2
    while data[pos + 1] != 0xDA:
        markers.append(data[pos + 1])
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return markers


def assert_plain_jpeg(content: bytes, *, max_side: int) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    assert image.format == "JPEG"
    assert max(image.size) <= max_side
    assert not set(image.info) & {"exif", "icc_profile", "xmp", "comment", "photoshop"}
    assert not image.getexif()
    # Only APP0 (JFIF) beside the coding segments: no APP1-15 (EXIF, XMP, ICC), no COM.
    assert all(m == 0xE0 or not (0xE1 <= m <= 0xEF or m == 0xFE) for m in jpeg_markers(content))
    assert content.endswith(b"\xff\xd9")
    return image


@pytest.mark.parametrize(("name", "make"), ACCEPTED)
def test_accepted(name: str, make: Callable[[], bytes]) -> None:
    original = make()
    result = sanitise_upload(io.BytesIO(original), name=name)
    assert isinstance(result, Sanitised)
    image = assert_plain_jpeg(result.content, max_side=MAX_OUTPUT_SIDE)
    assert image.size == (result.width, result.height)
    assert_plain_jpeg(result.thumbnail, max_side=THUMBNAIL_SIDE)
    assert TRAILER_MARK not in result.content
    assert TRAILER_MARK not in result.thumbnail
    assert result.sha256 == hashlib.sha256(result.content).hexdigest()
    assert result.original_sha256 == hashlib.sha256(original).hexdigest()
    assert (result.content_type, result.extension) == ("image/jpeg", "jpg")


# --- Specific properties --------------------------------------------------------------------
def two_colour_photo(exif: Image.Exif) -> bytes:
    """Left half red, right half blue, 400 x 200, with the given EXIF."""
    image = Image.new("RGB", (400, 200), (220, 0, 0))
    image.paste((0, 0, 220), (200, 0, 400, 200))
    return encode(image, "JPEG", exif=exif.tobytes(), quality=95)


def gps_exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "KameraHP"
    exif.get_ifd(0x8825).update({1: "S", 2: (6.0, 58.0, 12.5), 3: "E", 4: (110.0, 25.0, 3.0)})
    return exif


def rgb_at(content: bytes, xy: tuple[int, int]) -> tuple[int, ...]:
    pixel = Image.open(io.BytesIO(content)).convert("RGB").getpixel(xy)
    assert isinstance(pixel, tuple)
    return pixel


def test_gps_exif_is_stripped_and_orientation_6_applied() -> None:
    original = two_colour_photo(gps_exif(6))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the input has GPS
    result = sanitise_upload(io.BytesIO(original), name="foto.jpg")
    assert_plain_jpeg(result.content, max_side=MAX_OUTPUT_SIDE)
    assert (result.width, result.height) == (200, 400)  # turned a quarter clockwise
    red_top, blue_bottom = rgb_at(result.content, (100, 50)), rgb_at(result.content, (100, 350))
    assert red_top[0] > 150 > red_top[2]
    assert blue_bottom[2] > 150 > blue_bottom[0]
    assert b"Exif" not in result.content
    assert b"GPS" not in result.content
    assert b"KameraHP" not in result.content
    assert Image.open(io.BytesIO(result.thumbnail)).size == (160, 320)


@pytest.mark.parametrize(
    ("orientation", "size"),
    [(1, (400, 200)), (3, (400, 200)), (8, (200, 400))],
    ids=["1", "3", "8"],
)
def test_other_orientations(orientation: int, size: tuple[int, int]) -> None:
    result = sanitise_upload(io.BytesIO(two_colour_photo(gps_exif(orientation))), name="a.jpg")
    assert (result.width, result.height) == size


def test_transparency_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (0, 0, 100, 300))
    result = sanitise_upload(io.BytesIO(encode(image, "PNG")), name="scan.png")
    assert min(rgb_at(result.content, (300, 150))) > 245  # transparent → white
    assert max(rgb_at(result.content, (50, 150))) < 10  # opaque black stays black


def test_palette_transparency_is_blended_with_white() -> None:
    image = Image.new("P", (300, 100), 0)
    image.putpalette([0, 0, 0, 255, 0, 0, 0, 0, 255])
    image.paste(1, (100, 0, 200, 100))
    image.paste(2, (200, 0, 300, 100))
    data = encode(image, "PNG", transparency=bytes([0, 128, 255]))
    result = sanitise_upload(io.BytesIO(data), name="scan.png")
    white, pink, blue = (rgb_at(result.content, (x, 50)) for x in (50, 150, 250))
    assert min(white) > 245  # fully transparent black → white
    assert pink[0] > 245
    assert 115 < pink[1] < 140  # half-transparent red → pink
    assert blue[2] > 230
    assert max(blue[:2]) < 25  # opaque blue stays blue


def test_16_bit_grey_is_scaled_not_clipped() -> None:
    mid_grey = raw_png(300, 200, bit_depth=16, row=b"\x00" + b"\x80\x00" * 300)
    result = sanitise_upload(io.BytesIO(mid_grey), name="scan.png")
    assert all(120 <= value <= 136 for value in rgb_at(result.content, (150, 100)))


def test_cmyk_colours_survive() -> None:
    image = Image.new("RGB", (300, 200), (200, 20, 20)).convert("CMYK")
    result = sanitise_upload(io.BytesIO(encode(image, "JPEG", quality=95)), name="a.jpg")
    red, green, blue = rgb_at(result.content, (150, 100))
    assert red > 150
    assert green < 80
    assert blue < 80


def test_large_photo_is_downscaled_within_bounds() -> None:
    result = sanitise_upload(io.BytesIO(encode(document((5000, 3000)), "JPEG")), name="a.jpg")
    assert 2000 <= max(result.width, result.height) <= MAX_OUTPUT_SIDE
    assert result.width / result.height == pytest.approx(5 / 3, rel=0.01)
    thumbnail = Image.open(io.BytesIO(result.thumbnail))
    assert max(thumbnail.size) == THUMBNAIL_SIDE


def test_png_output_is_at_most_2480() -> None:
    result = sanitise_upload(io.BytesIO(encode(document((3000, 1000)), "PNG")), name="a.png")
    assert (result.width, result.height) == (MAX_OUTPUT_SIDE, 827)


def test_same_upload_gives_same_hash_and_output_is_stable() -> None:
    first = sanitise_upload(io.BytesIO(jpeg()), name="a.jpg")
    second = sanitise_upload(io.BytesIO(jpeg()), name="b.jpeg")
    assert first == second  # per-account deduplication (DOC-5) relies on this
    again = sanitise_upload(io.BytesIO(first.content), name="a.jpg")
    assert (again.width, again.height) == (first.width, first.height)


def test_sanitised_is_frozen() -> None:
    result = sanitise_upload(io.BytesIO(jpeg()), name="a.jpg")
    with pytest.raises(AttributeError):
        result.width = 1  # type: ignore[misc]


# --- Sizes and file objects -----------------------------------------------------------------
def test_declared_size_over_limit_is_refused_before_reading() -> None:
    class Unreadable(io.RawIOBase):
        def readinto(self, buffer):
            raise AssertionError("must not be read")

    with pytest.raises(UploadRefused) as refused:
        sanitise_upload(Unreadable(), name="a.jpg", size=MAX_BYTES + 1)
    assert refused.value.code == Refusal.TOO_LARGE


def test_understated_size_does_not_help() -> None:
    with pytest.raises(UploadRefused) as refused:
        sanitise_upload(io.BytesIO(pad_to(jpeg(), MAX_BYTES + 1)), name="a.jpg", size=100)
    assert refused.value.code == Refusal.TOO_LARGE


def test_too_large_message_is_the_documented_one() -> None:
    assert str(Refusal.TOO_LARGE.label) == (
        "Ukuran berkas melebihi 10 MB. Turunkan resolusi (DPI) pemindaian lalu unggah kembali."
    )
    assert str(Refusal.TYPE.label) == (
        "Jenis berkas tidak didukung. Unggah foto/pindaian dalam format JPG atau PNG."
    )
    assert str(Refusal.SUSPICIOUS.label).startswith(
        "Berkas berisi data yang tidak wajar dan tidak dapat diterima."
    )


def test_simple_uploaded_file_gives_name_and_size() -> None:
    upload = SimpleUploadedFile("KTP.JPG", jpeg(), content_type="image/jpeg")
    upload.read(10)  # a form may have peeked already
    assert sanitise_upload(upload).original_sha256 == hashlib.sha256(jpeg()).hexdigest()


def test_temporary_uploaded_file() -> None:
    upload = TemporaryUploadedFile("scan.png", "image/png", len(png()), None)
    upload.write(png())
    try:
        assert sanitise_upload(upload).width == 800
    finally:
        upload.close()


def test_uploaded_file_with_wrong_name() -> None:
    with pytest.raises(UploadRefused) as refused:
        sanitise_upload(SimpleUploadedFile("KTP.pdf", jpeg()))
    assert refused.value.code == Refusal.EXTENSION


def test_short_reads_are_assembled() -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data, self.pos = data, 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            piece = self.data[self.pos : self.pos + min(len(buffer), 777)]
            buffer[: len(piece)] = piece
            self.pos += len(piece)
            return len(piece)

    result = sanitise_upload(Trickle(jpeg()), name="a.jpg")
    assert result.original_sha256 == hashlib.sha256(jpeg()).hexdigest()


def test_refusal_as_validation_error() -> None:
    error = UploadRefused(Refusal.CORRUPT).as_validation_error()
    assert error.code == "corrupt"
    assert error.messages == [str(Refusal.CORRUPT.label)]


@pytest.mark.parametrize(
    ("name", "extension"),
    [
        ("a.JPG", "jpg"),
        ("dir/a.b.PnG", "png"),
        ("a", ""),
        ("a.", ""),
        (".jpg", "jpg"),
        ("a\\b.jpeg", "jpeg"),
        ("a.jpg/", ""),
        ("a.jpg.", "jpg"),
        ("\x00", ""),
        ("a" * 5000, ""),
    ],
    ids=[
        "upper",
        "dirs",
        "none",
        "trailing-dot",
        "dotfile",
        "backslash",
        "slash-end",
        "jpg-dot",
        "nul",
        "5000-chars",
    ],
)
def test_file_extension(name: str, extension: str) -> None:
    assert file_extension(name) == extension


# --- Quality warnings (X-3) -----------------------------------------------------------------
def warnings_for(image: Image.Image) -> tuple[QualityWarning, ...]:
    return sanitise_upload(io.BytesIO(encode(image, "JPEG", quality=92)), name="a.jpg").warnings


def test_sharp_bright_document_has_no_warning() -> None:
    assert warnings_for(document((1600, 1200))) == ()


def test_blurred_document_is_blurry() -> None:
    blurred = document((1600, 1200)).filter(ImageFilter.GaussianBlur(5))
    assert warnings_for(blurred) == (QualityWarning.BLURRY,)


def test_dark_document_is_dark() -> None:
    dark = document((1600, 1200)).point(lambda value: value * 0.2)
    assert warnings_for(dark) == (QualityWarning.DARK,)


def test_small_document_is_too_small() -> None:
    assert warnings_for(document((600, 450))) == (QualityWarning.TOO_SMALL,)


def test_small_dark_blurred_has_all_three() -> None:
    bad = document((600, 450)).filter(ImageFilter.GaussianBlur(6)).point(lambda v: v * 0.2)
    assert warnings_for(bad) == (
        QualityWarning.TOO_SMALL,
        QualityWarning.DARK,
        QualityWarning.BLURRY,
    )


def test_warning_texts_are_indonesian_sentences() -> None:
    for warning in QualityWarning:
        assert str(warning.label).startswith(("Resolusi", "Gambar"))
        assert "Sebaiknya" in str(warning.label)


# --- Mutation fuzzing: nothing but Sanitised or UploadRefused ------------------------------
def mutations(data: bytes, seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            action, at = rng.random(), rng.randrange(len(mutated))
            if action < 0.6:
                mutated[at] = rng.randrange(256)
            elif action < 0.8:
                mutated[at:at] = rng.randbytes(rng.randint(1, 16))
            else:
                del mutated[at : at + rng.randint(1, 64)]
        out.append(bytes(mutated))
    return out


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a.jpg", lambda: encode(document((240, 180)), "JPEG")),
        ("a.jpg", lambda: encode(document((240, 180)), "JPEG", progressive=True)),
        ("a.png", lambda: encode(document((240, 180)), "PNG")),
        ("a.png", lambda: encode(document((240, 180)).convert("P"), "PNG")),
    ],
    ids=["jpeg", "progressive-jpeg", "png", "palette-png"],
)
def test_mutated_files_never_raise_anything_else(name: str, make: Callable[[], bytes]) -> None:
    for index, data in enumerate(mutations(make(), seed=len(name) * 1000 + 7, count=150)):
        try:
            result = sanitise_upload(io.BytesIO(data), name=name)
        except UploadRefused:
            continue
        assert max(result.width, result.height) <= MAX_OUTPUT_SIDE, index


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, pos = [], 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunks.append((data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return chunks


@pytest.mark.parametrize("color", ["RGB", "P", "RGBA"], ids=["rgb", "palette", "rgba"])
def test_mutated_png_payloads_with_valid_crcs(color: str) -> None:
    """Mutations inside IHDR, PLTE, tRNS and IDAT with correct CRCs reach Pillow's decoder."""
    image = document((240, 180)).convert(color)
    chunks = png_chunks(encode(image, "PNG"))
    rng = random.Random(color)
    outcomes = set()
    for _ in range(150):
        rebuilt = b"\x89PNG\r\n\x1a\n"
        for kind, payload in chunks:
            mutated = bytearray(payload)
            if kind != b"IEND" and mutated and rng.random() < 0.5:
                for _ in range(rng.randint(1, 4)):
                    mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            rebuilt += png_chunk(kind, bytes(mutated))
        try:
            sanitise_upload(io.BytesIO(rebuilt), name="a.png")
            outcomes.add("accepted")
        except UploadRefused as refused:
            outcomes.add(refused.code)
    assert Refusal.CORRUPT in outcomes


def test_concurrent_uploads_share_the_decode_slots() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(
            pool.map(lambda _: sanitise_upload(io.BytesIO(jpeg()), name="a.jpg"), range(12))
        )
    assert len({result.sha256 for result in results}) == 1
