"""The portal's PAdES signature (OUT-1) and its validation with pyHanko."""

from __future__ import annotations

import io
import re

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from sintren.keluaran import signing
from sintren.keluaran.signing import DEMO_CA, sertifikat_demo_buat, tandatangani, validasi

URL = "http://testserver/verifikasi/ABCDEFGHJKMN/"


def _tamper(data: bytes) -> bytes:
    """Change one byte inside the signed range (in a comment: the PDF stays readable)."""
    changed = bytearray(data)
    where = data.index(b"ReportLab Generated")
    changed[where] = ord("X")
    return bytes(changed)


def _appearance(data: bytes) -> tuple[bytes, list[str]]:
    """The signature widget's appearance stream and the names of its XObjects."""
    field = PdfFileReader(io.BytesIO(data)).root["/AcroForm"]["/Fields"][0].get_object()
    stream = field["/AP"]["/N"].get_object()
    return stream.data, [str(name) for name in stream["/Resources"]["/XObject"]]


def test_signed_pdf_validates_against_the_demo_ca_with_pyhanko_itself(pdf, demo_tte):
    signed = tandatangani(pdf, url_verifikasi=URL, kode="ABCD-EFGH-JKMN")
    root = load_cert_from_pemder(str(demo_tte / DEMO_CA))
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert len(embedded) == 1
    # In a thread of its own: a browser test may leave an event loop running in this one.
    status = signing._outside_event_loop(lambda: validate_pdf_signature(embedded[0], context))
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line


def test_signed_pdf_carries_the_verification_url_and_code(pdf):
    signed = tandatangani(pdf, url_verifikasi=URL, kode="ABCD-EFGH-JKMN")
    # The QR and the printed address are the signature's own appearance.
    text, xobjects = _appearance(signed)
    # PDF strings may write characters as octal escapes.
    tertulis = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), text)
    assert URL.encode() in tertulis
    assert b"ABCD-EFGH-JKMN" in tertulis
    assert "/QR" in xobjects
    [hasil] = validasi(signed)
    assert hasil.sah
    assert hasil.nama.startswith("Kepala Dinas")


def test_one_changed_byte_makes_validation_fail(pdf):
    signed = tandatangani(pdf, url_verifikasi=URL, kode="ABCD-EFGH-JKMN")
    [hasil] = validasi(_tamper(signed))
    assert not hasil.utuh
    assert not hasil.sah


def test_unsigned_pdf_has_no_signature_and_garbage_is_unreadable(pdf):
    assert validasi(pdf) == []
    try:
        validasi(b"<html>bukan pdf</html>")
    except ValueError:
        pass
    else:
        raise AssertionError("garbage must not validate")


def test_untrusted_signer_is_intact_but_not_trusted(pdf, settings, tmp_path):
    other = tmp_path / "lain"
    sertifikat_demo_buat(other)
    settings.SIGNING_DEMO_DIR = other
    signed = tandatangani(pdf, url_verifikasi=URL, kode="X")
    settings.SIGNING_DEMO_DIR = tmp_path / "kosong"  # another CA as the only trust root
    sertifikat_demo_buat(tmp_path / "kosong")
    [hasil] = validasi(signed)
    assert hasil.utuh
    assert not hasil.terpercaya
    assert not hasil.sah


def test_demo_certificate_is_made_once(tmp_path):
    assert sertifikat_demo_buat(tmp_path) is True
    first = (tmp_path / signing.DEMO_PKCS12).read_bytes()
    assert sertifikat_demo_buat(tmp_path) is False
    assert (tmp_path / signing.DEMO_PKCS12).read_bytes() == first


def test_key_is_loaded_once_per_process(pdf):
    tandatangani(pdf, url_verifikasi=URL, kode="A")
    office = signing._office()
    tandatangani(pdf, url_verifikasi=URL, kode="B")
    assert signing._office() is office


def test_missing_certificate_is_a_clear_error(pdf, settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = str(tmp_path / "tidak-ada.p12")
    try:
        tandatangani(pdf, url_verifikasi=URL, kode="A")
    except signing.SigningUnavailableError:
        pass
    else:
        raise AssertionError("signing without a certificate must fail")


def test_signing_works_inside_a_running_event_loop(pdf):
    """An ASGI thread or a test driving a browser runs a loop; pyHanko's own
    ``asyncio.run`` would refuse there."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside() -> bytes:
        return tandatangani(pdf, url_verifikasi=URL, kode="A")

    # A thread of its own, where this test starts the loop (whatever runs in this one).
    with ThreadPoolExecutor(max_workers=1) as executor:
        signed = executor.submit(asyncio.run, inside()).result()
    [hasil] = validasi(signed)
    assert hasil.sah
