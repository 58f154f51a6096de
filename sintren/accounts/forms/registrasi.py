"""Forms of registration, status check, activation and login (ACC-1…ACC-6)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sintren.accounts.forms.fields import (
    nama_lengkap_field,
    nik_field,
    nik_shape,
    nomor_kk_field,
    password_field,
    password_pair_check,
    phone_field,
)
from sintren.accounts.models import Pemohon
from sintren.accounts.validators import (
    KETENTUAN_KATA_KUNCI,
    nik_parse,
    nomor_kk_validate,
    phone_normalize,
)
from sintren.core.captcha import CaptchaFormMixin
from sintren.regions.forms import WilayahFormMixin

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]
_NAME_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ .,'\-])*$")


class SecretTextInput(forms.TextInput):
    """A text input that never writes its value back into the page (the activation answer)."""

    def format_value(self, value: Any) -> str | None:
        return None


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


def _name(value: Any, label: str) -> str:
    text = _text(value)
    if not _NAME_RE.match(text):
        raise ValidationError(
            _("%(label)s hanya boleh berisi huruf, spasi, titik, koma, apostrof dan tanda hubung.")
            % {"label": label},
            code="nama",
        )
    return text


def tanggal_lahir_field() -> forms.DateField:
    """*Tanggal Lahir* in the DD-MM-YYYY form the manual shows."""
    return forms.DateField(
        label=gettext_lazy("Tanggal Lahir"),
        input_formats=DATE_FORMATS,
        help_text=gettext_lazy("Format DD-MM-YYYY, misalnya 17-08-1990."),
        error_messages={
            "required": gettext_lazy("Tanggal Lahir wajib diisi."),
            "invalid": gettext_lazy(
                "Tanggal Lahir harus berformat DD-MM-YYYY, misalnya 17-08-1990."
            ),
        },
        widget=forms.DateInput(
            format="%d-%m-%Y", attrs={"placeholder": "DD-MM-YYYY", "autocomplete": "bday"}
        ),
    )


class RegistrasiForm(CaptchaFormMixin, WilayahFormMixin, forms.Form):  # type: ignore[misc]
    """*Pendaftaran Pemohon* (ACC-1), and with ``nik_tetap`` *Daftar Ulang* (ACC-6).

    ``cleaned_data`` maps straight onto ``pendaftaran_create``/``pendaftaran_resubmit``'s
    ``data``. After a refused submission every input is kept except the passwords and
    the captcha answer (:attr:`ketik_ulang` names them for the page). The mother's name
    the applicant typed is kept too; the one on file is only a hash and never prefilled.
    """

    nik = nik_field(help_text=gettext_lazy("16 angka, sesuai KTP/KK."))
    nama_lengkap = nama_lengkap_field()
    nomor_kk = nomor_kk_field()
    tempat_lahir = forms.CharField(
        label=gettext_lazy("Tempat Lahir"),
        max_length=60,
        error_messages={"required": gettext_lazy("Tempat Lahir wajib diisi.")},
    )
    tanggal_lahir = tanggal_lahir_field()
    nama_ibu = forms.CharField(
        label=gettext_lazy("Nama Ibu Kandung"),
        max_length=100,
        help_text=gettext_lazy("Dipakai saat aktivasi akun; dijaga kerahasiaannya."),
        error_messages={"required": gettext_lazy("Nama Ibu Kandung wajib diisi.")},
        # Kept after a refused submission (typed by the applicant, shown only back to the
        # same browser on a never-cached page); never stored or prefilled from the server.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    nomor_hp = phone_field(
        gettext_lazy("Nomor HP (WhatsApp)"),
        gettext_lazy("Nomor HP (WhatsApp) wajib diisi."),
        gettext_lazy("Link aktivasi dikirim ke nomor WhatsApp ini."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Email wajib diisi."),
            "invalid": gettext_lazy("Alamat email tidak valid, misalnya nama@contoh.id."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = password_field(
        gettext_lazy("Kata Kunci"),
        gettext_lazy("Kata Kunci wajib diisi."),
        described_by=("ketentuan-kata-kunci",),
    )
    password2 = password_field(
        gettext_lazy("Ulangi Kata Kunci"), gettext_lazy("Ulangi Kata Kunci wajib diisi.")
    )

    field_order = [
        "nik",
        "nama_lengkap",
        "nomor_kk",
        "tempat_lahir",
        "tanggal_lahir",
        "nama_ibu",
        "provinsi",
        "kabupaten",
        "kecamatan",
        "desa",
        "nomor_hp",
        "email",
        "password1",
        "password2",
    ]
    ketentuan_kata_kunci = KETENTUAN_KATA_KUNCI
    ketik_ulang = gettext_lazy("Ketik ulang Kata Kunci, Ulangi Kata Kunci dan jawaban perhitungan.")

    def __init__(self, *args: Any, nik_tetap: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.nik_tetap = nik_tetap
        self.fields["email"].required = bool(settings.SINTREN.get("EMAIL_REQUIRED", True))
        if nik_tetap:
            field = self.fields["nik"]
            field.disabled = True
            field.initial = nik_tetap
            field.help_text = _("NIK tidak dapat diubah pada pendaftaran ulang.")
            field.widget.attrs["readonly"] = "readonly"

    # --- field checks ----------------------------------------------------------------
    def clean_nik(self) -> str:
        if self.nik_tetap:
            return self.nik_tetap
        # Whether the NIK is registered is never told here: a NIK is no secret.
        return nik_parse(self.cleaned_data.get("nik")).nik

    def clean_nama_lengkap(self) -> str:
        return _name(self.cleaned_data.get("nama_lengkap"), _("Nama Lengkap"))

    def clean_tempat_lahir(self) -> str:
        return _name(self.cleaned_data.get("tempat_lahir"), _("Tempat Lahir"))

    def clean_nama_ibu(self) -> str:
        return _name(self.cleaned_data.get("nama_ibu"), _("Nama Ibu Kandung"))

    def clean_nomor_kk(self) -> str:
        return nomor_kk_validate(self.cleaned_data.get("nomor_kk"))

    def clean_tanggal_lahir(self) -> date:
        value: date = self.cleaned_data["tanggal_lahir"]
        if value > timezone.localdate() or value.year < 1900:
            raise ValidationError(_("Tanggal Lahir tidak masuk akal; periksa kembali."))
        return value

    def clean_nomor_hp(self) -> str:
        return phone_normalize(self.cleaned_data.get("nomor_hp"))

    def clean_email(self) -> str:
        return str(self.cleaned_data.get("email") or "").strip().lower()

    # --- cross-field checks ----------------------------------------------------------
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        nik, lahir = cleaned.get("nik"), cleaned.get("tanggal_lahir")
        if nik and lahir:
            try:
                cleaned["jenis_kelamin"] = nik_parse(nik, tanggal_lahir=lahir).sex
            except ValidationError as exc:
                self.add_error("tanggal_lahir", exc)
        password_pair_check(
            self,
            "password1",
            "password2",
            _("Ulangi Kata Kunci tidak sama dengan Kata Kunci."),
            nik=cleaned.get("nik") or self.data.get("nik"),
            nomor_kk=cleaned.get("nomor_kk"),
            tanggal_lahir=cleaned.get("tanggal_lahir"),
        )
        return cleaned

    def service_data(self) -> dict[str, Any]:
        """The cleaned data in the shape the registration services take."""
        data = dict(self.cleaned_data)
        data["password"] = data.pop("password1")
        data.pop("password2", None)
        return data


def registrasi_initial(pemohon: Pemohon) -> dict[str, Any]:
    """Prefill of *Daftar Ulang* (after a proven login): every non-secret field."""
    return {
        "nama_lengkap": pemohon.nama_lengkap,
        "nomor_kk": pemohon.nomor_kk,
        "tempat_lahir": pemohon.tempat_lahir,
        "tanggal_lahir": pemohon.tanggal_lahir,
        "wilayah": pemohon.wilayah_id,
        "nomor_hp": "0" + pemohon.nomor_hp[3:] if pemohon.nomor_hp.startswith("+62") else "",
        "email": pemohon.email,
    }


class StatusForm(CaptchaFormMixin, forms.Form):
    """*Cek Status Pendaftaran* (ACC-2): NIK, Nomor KK, Tanggal Lahir and captcha.

    A NIK alone is on every photocopied KTP; the KK number and the birth date together
    with it are what the status page asks before it shows anything.
    """

    nik = nik_field()
    nomor_kk = nomor_kk_field()
    tanggal_lahir = tanggal_lahir_field()

    def clean_nik(self) -> str:
        return nik_shape(self.cleaned_data.get("nik"))

    def clean_nomor_kk(self) -> str:
        return nomor_kk_validate(self.cleaned_data.get("nomor_kk"))


class AktivasiForm(CaptchaFormMixin, forms.Form):
    """*Aktivasi Pemohon* (ACC-4): the mother's name and captcha."""

    nama_ibu = forms.CharField(
        label=gettext_lazy("Nama Ibu Kandung"),
        max_length=100,
        error_messages={"required": gettext_lazy("Nama Ibu Kandung wajib diisi.")},
        widget=SecretTextInput(attrs={"autocomplete": "off"}),
    )


class LoginForm(CaptchaFormMixin, forms.Form):
    """*Login Pemohon* (ACC-5): NIK, Kata Kunci and captcha."""

    nik = nik_field()
    password = password_field(
        gettext_lazy("Kata Kunci"),
        gettext_lazy("Kata Kunci wajib diisi."),
        autocomplete="current-password",
    )

    def clean_nik(self) -> str:
        return nik_shape(self.cleaned_data.get("nik"))
