"""PAdES signing and validation of issued documents with pyHanko (OUT-1, OUT-4).

The office signs with the certificate and key of a PKCS#12 file
(``SIGNING_PKCS12_PATH``/``SIGNING_PKCS12_PASSWORD``). Without one, the embedded default
uses a demo CA and signer certificate that ``manage.py sertifikat_demo`` (run by
``sintren_setup``) generates into ``DATA_DIR / "tte"``.

Signing is made fast by doing each expensive step once or never:

* the PKCS#12 file is parsed and the private key loaded once per process (cached by
  file and modification time); pyHanko's ``SimpleSigner`` would load the key from DER
  on every signature, and loading an RSA key checks it, which costs more than all the
  rest of a signature together;
* the space for the signature is reserved with a fixed size (``bytes_reserved``)
  instead of pyHanko's trial signature that measures it;
* no network: no timestamp server, no revocation lookups while signing;
* the verification QR is drawn with a fixed mask pattern (the library's search for the
  best of eight masks is most of the QR's cost).

The QR that points to the public verification page is part of the signature's
appearance, so it is added in the same incremental update the signature covers: the
signature still covers the whole file.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import qrcode
from cryptography import x509 as pyca_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.keys import load_certs_from_pemder
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.qr import PdfStreamQRImage
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import init_xobject_dictionary
from pyhanko.sign import fields
from pyhanko.sign.signers.pdf_cms import SimpleSigner
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp.qr import QRStamp, QRStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)

DEMO_DIRNAME = "tte"
DEMO_CA = "ca-demo.pem"
DEMO_PKCS12 = "penandatangan-demo.p12"
DEMO_PASSWORD = "sintren-demo"  # noqa: S105 (the demo certificate's, refused nowhere it matters)
FIELD_NAME = "TTE_SINTREN"
# Room for the CMS signature, in bytes of the hex string in the file: an RSA-4096 or
# ECDSA signature with a chain of three certificates fits with room to spare.
BYTES_RESERVED = 16384
# Where the stamp goes on the first page, in PDF points from the lower left corner.
STAMP_BOX = (36, 24, 336, 96)
STAMP_TEXT = (
    "Ditandatangani secara elektronik oleh\n%(signer)s\n%(ts)s\n"
    "Kode verifikasi: %(kode)s\nCek keaslian: %(url)s"
)
QR_MASK = 4


T = TypeVar("T")


def _outside_event_loop(func: Callable[[], T]) -> T:
    """Run ``func`` here, or in a short-lived thread when this thread runs an event loop.

    pyHanko's synchronous API calls ``asyncio.run``, which refuses to run inside a
    running loop (an ASGI server's thread, a test driving a browser).
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func()
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(func).result()


class SigningUnavailableError(Exception):
    """No usable office certificate: the PDF cannot be signed by the portal."""


# --- configuration --------------------------------------------------------------------------
def demo_dir() -> Path:
    """Where the embedded default keeps its demo CA and signer certificate."""
    return Path(getattr(settings, "SIGNING_DEMO_DIR", settings.DATA_DIR / DEMO_DIRNAME))


def _pkcs12_path() -> Path:
    configured = str(getattr(settings, "SIGNING_PKCS12_PATH", "") or "")
    return Path(configured) if configured else demo_dir() / DEMO_PKCS12


def _pkcs12_password() -> bytes | None:
    if getattr(settings, "SIGNING_PKCS12_PATH", ""):
        password = str(getattr(settings, "SIGNING_PKCS12_PASSWORD", "") or "")
    else:
        password = DEMO_PASSWORD
    return password.encode() if password else None


def trust_root_paths() -> list[Path]:
    """The CA certificates signatures are checked against (``SIGNING_TRUST_ROOTS``),
    plus the demo CA when the portal signs with the demo certificate."""
    paths = [Path(p) for p in getattr(settings, "SIGNING_TRUST_ROOTS", []) or []]
    if not getattr(settings, "SIGNING_PKCS12_PATH", ""):
        paths.append(demo_dir() / DEMO_CA)
    return paths


# --- the demo certificate -----------------------------------------------------------------
def _name(common_name: str) -> pyca_x509.Name:
    office = str(settings.SINTREN["OFFICE_NAME"])[:64]
    return pyca_x509.Name(
        [
            pyca_x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            pyca_x509.NameAttribute(NameOID.ORGANIZATION_NAME, office),
            pyca_x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, ca: bool) -> pyca_x509.KeyUsage:
    return pyca_x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _certificate(
    subject: pyca_x509.Name,
    issuer: pyca_x509.Name,
    public_key: Any,
    signing_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    years: int,
) -> pyca_x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    return (
        pyca_x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(pyca_x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365 * years))
        .add_extension(pyca_x509.BasicConstraints(ca=ca, path_length=0 if ca else None), True)
        .add_extension(_key_usage(ca=ca), critical=True)
        .add_extension(pyca_x509.SubjectKeyIdentifier.from_public_key(public_key), False)
        .add_extension(
            pyca_x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
        .sign(signing_key, hashes.SHA256())
    )


def sertifikat_demo_buat(folder: Path | None = None) -> bool:
    """Generate the demo CA and the office's demo signer certificate (PKCS#12) into
    ``folder`` unless they exist; ``True`` when they were made now.

    For development and trying the system only: the CA is made up, so no reader but
    this portal (given the CA as trust root) will trust its signatures.
    """
    folder = folder or demo_dir()
    ca_path, p12_path = folder / DEMO_CA, folder / DEMO_PKCS12
    if ca_path.exists() and p12_path.exists():
        return False
    folder.mkdir(parents=True, exist_ok=True)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    ca_name = _name("CA Demo SINTREN (bukan untuk produksi)")
    ca_cert = _certificate(ca_name, ca_name, ca_key.public_key(), ca_key, ca=True, years=10)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = _name(f"Kepala Dinas Dukcapil {settings.SINTREN['REGION_NAME']}"[:64])
    cert = _certificate(subject, ca_name, key.public_key(), ca_key, ca=False, years=5)
    bundle = pkcs12.serialize_key_and_certificates(
        b"sintren-demo",
        key,
        cert,
        [ca_cert],
        serialization.BestAvailableEncryption(DEMO_PASSWORD.encode()),
    )
    _write_new(p12_path, bundle, mode=0o600)
    _write_new(ca_path, ca_cert.public_bytes(serialization.Encoding.PEM), mode=0o644)
    return True


def _write_new(path: Path, content: bytes, *, mode: int) -> None:
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(content)
    temp.chmod(mode)
    temp.replace(path)


# --- the signer, loaded once ---------------------------------------------------------------
class _KeptKeySigner(SimpleSigner):
    """``SimpleSigner`` that signs with a private key object loaded once, instead of
    loading it from DER for every signature."""

    def __init__(self, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey, **kwargs: Any):
        super().__init__(**kwargs)
        self._key = key

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        return self.sign_raw(data, digest_algorithm)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        algorithm = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384()}.get(
            digest_algorithm, hashes.SHA512()
        )
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), algorithm)
        return self._key.sign(data, ec.ECDSA(algorithm))


@dataclass(frozen=True)
class _Office:
    signer: _KeptKeySigner
    nama: str


_lock = threading.Lock()
_office_cache: dict[tuple[str, int], _Office] = {}
_roots_cache: dict[tuple[tuple[str, int], ...], list[Any]] = {}


def _common_name(cert: pyca_x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def _load_office(path: Path) -> _Office:
    try:
        key, cert, others = pkcs12.load_key_and_certificates(path.read_bytes(), _pkcs12_password())
    except (OSError, ValueError) as exc:
        raise SigningUnavailableError(str(type(exc).__name__)) from exc
    if cert is None or not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise SigningUnavailableError("PKCS#12 without a certificate and an RSA/EC key")
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    registry.register_multiple([translate_pyca_cryptography_cert_to_asn1(c) for c in others])
    signer = _KeptKeySigner(
        key,
        signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=registry,
        embed_roots=False,
    )
    return _Office(signer=signer, nama=_common_name(cert))


def _office() -> _Office:
    path = _pkcs12_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError as exc:
        raise SigningUnavailableError("office certificate file missing") from exc
    with _lock:
        office = _office_cache.get(key)
        if office is None:
            _office_cache.clear()
            office = _office_cache[key] = _load_office(path)
    return office


def penandatangan_nama() -> str:
    """The name on the office's signing certificate (shown to staff)."""
    return _office().nama


# --- signing ----------------------------------------------------------------------------------
class _QuickQRStamp(QRStamp):
    """pyHanko's QR stamp with a fixed mask pattern."""

    def _qr_xobject(self) -> Any:
        code = qrcode.QRCode(
            error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=QR_MASK
        )
        code.add_data(self.url)
        code.make(fit=True)
        image: Any = code.make_image(image_factory=PdfStreamQRImage)
        size = (code.modules_count + 2 * code.border) * code.box_size
        xobject = init_xobject_dictionary(image.render_command_stream(), size, size)
        xobject.compress()  # type: ignore[no-untyped-call]
        writer: Any = self.writer
        return writer.add_object(xobject), size


class _QuickQRStampStyle(QRStampStyle):
    def create_stamp(self, writer: Any, box: Any, text_params: dict[str, Any]) -> QRStamp:
        return _QuickQRStamp(
            writer, style=self, url=text_params["url"], text_params=text_params, box=box
        )


_STYLE = _QuickQRStampStyle(stamp_text=STAMP_TEXT, border_width=0)


def tandatangani(pdf: bytes, *, url_verifikasi: str, kode: str) -> bytes:
    """``pdf`` signed by the office (PAdES B-B), with the verification QR pointing to
    ``url_verifikasi`` and ``kode`` printed beside it on the first page.

    Raises :class:`SigningUnavailableError` without a usable office certificate.
    """
    office = _office()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Dokumen diterbitkan secara elektronik",
        location=str(settings.SINTREN["REGION_NAME"]),
    )
    spec = fields.SigFieldSpec(FIELD_NAME, on_page=0, box=STAMP_BOX)
    signer = PdfSigner(meta, office.signer, stamp_style=_STYLE, new_field_spec=spec)
    output = _outside_event_loop(
        lambda: signer.sign_pdf(
            writer,
            bytes_reserved=BYTES_RESERVED,
            appearance_text_params={"url": url_verifikasi, "kode": kode},
        )
    )
    data: bytes = output.getvalue()
    return data


# --- validation ----------------------------------------------------------------------------
@dataclass(frozen=True)
class HasilTandaTangan:
    """The check of one signature: who signed, whether the signed bytes are unchanged
    and the signature sound (``utuh``), whether the signer's certificate leads to a
    trusted root (``terpercaya``), and whether it covers the whole file."""

    nama: str
    utuh: bool
    terpercaya: bool
    seluruh_file: bool
    waktu: str = ""

    @property
    def sah(self) -> bool:
        """Intact, trusted and covering the whole file."""
        return self.utuh and self.terpercaya and self.seluruh_file

    def as_dict(self) -> dict[str, Any]:
        """For ``DokumenTerbit.validasi`` (JSON)."""
        return {**asdict(self), "sah": self.sah}


def _trust_roots() -> list[Any]:
    paths = [p for p in trust_root_paths() if p.exists()]
    key = tuple((str(p), p.stat().st_mtime_ns) for p in paths)
    with _lock:
        roots = _roots_cache.get(key)
        if roots is None:
            _roots_cache.clear()
            roots = _roots_cache[key] = [
                c
                for p in paths
                for c in load_certs_from_pemder([p])  # type: ignore[no-untyped-call]
            ]
    return roots


def _validation_context() -> ValidationContext:
    # No fetching: a verification must not wait for (or leak to) outside servers.
    return ValidationContext(
        trust_roots=_trust_roots(), allow_fetching=False, revocation_mode="soft-fail"
    )


def _check(signature: Any) -> HasilTandaTangan:
    try:
        nama = str(signature.signer_cert.subject.native.get("common_name", ""))
    except Exception:  # a malformed certificate: no name to show
        nama = ""
    try:
        status = validate_pdf_signature(signature, _validation_context(), skip_diff=True)
    except Exception as exc:  # a malformed signature is an invalid one, never a 500
        logger.info("Signature validation failed: %s", type(exc).__name__)
        return HasilTandaTangan(nama=nama, utuh=False, terpercaya=False, seluruh_file=False)
    waktu = status.signer_reported_dt.isoformat() if status.signer_reported_dt else ""
    return HasilTandaTangan(
        nama=nama,
        utuh=bool(status.intact and status.valid),
        terpercaya=bool(status.trusted),
        seluruh_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        waktu=waktu,
    )


def validasi(pdf: bytes) -> list[HasilTandaTangan]:
    """Check every signature of ``pdf`` against the trust roots (no network).

    An empty list: the PDF carries no signature. ``ValueError`` when the PDF cannot be
    read at all.
    """
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:
        raise ValueError("unreadable PDF") from exc
    return _outside_event_loop(lambda: [_check(signature) for signature in signatures])
