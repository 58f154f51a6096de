"""Forms of the applicant's own account: phone, password, forgotten password (ACC-8…10)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
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
from sintren.accounts.validators import nomor_kk_validate, phone_normalize
from sintren.core.captcha import CaptchaFormMixin

_KODE_RE = re.compile(r"^[0-9]{6}$")
_NOMOR_WA = gettext_lazy("Nomor WhatsApp, misalnya 081234567890.")


class PasswordBaruMixin(forms.Form):
    """*Kata Kunci Baru* + *Ulangi Kata Kunci Baru*, checked with the applicant's data.

    ``pemohon`` (given to ``__init__``) supplies the NIK, KK and birth date that the new
    password must not contain.
    """

    password_baru = password_field(
        gettext_lazy("Kata Kunci Baru"),
        gettext_lazy("Kata Kunci Baru wajib diisi."),
        described_by=("ketentuan-kata-kunci",),
    )
    password_ulang = password_field(
        gettext_lazy("Ulangi Kata Kunci Baru"), gettext_lazy("Ulangi Kata Kunci Baru wajib diisi.")
    )

    def __init__(self, *args: Any, pemohon: Any, **kwargs: Any) -> None:
        self.pemohon = pemohon
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password_pair_check(
            self,
            "password_baru",
            "password_ulang",
            _("Ulangi Kata Kunci Baru tidak sama dengan Kata Kunci Baru."),
            nik=self.pemohon.nik,
            nomor_kk=self.pemohon.nomor_kk,
            tanggal_lahir=self.pemohon.tanggal_lahir,
        )
        return data


class GantiPasswordForm(PasswordBaruMixin):
    """*Ganti Password* (ACC-9); the old password is checked by the view (rate-limited)."""

    field_order = ["password_lama", "password_baru", "password_ulang"]

    password_lama = password_field(
        gettext_lazy("Kata Kunci Lama"),
        gettext_lazy("Kata Kunci Lama wajib diisi."),
        autocomplete="current-password",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        lama, baru = data.get("password_lama"), data.get("password_baru")
        if lama and baru and lama == baru:
            self.add_error("password_baru", _("Kata Kunci Baru harus berbeda dari yang lama."))
        return data


class ResetPasswordForm(PasswordBaruMixin):
    """The reset link's page (ACC-10): *Nomor KK* and the new password twice."""

    field_order = ["nomor_kk", "password_baru", "password_ulang"]

    nomor_kk = nomor_kk_field(help_text=gettext_lazy("16 angka, sesuai Kartu Keluarga Anda."))

    def clean_nomor_kk(self) -> str:
        return nomor_kk_validate(self.cleaned_data["nomor_kk"])


class GantiHpForm(forms.Form):
    """*Ganti Nomor HP* (ACC-8), first step: the new number."""

    nomor_hp_baru = phone_field(
        gettext_lazy("Nomor HP Baru"), gettext_lazy("Nomor HP Baru wajib diisi."), _NOMOR_WA
    )

    def clean_nomor_hp_baru(self) -> str:
        return phone_normalize(self.cleaned_data["nomor_hp_baru"])


class KodeForm(forms.Form):
    """*Ganti Nomor HP*, second step: the 6-digit code received by WhatsApp."""

    kode = forms.CharField(
        label=gettext_lazy("Kode Aktivasi"),
        max_length=20,
        help_text=gettext_lazy("6 angka yang dikirim melalui WhatsApp ke nomor HP baru."),
        error_messages={"required": gettext_lazy("Kode Aktivasi wajib diisi.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"}
        ),
    )

    def clean_kode(self) -> str:
        kode = re.sub(r"\s+", "", self.cleaned_data["kode"])
        if not _KODE_RE.match(kode):
            raise ValidationError(_("Kode Aktivasi harus terdiri dari 6 angka."), code="format")
        return kode


class LupaPasswordForm(CaptchaFormMixin, forms.Form):
    """*Lupa Password* (ACC-10): NIK, Nama Lengkap, Nomor HP and the captcha."""

    nik = nik_field(help_text=gettext_lazy("16 angka, sesuai KTP/KK."))
    nama_lengkap = nama_lengkap_field()
    nomor_hp = phone_field(
        gettext_lazy("Nomor HP"), gettext_lazy("Nomor HP wajib diisi."), _NOMOR_WA
    )

    def clean_nik(self) -> str:
        return nik_shape(self.cleaned_data["nik"])

    def clean_nama_lengkap(self) -> str:
        return " ".join(str(self.cleaned_data["nama_lengkap"]).split())

    def clean_nomor_hp(self) -> str:
        return phone_normalize(self.cleaned_data["nomor_hp"])
