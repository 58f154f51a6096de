"""Validation of applicant data (ACC-1): NIK, Nomor KK, phone numbers and passwords.

Pure functions: each returns the cleaned value or raises
``django.core.exceptions.ValidationError`` with a clear Indonesian message; nothing
else escapes, whatever the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import phonenumbers
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import exceptions as stdnum_exceptions
from stdnum.id import nik as stdnum_nik

from sintren.regions.selectors import district_code_exists

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

_SIXTEEN_DIGITS = re.compile(r"[0-9]{16}")
_SEPARATORS = re.compile(r"[\s.\-]+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"[0-9]")
_PHONE_ALLOWED = re.compile(r"\+?[0-9 \-().]{6,30}")
_PHONE_SHAPE = re.compile(r"(?:\+62|62|0)8[0-9]{7,12}")
MIN_PASSWORD_LENGTH = 8

KETENTUAN_KATA_KUNCI: list[StrPromise] = [
    gettext_lazy("Panjang kata kunci minimal 8 karakter."),
    gettext_lazy("Kata kunci harus memuat paling sedikit satu huruf dan satu angka."),
    gettext_lazy("Kata kunci tidak boleh seluruhnya berupa angka."),
    gettext_lazy("Kata kunci tidak boleh sama dengan atau memuat NIK maupun Nomor KK."),
    gettext_lazy("Kata kunci tidak boleh berupa atau memuat tanggal lahir Anda."),
    gettext_lazy("Kata kunci tidak boleh kata kunci yang umum dan mudah ditebak."),
    gettext_lazy("Ulangi Kata Kunci harus sama dengan Kata Kunci."),
]


@dataclass(frozen=True)
class NikInfo:
    """What a valid NIK says: its district code, birth date and sex (``L``/``P``)."""

    nik: str
    district_code: str
    birth_date: date
    sex: str


# --- NIK and Nomor KK ---------------------------------------------------------------------
def _sixteen_digits(value: Any, label: str) -> str:
    """Strip spaces, dots and dashes; require exactly 16 ASCII digits."""
    text = _SEPARATORS.sub("", value) if isinstance(value, str) else ""
    if not _SIXTEEN_DIGITS.fullmatch(text):
        raise ValidationError(
            _("%(label)s harus terdiri dari tepat 16 angka.") % {"label": label},
            code="format",
        )
    return text


def _district_exists(digits: str) -> bool:
    return district_code_exists(digits)


def _require_district(digits: str, label: str) -> str:
    if not _district_exists(digits[:6]):
        raise ValidationError(
            _(
                "6 angka pertama %(label)s bukan kode kecamatan yang terdaftar. "
                "Periksa kembali %(label)s Anda."
            )
            % {"label": label},
            code="district",
        )
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def _nik_birth_date(digits: str, tanggal_lahir: date | None) -> date:
    """The birth date of a NIK's DDMMYY (day + 40 for women).

    ``stdnum.id.nik`` decodes the date; it only knows the last two digits of the year,
    so the century comes from ``tanggal_lahir`` when its year ends in them, else the
    latest century that does not put the date after this year.
    """
    invalid = ValidationError(
        _("Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang valid (format DDMMYY)."),
        code="birth_date",
    )
    coded_day = int(digits[6:8])
    if not (1 <= coded_day <= 31 or 41 <= coded_day <= 71):  # neither men nor women
        raise invalid
    try:
        decoded = stdnum_nik.get_birth_date(digits)
    except stdnum_exceptions.ValidationError as exc:
        raise invalid from exc
    yy = decoded.year % 100
    if tanggal_lahir is not None and tanggal_lahir.year % 100 == yy:
        centuries = [tanggal_lahir.year - yy]
    else:
        this_year = timezone.localdate().year
        centuries = [1900, 2000] if 2000 + yy > this_year else [2000, 1900]
    for century in centuries:
        try:
            return decoded.replace(year=century + yy)
        except ValueError:  # 29 February of a year that has none
            continue
    raise invalid


def nik_parse(value: Any, *, tanggal_lahir: date | None = None) -> NikInfo:
    """Check a NIK and decode it; with ``tanggal_lahir`` the birth date must agree.

    Raises ``ValidationError`` unless the value is 16 digits, starts with an existing
    district code (our own ``Wilayah`` table, not the library's list), and holds a
    valid DDMMYY date (day + 40 for women). A birth date that disagrees is refused with
    the date the NIK implies, so the applicant sees which of the two to correct.
    """
    digits = stdnum_nik.compact(_sixteen_digits(value, "NIK"))
    district = _require_district(digits, "NIK")
    birth_date = _nik_birth_date(digits, tanggal_lahir)
    if tanggal_lahir is not None and birth_date != tanggal_lahir:
        raise ValidationError(
            _("Menurut NIK, tanggal lahir %(tanggal)s. Periksa kembali NIK atau Tanggal Lahir.")
            % {"tanggal": birth_date.strftime("%d-%m-%Y")},
            code="birth_date_mismatch",
        )
    if birth_date > timezone.localdate():
        raise ValidationError(
            _("Tanggal lahir pada NIK tidak boleh setelah hari ini."), code="birth_date_future"
        )
    sex = "P" if int(digits[6:8]) > 40 else "L"
    return NikInfo(nik=digits, district_code=district, birth_date=birth_date, sex=sex)


def nomor_kk_validate(value: Any) -> str:
    """Check a Nomor KK (16 digits, starting with an existing district code); return it."""
    digits = _sixteen_digits(value, "Nomor KK")
    _require_district(digits, "Nomor KK")
    return digits


# --- Phone numbers ------------------------------------------------------------------------
def phone_normalize(value: Any) -> str:
    """An Indonesian mobile number (08…, +628…, 628…) as E.164 (``+628…``)."""
    message = _(
        "Nomor HP harus nomor seluler Indonesia yang valid, misalnya 081234567890 "
        "atau +6281234567890."
    )
    text = value.strip() if isinstance(value, str) else ""
    if not _PHONE_ALLOWED.fullmatch(text):
        raise ValidationError(message, code="phone")
    digits = re.sub(r"[ \-().]", "", text)
    if not _PHONE_SHAPE.fullmatch(digits):
        raise ValidationError(message, code="phone")
    if digits.startswith("62"):
        digits = "+" + digits
    try:
        number = phonenumbers.parse(digits, "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(message, code="phone") from exc
    if (
        number.country_code != 62
        or not phonenumbers.is_valid_number_for_region(number, "ID")
        or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
    ):
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# --- Passwords ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def _birth_date_forms(tanggal_lahir: date) -> set[str]:
    d = tanggal_lahir
    return {
        d.strftime("%d%m%Y"),
        d.strftime("%d-%m-%Y"),
        d.strftime("%d/%m/%Y"),
        d.strftime("%d.%m.%Y"),
        d.strftime("%Y%m%d"),
        d.strftime("%Y-%m-%d"),
        d.strftime("%d%m%y"),
    }


def password_problems(
    password: str,
    *,
    nik: str | None = None,
    nomor_kk: str | None = None,
    tanggal_lahir: date | None = None,
) -> list[str]:
    """Every password rule (``KETENTUAN_KATA_KUNCI``) the password breaks, as messages.

    Each message says what is wrong with *this* password rather than repeating the
    rule's wording, so a page that lists the rules does not show the same sentence twice.
    """
    problems: list[str] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_("Kata kunci terlalu pendek: minimal 8 karakter."))
    if password.isdigit():
        problems.append(_("Kata kunci ini seluruhnya berupa angka; tambahkan huruf."))
    if not _LETTER.search(password) or not _DIGIT.search(password):
        problems.append(_("Kata kunci ini belum memuat paling sedikit satu huruf dan satu angka."))
    compact = _SEPARATORS.sub("", password)
    if nik and _SEPARATORS.sub("", nik) in compact:
        problems.append(_("Kata kunci tidak boleh sama dengan atau memuat NIK."))
    if nomor_kk and _SEPARATORS.sub("", nomor_kk) in compact:
        problems.append(_("Kata kunci tidak boleh sama dengan atau memuat Nomor KK."))
    if tanggal_lahir is not None and any(
        form in password for form in _birth_date_forms(tanggal_lahir)
    ):
        problems.append(_("Kata kunci ini memuat tanggal lahir Anda; pilih yang lain."))
    if password.lower().strip() in _common_passwords():
        problems.append(_("Kata kunci terlalu umum dan mudah ditebak. Pilih yang lain."))
    return problems


def password_validate(
    password: str,
    *,
    nik: str | None = None,
    nomor_kk: str | None = None,
    tanggal_lahir: date | None = None,
) -> None:
    """Raise one ``ValidationError`` listing every rule the password breaks."""
    problems = password_problems(
        password if isinstance(password, str) else "",
        nik=nik,
        nomor_kk=nomor_kk,
        tanggal_lahir=tanggal_lahir,
    )
    if problems:
        raise ValidationError([ValidationError(p, code="password") for p in problems])
