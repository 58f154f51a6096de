"""Forms of the back office."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sintren.accounts.models import Pemohon
from sintren.notifications.choices import StatusNotifikasi


class StaffLoginForm(forms.Form):
    """Username and password of a staff member."""

    username = forms.CharField(
        label=_("Nama Pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        error_messages={"required": _("Nama pengguna wajib diisi.")},
    )
    password = forms.CharField(
        label=_("Kata Sandi"),
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Kata sandi wajib diisi.")},
    )


class KodeOtpForm(forms.Form):
    """The six-digit code of the authenticator app."""

    kode = forms.CharField(
        label=_("Kode Autentikator"),
        max_length=12,
        help_text=_("6 angka dari aplikasi autentikator Anda."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": r"[0-9 ]*",
            }
        ),
        error_messages={"required": _("Kode autentikator wajib diisi.")},
    )

    def clean_kode(self) -> str:
        kode = "".join(self.cleaned_data["kode"].split())
        if len(kode) != 6 or not kode.isdigit():
            raise forms.ValidationError(_("Kode autentikator terdiri dari 6 angka."))
        return kode


STATUS_SEMUA = ""


class PendaftaranFilterForm(forms.Form):
    """The queue's status filter (in the URL: it carries no personal data)."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(STATUS_SEMUA, _("Semua status")), *Pemohon.Status.choices],
    )


class PencarianForm(forms.Form):
    """The queue's search box: sent by POST and kept in the session, never in a URL."""

    q = forms.CharField(
        label=_("Cari NIK atau nama"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class TolakForm(forms.Form):
    """A rejection needs a reason, which the applicant is told."""

    alasan = forms.CharField(
        label=_("Alasan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Alasan penolakan wajib diisi.")},
        help_text=_("Dikirim ke pemohon melalui WhatsApp."),
    )


class AuditFilterForm(forms.Form):
    """Filters of the audit log page."""

    pelaku = forms.CharField(label=_("Pelaku"), required=False, max_length=150)
    aksi = forms.CharField(label=_("Aksi"), required=False, max_length=64)
    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Tanggal tidak valid.")},
    )


class PesanFilterForm(forms.Form):
    """The outbox page's status filter."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *StatusNotifikasi.choices],
    )
