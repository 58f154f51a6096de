"""The population register behind one small protocol (X-10, DESIGN rule 7).

A register answers, field by field, whether the data the portal holds about a person
matches the civil registry: :class:`PopulationRegister` ``.cek(data) -> HasilCek``.
``settings.POPULATION_REGISTER`` picks the implementation:

- ``"demo"`` (the embedded default): :class:`DemoRegister`, the local table
  :class:`~sintren.kependudukan.models.PendudukDemo`;
- ``"http"``: :class:`HttpRegister`, a client for the Dinas's own NIK-verification web
  service (``POPULATION_REGISTER_URL``/``_TOKEN``/``_TIMEOUT``; the JSON contract is in
  docs/kependudukan.md).

The mother's name never travels in clear from the portal and is never shown: the
portal holds only the slow salted hash of what the applicant typed, and the register
checks its own record of the name against that hash (``cocok``/``tidak_cocok``).
A register that cannot answer raises :class:`RegisterTidakTersediaError`; nothing of
the data checked goes into a log line.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext

from sintren.kependudukan.choices import HASIL_REGISTER, FieldCek, HasilField
from sintren.kependudukan.normal import nama_ibu_varian, nama_sama

logger = logging.getLogger(__name__)

MAX_JAWABAN = 64 * 1024  # bytes read from the web service's answer
ARGON2_PREFIX = "argon2$"  # Django's name for the hasher, before the standard PHC string


class KependudukanError(Exception):
    """A check that could not be done; ``message`` is for the verifier (Indonesian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegisterTidakTersediaError(KependudukanError):
    """The register did not answer usefully (down, slow, 5xx, malformed answer)."""

    def __init__(self) -> None:
        super().__init__(
            gettext(
                "Layanan data kependudukan tidak dapat dihubungi. Coba lagi beberapa saat "
                "lagi; bila berlanjut, hubungi admin Dinas."
            )
        )


@dataclass(frozen=True)
class DataCek:
    """What the portal holds about the person to check.

    ``tanggal_lahir`` and ``nama_ibu_hash`` are ``None`` when the portal has no value
    (the field is then *tidak diperiksa*). ``nama_ibu_hash`` is the stored Django
    password hash of the normalised mother's name, never the name.
    """

    nik: str
    nama_lengkap: str
    nomor_kk: str
    tanggal_lahir: date | None = None
    nama_ibu_hash: str | None = None

    def __repr__(self) -> str:  # no personal data in tracebacks or debug output
        return "DataCek(…)"


@dataclass(frozen=True)
class BarisHasil:
    """The answer for one field."""

    field: FieldCek
    hasil: HasilField

    @property
    def label(self) -> str:
        return str(self.field.label)

    @property
    def hasil_label(self) -> str:
        return str(self.hasil.label)


@dataclass(frozen=True)
class HasilCek:
    """The register's answer: whether the NIK is known, and each field's result."""

    ditemukan: bool
    baris: tuple[BarisHasil, ...]

    def hasil(self, field: FieldCek) -> HasilField:
        """The result of one field."""
        return next(row.hasil for row in self.baris if row.field == field)

    def ringkas(self) -> dict[str, str]:
        """``{field: result}``: what the audit row keeps (no personal data)."""
        return {str(row.field): str(row.hasil) for row in self.baris}

    @property
    def semua_cocok(self) -> bool:
        return all(row.hasil == HasilField.COCOK for row in self.baris)


def hasil_dari(data: DataCek, jawaban: dict[FieldCek, HasilField], *, ditemukan: bool) -> HasilCek:
    """A :class:`HasilCek` in page order; fields the portal has no value for are
    *tidak diperiksa*, whatever the register said about them."""
    kosong = {
        FieldCek.TANGGAL_LAHIR: data.tanggal_lahir is None,
        FieldCek.NAMA_IBU_KANDUNG: not data.nama_ibu_hash,
    }
    baris = tuple(
        BarisHasil(
            field,
            HasilField.TIDAK_DIPERIKSA
            if kosong.get(field)
            else jawaban.get(field, HasilField.TIDAK_ADA),
        )
        for field in FieldCek
    )
    return HasilCek(ditemukan=ditemukan, baris=baris)


class PopulationRegister(Protocol):
    """Answers whether ``data`` matches the register, field by field.

    Raises :class:`RegisterTidakTersediaError` when it cannot answer.
    """

    def cek(self, data: DataCek) -> HasilCek: ...


# --- The embedded default -------------------------------------------------------------------
def _cocok(sama: bool) -> HasilField:
    return HasilField.COCOK if sama else HasilField.TIDAK_COCOK


class DemoRegister:
    """The local demo register (:class:`~sintren.kependudukan.models.PendudukDemo`)."""

    def cek(self, data: DataCek) -> HasilCek:
        from sintren.kependudukan.models import PendudukDemo

        penduduk = PendudukDemo.objects.filter(nik=data.nik).first()
        if penduduk is None:
            return hasil_dari(data, {}, ditemukan=False)
        jawaban = {
            FieldCek.NIK: HasilField.COCOK,
            FieldCek.NAMA_LENGKAP: _cocok(nama_sama(data.nama_lengkap, penduduk.nama_lengkap)),
            FieldCek.NOMOR_KK: _cocok(data.nomor_kk.strip() == penduduk.nomor_kk),
            FieldCek.TANGGAL_LAHIR: _cocok(data.tanggal_lahir == penduduk.tanggal_lahir),
            FieldCek.NAMA_IBU_KANDUNG: _cocok(
                nama_ibu_cocok(data.nama_ibu_hash, penduduk.nama_ibu_kandung)
            ),
        }
        return hasil_dari(data, jawaban, ditemukan=True)


def nama_ibu_cocok(nama_ibu_hash: str | None, nama_register: str) -> bool:
    """Whether the register's mother's name matches the applicant's stored hash."""
    if not nama_ibu_hash or not nama_register.strip():
        return False
    return any(check_password(varian, nama_ibu_hash) for varian in nama_ibu_varian(nama_register))


# --- The Dinas's own web service ----------------------------------------------------------------
def phc_of(nama_ibu_hash: str | None) -> str | None:
    """The standard Argon2 PHC string (``$argon2id$v=19$m=…,t=…,p=…$salt$hash``) of a
    Django Argon2 hash, which any Argon2 library verifies; ``None`` for another hasher."""
    if not nama_ibu_hash or not nama_ibu_hash.startswith(ARGON2_PREFIX):
        return None
    return nama_ibu_hash[len(ARGON2_PREFIX) - 1 :]


class HttpRegister:
    """POST the data to the Dinas's NIK-verification service; read per-field answers."""

    def __init__(
        self, *, url: str | None = None, token: str | None = None, timeout: float | None = None
    ) -> None:
        self.url = settings.POPULATION_REGISTER_URL if url is None else url
        self.token = settings.POPULATION_REGISTER_TOKEN if token is None else token
        self.timeout = settings.POPULATION_REGISTER_TIMEOUT if timeout is None else timeout
        if not self.url.startswith(("http://", "https://")):
            raise ImproperlyConfigured("POPULATION_REGISTER_URL must be an http(s) URL.")

    @staticmethod
    def payload(data: DataCek) -> dict[str, Any]:
        """The request body (docs/kependudukan.md)."""
        return {
            "versi": 1,
            "nik": data.nik,
            "nama_lengkap": data.nama_lengkap,
            "nomor_kk": data.nomor_kk,
            "tanggal_lahir": data.tanggal_lahir.isoformat() if data.tanggal_lahir else None,
            "nama_ibu_kandung_hash": phc_of(data.nama_ibu_hash),
        }

    def cek(self, data: DataCek) -> HasilCek:
        payload = self.payload(data)
        if payload["nama_ibu_kandung_hash"] is None:
            data = DataCek(data.nik, data.nama_lengkap, data.nomor_kk, data.tanggal_lahir, None)
        raw = self._post(payload)
        return _parse(raw, data)

    def _post(self, payload: dict[str, Any]) -> bytes:
        permintaan_id = uuid.uuid4().hex
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-Permintaan-Id": permintaan_id,
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(  # noqa: S310 (scheme checked in __init__)
            self.url, data=json.dumps(payload).encode(), method="POST", headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return bytes(response.read(MAX_JAWABAN + 1))
        except urllib.error.HTTPError as exc:
            logger.warning(
                "register kependudukan: HTTP %s (permintaan %s)", exc.code, permintaan_id
            )
            raise RegisterTidakTersediaError() from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            logger.warning(
                "register kependudukan: tidak terhubung, %s (permintaan %s)",
                type(reason).__name__,
                permintaan_id,
            )
            raise RegisterTidakTersediaError() from exc


def _parse(raw: bytes, data: DataCek) -> HasilCek:
    """The answer as a :class:`HasilCek`; anything unexpected is
    :class:`RegisterTidakTersediaError`."""
    try:
        if len(raw) > MAX_JAWABAN:
            raise ValueError("answer too large")
        body = json.loads(raw)
        if not isinstance(body, dict) or not isinstance(body.get("ditemukan"), bool):
            raise ValueError("no 'ditemukan'")
        if not body["ditemukan"]:
            return hasil_dari(data, {}, ditemukan=False)
        hasil = body.get("hasil")
        if not isinstance(hasil, dict):
            raise ValueError("no 'hasil'")
        jawaban: dict[FieldCek, HasilField] = {}
        for field in FieldCek:
            value = hasil.get(str(field))
            if value is None and _tidak_dikirim(field, data):
                continue
            if value not in HASIL_REGISTER:
                raise ValueError(f"bad value for {field}")
            jawaban[field] = HasilField(value)
    except (ValueError, UnicodeDecodeError) as exc:
        logger.warning("register kependudukan: jawaban tidak sah (%s)", type(exc).__name__)
        raise RegisterTidakTersediaError() from exc
    return hasil_dari(data, jawaban, ditemukan=True)


def _tidak_dikirim(field: FieldCek, data: DataCek) -> bool:
    """Fields sent as ``null`` may be left out of the answer."""
    if field == FieldCek.TANGGAL_LAHIR:
        return data.tanggal_lahir is None
    return field == FieldCek.NAMA_IBU_KANDUNG and not data.nama_ibu_hash


REGISTERS = {"demo": DemoRegister, "http": HttpRegister}


def register_get() -> PopulationRegister:
    """The register ``settings.POPULATION_REGISTER`` names."""
    name = settings.POPULATION_REGISTER
    try:
        register: PopulationRegister = REGISTERS[name]()
    except KeyError as exc:
        raise ImproperlyConfigured("POPULATION_REGISTER must be 'demo' or 'http'.") from exc
    return register
