"""Forms of the back office."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sintren.accounts.models import Pemohon
from sintren.backoffice.models import AlasanPenolakan
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


NAMA_CARI_MIN = 3  # shorter text has no trigram: the name index could not serve it


class PencarianForm(forms.Form):
    """The queue's search box: sent by POST and kept in the session, never in a URL.

    16 digits find that NIK or Nomor KK, fewer digits a NIK prefix, and text a part of
    the name (at least :data:`NAMA_CARI_MIN` characters).
    """

    q = forms.CharField(
        label=_("Cari NIK atau nama"),
        required=False,
        max_length=100,
        help_text=_("NIK atau Nomor KK (16 angka), awal NIK, atau minimal 3 huruf nama."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if text and not text.isdigit() and len(text) < NAMA_CARI_MIN:
            raise forms.ValidationError(
                _("Ketik minimal %(n)d huruf nama, atau angka NIK/Nomor KK."),
                params={"n": NAMA_CARI_MIN},
            )
        return text


def _one_line(value: Any) -> str:
    return " ".join(str(value or "").split())


class TolakForm(forms.Form):
    """A rejection needs a reason, which the applicant is told.

    The verifier picks a preset reason (:class:`AlasanPenolakan`, edited by admins) and
    may add a *Keterangan tambahan*, or writes the reason in that box alone; at least one
    is required. The box is ``alasan``, so a plain POST of only ``alasan`` still works.
    ``cleaned_data["alasan_lengkap"]`` is the text sent: the preset reason, then the
    extra text, or the extra text alone.
    """

    alasan_pilihan = forms.ModelChoiceField(
        label=_("Alasan penolakan"),
        queryset=AlasanPenolakan.objects.none(),  # the active reasons, set per form
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pilih alasan penolakan dari daftar.")},
    )
    alasan = forms.CharField(
        label=_("Keterangan tambahan atau alasan lain"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Keterangan paling banyak %(limit_value)d karakter."),
        },
        help_text=_(
            "Boleh dikosongkan bila alasan dipilih di atas. Alasan dikirim ke pemohon "
            "melalui WhatsApp/email."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["alasan_pilihan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = AlasanPenolakan.objects.filter(aktif=True)

    def clean_alasan(self) -> str:
        return _one_line(self.cleaned_data.get("alasan"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        pilihan: AlasanPenolakan | None = cleaned.get("alasan_pilihan")
        tambahan = cleaned.get("alasan", "")
        if "alasan_pilihan" in self.errors or "alasan" in self.errors:
            return cleaned
        if pilihan is None and not tambahan:
            self.add_error(
                "alasan",
                _("Alasan penolakan wajib diisi. Pilih salah satu alasan, atau tulis alasan lain."),
            )
            return cleaned
        cleaned["alasan_lengkap"] = alasan_gabung(pilihan.teks if pilihan else "", tambahan)
        return cleaned


def alasan_gabung(pilihan: str, tambahan: str) -> str:
    """The reason the applicant is told: the preset sentence, then the extra text."""
    pilihan, tambahan = _one_line(pilihan), _one_line(tambahan)
    if pilihan and tambahan:
        end = "" if pilihan.endswith((".", "!", "?")) else "."
        return f"{pilihan}{end} {tambahan}"
    return pilihan or tambahan


class CocokkanForm(forms.Form):
    """*Cocokkan Nama Ibu Kandung*: the name as written in the KK, typed by the verifier.

    The page only answers *Cocok* or *Tidak cocok*; the typed name is never written back.
    """

    nama_ibu = forms.CharField(
        label=_("Nama Ibu Kandung menurut KK"),
        max_length=100,
        error_messages={
            "required": _("Ketik Nama Ibu Kandung sesuai KK untuk dicocokkan."),
            "max_length": _("Nama Ibu Kandung paling banyak %(limit_value)d karakter."),
        },
    )


class AuditFilterForm(forms.Form):
    """Filters of the audit log page (BO-6): actor, action, object, date range.

    Only codes and dates: nothing here is personal data, so the filters may live in
    the URL (``?pelaku=…&objek=…``) with the keyset cursor.
    """

    pelaku = forms.CharField(
        label=_("Pelaku"),
        required=False,
        max_length=150,
        help_text=_("Nama pengguna petugas, atau \u201csistem\u201d."),
    )
    aksi = forms.CharField(
        label=_("Aksi"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"list": "daftar-aksi"}),
    )
    objek = forms.CharField(
        label=_("Kode pengajuan atau objek"),
        required=False,
        max_length=120,
        help_text=_("Contoh: kode pengajuan, atau \u201caccounts.pemohon #12\u201d."),
    )
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        dari, sampai = cleaned.get("dari"), cleaned.get("sampai")
        if dari and sampai and dari > sampai:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned


class PesanFilterForm(forms.Form):
    """The outbox page's status filter."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua status")), *StatusNotifikasi.choices],
    )
