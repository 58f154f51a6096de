"""Upload validation and sanitising for supporting documents (DOC-3, X-3).

A pure module (no models, no database): ``sanitise_upload`` takes the bytes an applicant
uploaded and either returns a ``Sanitised`` JPEG ready to store, or raises
``UploadRefused`` with an Indonesian message that names the cause and the fix (the
problems of the manual's Tabel 4, answered here instead of by a firewall's bare 403).

The pipeline, cheapest check first, so that hostile input costs little:

1. extension: the last one of the client's file name, case-insensitive, one of
   ``ALLOWED_EXTENSIONS``. The name is used for nothing else (stored names are random);
2. size: at most ``MAX_BYTES`` (the declared size first, then the bytes counted while
   reading, since the declaration is not trusted); zero bytes refused;
3. content: the magic bytes must say JPEG (for jpg/jpeg/jfif) or PNG (for png). The
   content must agree with the extension's family: a PNG named ``.jpg`` is refused
   with a message saying so, because a renamed file is what a scanner or camera does
   not produce and the applicant can fix it by saving the file again;
4. structure: the JPEG segments or PNG chunks are walked up to the end marker (EOI /
   IEND). A file without its end marker is truncated. The declared dimensions are
   read from the header here, so a decompression bomb is refused before Pillow
   allocates anything (``MAX_PIXELS``, ``MAX_SIDE_PIXELS``);
5. polyglots: markup or script signatures in the metadata (JPEG APPn/COM segments, PNG
   ancillary chunks) or after the end marker are refused, and so is any other data
   after the end marker, except what phones legitimately write there (see
   ``_is_camera_trailer``). Whatever passes is still neutralised: the output is
   re-encoded from decoded pixels, so no byte of the original (metadata, trailer, or
   markup smuggled into the compressed pixel data, which decodes as noise) can reach
   the stored file;
6. decode with Pillow restricted to the sniffed format (JPEG draft mode for large
   photos); 16-bit scaled to 8-bit, transparency flattened on white; downscaled so the
   longest side is at most ``MAX_OUTPUT_SIDE``; EXIF orientation applied; re-encoded
   as a progressive JPEG without any metadata (no EXIF, GPS, ICC profile, XMP or
   comment). PNG scans become JPEG too, so every stored document has one type;
7. quality statistics (X-3): warnings the applicant may override (too small, too
   dark, blurry), computed on a small greyscale copy.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import threading
import zlib
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFilter, ImageOps, ImageStat

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE_PIXELS = 20_000
MAX_OUTPUT_SIDE = 2480
THUMBNAIL_SIDE = 320
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80
RESAMPLE = Image.Resampling.LANCZOS
# A JPEG much larger than the output is decoded at 1/2, 1/4 or 1/8 scale (libjpeg's DCT
# scaling: far cheaper than a full decode and resize, and sharp) whenever the result's
# longest side stays at least this long: a JPEG longer than MAX_OUTPUT_SIDE comes out
# 2000-2480 px long (a 12 MP photo 2000 px) at well under half the cost of a full
# decode and resize (bench/REPORT-sanitize.md). Set it to MAX_OUTPUT_SIDE for 2480 px.
DRAFT_MIN_SIDE = 2000

# X-3 thresholds: the output's longest side; mean and Laplacian variance of the analysis
# image (greyscale, longest side at most ANALYSIS_SIDE).
MIN_LONG_SIDE = 800
DARK_MEAN_LUMINANCE = 60
BLUR_LAPLACIAN_VARIANCE = 30.0
ANALYSIS_SIDE = 1024

# Structural limits: far above what cameras and scanners write, low enough that walking
# a hostile file stays cheap.
MAX_JPEG_SEGMENTS = 1000
MAX_JPEG_SCANS = 100
MAX_PNG_CHUNKS = 20_000

# At most this many uploads are decoded at once in one process: within the caps, a tiny
# PNG can still declare 40 MP and need about 350 MB while it is processed
# (docs/documents.md, "Memory"), so concurrent requests wait for a slot instead.
MAX_CONCURRENT_DECODES = 2
_DECODE_SLOTS = threading.BoundedSemaphore(MAX_CONCURRENT_DECODES)

# Pillow's own guard, as a second line behind the header check below: it warns above
# this many pixels and raises DecompressionBombError above twice as many.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_JPEG, _PNG = "JPEG", "PNG"
_FORMAT_BY_EXTENSION = {"jpg": _JPEG, "jpeg": _JPEG, "jfif": _JPEG, "png": _PNG}
ALLOWED_EXTENSIONS = frozenset(_FORMAT_BY_EXTENSION)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SOI = b"\xff\xd8\xff"
# Start-of-frame markers (all but DHT C4, JPG C8 and DAC CC).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_SOS, _EOI, _COM = 0xDA, 0xD9, 0xFE
# After a scan's header, the next marker: 0xFF followed by anything but a stuffed zero,
# a restart marker or another fill byte.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
# Markup and script signatures, long enough that random binary data (an EXIF thumbnail,
# a motion photo's video) practically never matches by chance.
_MARKUP = re.compile(
    rb"<(?:script|iframe|html|body)[\s>/]|<\?php\s|<!doctype\s+html|javascript:",
    re.IGNORECASE,
)
_PADDING = b"\x00\xff\r\n"
_LAPLACIAN = ImageFilter.Kernel((3, 3), [0, 1, 0, 1, -4, 1, 0, 1, 0], scale=1, offset=128)
# What a damaged or hostile file makes Pillow raise; MemoryError is left to propagate.
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
    zlib.error,
)


class Refusal(models.TextChoices):
    """Why an upload was refused; the label is the message shown to the applicant."""

    TOO_LARGE = (
        "too_large",
        _("Ukuran berkas melebihi 10 MB. Turunkan resolusi (DPI) pemindaian lalu unggah kembali."),
    )
    EMPTY = (
        "empty",
        _(
            "Berkas kosong (0 byte). Pilih kembali berkas foto atau pindaian dokumen, "
            "lalu unggah ulang."
        ),
    )
    EXTENSION = (
        "extension",
        _(
            "Ekstensi berkas tidak sesuai. Gunakan berkas berakhiran .jpg, .jpeg, .png "
            "atau .jfif; bila perlu, ubah format simpan pada pengaturan kamera atau pemindai."
        ),
    )
    TYPE = "type", _("Jenis berkas tidak didukung. Unggah foto/pindaian dalam format JPG atau PNG.")
    MISMATCH = (
        "mismatch",
        _(
            "Isi berkas tidak sesuai dengan ekstensinya (misalnya gambar PNG yang dinamai "
            ".jpg). Unggah berkas asli dari kamera atau pemindai tanpa mengganti namanya, "
            "atau simpan ulang gambar dalam format yang sesuai."
        ),
    )
    CORRUPT = (
        "corrupt",
        _(
            "Berkas rusak atau tidak lengkap sehingga gambar tidak dapat dibaca. "
            "Foto atau pindai ulang dokumen, lalu unggah kembali."
        ),
    )
    TOO_MANY_PIXELS = (
        "too_many_pixels",
        _(
            "Dimensi gambar terlalu besar (lebih dari 40 megapiksel atau sisi lebih dari "
            "20.000 piksel). Turunkan resolusi kamera atau DPI pemindaian lalu unggah kembali."
        ),
    )
    SUSPICIOUS = (
        "suspicious",
        _(
            "Berkas berisi data yang tidak wajar dan tidak dapat diterima. Foto atau pindai "
            "ulang dokumen dengan aplikasi kamera atau pemindai bawaan, lalu unggah berkas "
            "yang baru."
        ),
    )


class QualityWarning(models.TextChoices):
    """A quality problem the applicant is told about and may accept (X-3)."""

    TOO_SMALL = (
        "too_small",
        _(
            "Resolusi gambar rendah sehingga tulisan mungkin tidak terbaca. Sebaiknya foto "
            "atau pindai ulang dokumen dengan resolusi lebih tinggi."
        ),
    )
    DARK = "dark", _("Gambar terlalu gelap. Sebaiknya foto ulang dokumen di tempat yang terang.")
    BLURRY = (
        "blurry",
        _(
            "Gambar tampak buram. Sebaiknya foto ulang dengan kamera yang tidak bergerak dan "
            "fokus pada dokumen."
        ),
    )


class UploadRefused(Exception):  # noqa: N818 (a refusal, not a programming error)
    """The upload is not accepted; ``message`` tells the applicant why and what to do."""

    def __init__(self, code: Refusal, message: str | None = None) -> None:
        self.code = code
        self.message = message if message is not None else str(code.label)
        super().__init__(self.message)

    def as_validation_error(self) -> ValidationError:
        """The same refusal for a Django form field."""
        return ValidationError(self.message, code=self.code.value)


@dataclass(frozen=True)
class Sanitised:
    """An accepted upload, re-encoded: the only bytes that are ever stored."""

    content: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    original_sha256: str
    warnings: tuple[QualityWarning, ...]
    content_type: str = "image/jpeg"
    extension: str = "jpg"


class BinaryReadable(Protocol):
    """A binary file object: a Django ``UploadedFile``, ``io.BytesIO``, an open file."""

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class _Layout:
    """What the structural walk found: declared size, metadata payloads, trailer."""

    width: int
    height: int
    metadata: tuple[bytes, ...]
    trailer: bytes


class _MalformedError(Exception):
    """The structure is broken (truncated, or not what the magic bytes promised)."""


# --- Entry point ------------------------------------------------------------------------------
def sanitise_upload(
    file: BinaryReadable, *, name: str | None = None, size: int | None = None
) -> Sanitised:
    """Check and re-encode one uploaded image, or raise ``UploadRefused``.

    ``name`` and ``size`` are what the client sent (default: the file's ``name`` and
    ``size`` attributes, as a Django ``UploadedFile`` has); the name only counts for
    its extension.
    """
    client_name = name if name is not None else str(getattr(file, "name", "") or "")
    declared = size if size is not None else getattr(file, "size", None)
    expected_format = format_for_name(client_name)
    if isinstance(declared, int) and declared > MAX_BYTES:
        raise UploadRefused(Refusal.TOO_LARGE)
    data = read_limited(file)
    found_format = sniff(data)
    if found_format is None:
        raise UploadRefused(Refusal.TYPE)
    if found_format != expected_format:
        raise UploadRefused(Refusal.MISMATCH)
    inspect_structure(data, found_format)
    with _DECODE_SLOTS:
        encoded = _re_encode(_decode(data, found_format))
    return Sanitised(
        content=encoded.content,
        thumbnail=encoded.thumbnail,
        width=encoded.width,
        height=encoded.height,
        sha256=hashlib.sha256(encoded.content).hexdigest(),
        original_sha256=hashlib.sha256(data).hexdigest(),
        warnings=encoded.warnings,
    )


# --- Name, size, type -------------------------------------------------------------------------
def file_extension(name: str) -> str:
    """The last extension of a client file name, lower-case ("" when there is none).

    Directory parts (either slash), trailing dots and surrounding whitespace are
    ignored; anything else hostile in the name (control characters, NUL, direction
    overrides) simply ends up in an extension that is not allowed.
    """
    base = re.split(r"[\\/]", name)[-1].strip().rstrip(".")
    _stem, dot, extension = base.rpartition(".")
    return extension.strip().lower() if dot else ""


def format_for_name(name: str) -> str:
    """The image format the name's extension promises, or refuse the extension."""
    image_format = _FORMAT_BY_EXTENSION.get(file_extension(name))
    if image_format is None:
        raise UploadRefused(Refusal.EXTENSION)
    return image_format


def read_limited(file: BinaryReadable) -> bytes:
    """Read the whole upload from its start, refusing more than ``MAX_BYTES`` or nothing."""
    seekable = getattr(file, "seekable", None)
    if callable(seekable) and seekable():
        file.seek(0)  # type: ignore[attr-defined]
    chunks: list[bytes] = []
    total = 0
    while total <= MAX_BYTES:
        chunk = file.read(min(1 << 20, MAX_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_BYTES:
        raise UploadRefused(Refusal.TOO_LARGE)
    if total == 0:
        raise UploadRefused(Refusal.EMPTY)
    return b"".join(chunks)


def sniff(data: bytes) -> str | None:
    """``"JPEG"`` or ``"PNG"`` from the magic bytes, else None."""
    if data.startswith(_JPEG_SOI):
        return _JPEG
    if data.startswith(_PNG_SIGNATURE):
        return _PNG
    return None


# --- Structure: dimensions, metadata, trailer -------------------------------------------------
def inspect_structure(data: bytes, image_format: str) -> None:
    """Refuse truncated, oversized (in pixels) or polyglot files before any decoding."""
    try:
        layout = _walk_jpeg(data) if image_format == _JPEG else _walk_png(data)
    except _MalformedError:
        # A broken structure that carries markup (HTML after a PNG signature) is a
        # polyglot rather than a damaged photo.
        code = Refusal.SUSPICIOUS if _MARKUP.search(data) else Refusal.CORRUPT
        raise UploadRefused(code) from None
    check_dimensions(layout.width, layout.height)
    if any(_MARKUP.search(payload) for payload in (*layout.metadata, layout.trailer)):
        raise UploadRefused(Refusal.SUSPICIOUS)
    trailer_ok = (
        _is_camera_trailer(layout.trailer) if image_format == _JPEG else _is_padding(layout.trailer)
    )
    if not trailer_ok:
        raise UploadRefused(Refusal.SUSPICIOUS)


def check_dimensions(width: int, height: int) -> None:
    """The decompression-bomb guard: refuse before a single pixel is allocated."""
    if width <= 0 or height <= 0:
        raise UploadRefused(Refusal.CORRUPT)
    if max(width, height) > MAX_SIDE_PIXELS or width * height > MAX_PIXELS:
        raise UploadRefused(Refusal.TOO_MANY_PIXELS)


def _walk_jpeg(data: bytes) -> _Layout:
    """Walk the segments from SOI to EOI, skipping each scan's entropy-coded data."""
    frames: list[tuple[int, int]] = []
    metadata: list[bytes] = []
    scans, pos = 0, 2
    for _segment in range(MAX_JPEG_SEGMENTS):
        marker, pos = _jpeg_marker(data, pos)
        if marker == _EOI:
            return _Layout(*_single_frame(frames), tuple(metadata), data[pos:])
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a payload
            continue
        payload, pos = _jpeg_segment(data, pos, marker)
        if marker in _SOF_MARKERS:
            frames.append(_jpeg_frame_size(payload))
        elif 0xE0 <= marker <= 0xEF or marker == _COM:
            metadata.append(payload)
        elif marker == _SOS:
            scans += 1
            if scans > MAX_JPEG_SCANS:
                raise UploadRefused(Refusal.SUSPICIOUS)
            found = _NEXT_MARKER.search(data, pos)
            if found is None:
                raise _MalformedError
            pos = found.start()
    raise UploadRefused(Refusal.SUSPICIOUS)


def _jpeg_marker(data: bytes, pos: int) -> tuple[int, int]:
    """The marker at ``pos`` (after any fill bytes) and the position after it."""
    if pos >= len(data) or data[pos] != 0xFF:
        raise _MalformedError
    while pos < len(data) and data[pos] == 0xFF:
        pos += 1
    if pos >= len(data):
        raise _MalformedError
    return data[pos], pos + 1


def _jpeg_segment(data: bytes, pos: int, marker: int) -> tuple[bytes, int]:
    """A marker segment's payload (after its two length bytes) and the position after it."""
    if marker in (0x00, 0xD8) or pos + 2 > len(data):
        raise _MalformedError
    length = int.from_bytes(data[pos : pos + 2], "big")
    if length < 2 or pos + length > len(data):
        raise _MalformedError
    return data[pos + 2 : pos + length], pos + length


def _single_frame(frames: list[tuple[int, int]]) -> tuple[int, int]:
    if not frames:
        raise _MalformedError
    if len(frames) > 1:
        # Several frames before EOI: how a small declared size is made to hide a big one.
        raise UploadRefused(Refusal.SUSPICIOUS)
    return frames[0]


def _jpeg_frame_size(payload: bytes) -> tuple[int, int]:
    """(width, height) from a SOFn payload: precision, height, width, components…"""
    if len(payload) < 6:
        raise _MalformedError
    height = int.from_bytes(payload[1:3], "big")
    width = int.from_bytes(payload[3:5], "big")
    return width, height


def _walk_png(data: bytes) -> _Layout:
    """Walk the chunks from the signature to IEND; IHDR must come first."""
    metadata: list[bytes] = []
    width = height = 0
    pos, end = len(_PNG_SIGNATURE), len(data)
    for index in range(MAX_PNG_CHUNKS):
        if pos + 12 > end:
            raise _MalformedError
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        payload_end = pos + 8 + length
        if not kind.isalpha() or payload_end + 4 > end:
            raise _MalformedError
        payload = data[pos + 8 : payload_end]
        pos = payload_end + 4  # skip the CRC (Pillow checks it)
        if index == 0:
            if kind != b"IHDR" or length != 13:
                raise _MalformedError
            width, height = struct.unpack(">II", payload[:8])
        elif kind == b"IEND":
            return _Layout(width, height, tuple(metadata), data[pos:])
        elif kind != b"IDAT":
            metadata.append(payload)
    raise UploadRefused(Refusal.SUSPICIOUS)


def _is_padding(trailer: bytes) -> bool:
    return not trailer.strip(_PADDING)


def _is_camera_trailer(trailer: bytes) -> bool:
    """Data after EOI that phones write: padding, further JPEG images (MPF: depth maps,
    Ultra HDR gain maps), a motion photo's MP4 video, or a Samsung trailer."""
    return (
        _is_padding(trailer)
        or trailer.startswith(_JPEG_SOI)
        or trailer[4:8] == b"ftyp"
        or b"SEFT" in trailer[-8:]
    )


# --- Decode and re-encode ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Encoded:
    content: bytes
    thumbnail: bytes
    width: int
    height: int
    warnings: tuple[QualityWarning, ...]


def _decode(data: bytes, image_format: str) -> Image.Image:
    """Decode with Pillow, restricted to the one sniffed format (large JPEGs in draft
    mode, see ``DRAFT_MIN_SIDE``)."""
    try:
        image = Image.open(io.BytesIO(data), formats=[image_format])
        check_dimensions(*image.size)
        if image_format == _JPEG:
            image.draft("RGB", fit_size(image.size, DRAFT_MIN_SIDE))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UploadRefused(Refusal.TOO_MANY_PIXELS) from None
    except _DECODE_ERRORS:
        raise UploadRefused(Refusal.CORRUPT) from None
    return image


def _re_encode(image: Image.Image) -> _Encoded:
    """Flatten, downscale, orient and encode as JPEG without metadata; thumbnail; X-3."""
    image = _working_mode(image)
    target = fit_size(image.size, MAX_OUTPUT_SIDE)
    if target != image.size:
        image = image.resize(target, RESAMPLE, reducing_gap=2.0)  # keeps .info (EXIF)
    _apply_orientation(image)
    image.info = {}  # no EXIF, GPS, ICC profile, XMP or comment reaches the encoder
    content = _jpeg_bytes(image, JPEG_QUALITY, progressive=True)
    small = image.resize(fit_size(image.size, THUMBNAIL_SIDE), RESAMPLE, reducing_gap=2.0)
    return _Encoded(
        content=content,
        thumbnail=_jpeg_bytes(small, THUMBNAIL_QUALITY, progressive=False),
        width=image.width,
        height=image.height,
        warnings=quality_warnings(image),
    )


def fit_size(size: tuple[int, int], side: int) -> tuple[int, int]:
    """``size`` scaled down (never up) so that its longest side is at most ``side``."""
    width, height = size
    longest = max(width, height)
    if longest <= side:
        return size
    scale = side / longest
    return max(1, round(width * scale)), max(1, round(height * scale))


def _working_mode(image: Image.Image) -> Image.Image:
    """8-bit L or RGB, transparency flattened on white (before the downscale: that needs
    less memory than resizing with alpha). Every step keeps ``.info``, hence the EXIF
    orientation applied later."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # Pillow's direct conversion to L clips at 255 (nearly all white); scale instead.
        return image.point(lambda value: value / 256).convert("L")
    if image.mode == "P" and image.has_transparency_data:
        return _flatten_palette(image)
    if image.has_transparency_data:
        return _flatten_on_white(image if image.mode == "RGBA" else image.convert("RGBA"))
    if image.mode in ("L", "RGB"):
        return image
    return image.convert("L" if image.mode == "1" else "RGB")


def _flatten_on_white(image: Image.Image) -> Image.Image:
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    flat.info = image.info
    return flat


def _flatten_palette(image: Image.Image) -> Image.Image:
    """A palette image flattened by blending its palette with white: one byte per pixel
    throughout instead of an RGBA copy four times the size."""
    palette = image.getpalette("RGB") or []
    transparency = image.info.get("transparency")
    entries = len(palette) // 3
    if isinstance(transparency, int):
        alphas = [0 if index == transparency else 255 for index in range(entries)]
    elif isinstance(transparency, bytes):
        alphas = [*transparency[:entries], *[255] * (entries - len(transparency))]
    else:
        return _flatten_on_white(image.convert("RGBA"))
    blended = [
        (channel * alpha + 255 * (255 - alpha) + 127) // 255
        for alpha, rgb in zip(alphas, zip(*[iter(palette)] * 3, strict=True), strict=True)
        for channel in rgb
    ]
    image.putpalette(blended, "RGB")  # the decoded image is ours to change
    del image.info["transparency"]
    return image.convert("RGB")


def _apply_orientation(image: Image.Image) -> None:
    """Turn the pixels as the EXIF Orientation tag says; a damaged EXIF block is ignored
    (it is dropped with the rest of the metadata)."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except _DECODE_ERRORS:
        return


def _jpeg_bytes(image: Image.Image, quality: int, *, progressive: bool) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=progressive)
    return buffer.getvalue()


# --- Quality statistics (X-3) -----------------------------------------------------------------
def quality_warnings(image: Image.Image) -> tuple[QualityWarning, ...]:
    """Cheap statistics on a greyscale copy at most ``ANALYSIS_SIDE`` pixels long."""
    grey = image if image.mode == "L" else image.convert("L")
    grey = grey.resize(fit_size(grey.size, ANALYSIS_SIDE), Image.Resampling.BOX)
    warnings: list[QualityWarning] = []
    if max(image.size) < MIN_LONG_SIDE:
        warnings.append(QualityWarning.TOO_SMALL)
    if ImageStat.Stat(grey).mean[0] < DARK_MEAN_LUMINANCE:
        warnings.append(QualityWarning.DARK)
    if laplacian_variance(grey) < BLUR_LAPLACIAN_VARIANCE:
        warnings.append(QualityWarning.BLURRY)
    return tuple(warnings)


def laplacian_variance(grey: Image.Image) -> float:
    """Variance of the Laplacian (edge strength): low on a blurred image."""
    edges = grey.filter(_LAPLACIAN)
    # The one-pixel border has no full neighbourhood; leave it out.
    inner = edges.crop((1, 1, edges.width - 1, edges.height - 1)) if min(edges.size) > 2 else edges
    return float(ImageStat.Stat(inner).var[0])
