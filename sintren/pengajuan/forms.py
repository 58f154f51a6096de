"""Forms of the requests pages: new/edit request, send, and the list's filters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sintren.accounts.forms.fields import nama_lengkap_field, nik_field, nomor_kk_field, phone_field
from sintren.accounts.models import Pemohon
from sintren.accounts.validators import nik_parse, nomor_kk_validate, phone_normalize
from sintren.catalog.models import FieldTambahan, Layanan, PilihanDokumenJadi
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import PREFIX_TAMBAHAN, HakUbah

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]
YA, TIDAK = "ya", "tidak"
_ANGKA = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")
_TEKS_MAX = 300
DETAIL_MAX = 2000


def _text(value: Any) -> str:
    return " ".join(str(value or "").split())


class AngkaField(forms.CharField):
    """A number (*Angka*): digits with an optional decimal comma or point, kept as text."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(max_length=30, **kwargs)

    def clean(self, value: Any) -> str:
        text = str(super().clean(value) or "").replace(" ", "")
        if not text:
            return ""
        if not _ANGKA.match(text):
            raise ValidationError(
                _("%(label)s harus berupa angka, misalnya 3100 atau 49,5.") % {"label": self.label},
                code="angka",
            )
        try:
            return str(Decimal(text.replace(",", ".")))
        except InvalidOperation as exc:  # pragma: no cover - the pattern rules it out
            raise ValidationError(_("Angka tidak valid."), code="angka") from exc


def _required(label: str) -> dict[str, str]:
    return {"required": _("%(label)s wajib diisi.") % {"label": label}}


def field_tambahan_field(field: FieldTambahan) -> forms.Field:
    """The form input of one extra field of the catalogue (REQ-1), by its type."""
    common: dict[str, Any] = {
        "label": field.label,
        "required": field.wajib,
        "help_text": field.bantuan,
        "error_messages": _required(field.label),
    }
    tipe = field.tipe
    if tipe == FieldTambahan.Tipe.ANGKA:
        return AngkaField(**common)
    if tipe == FieldTambahan.Tipe.TANGGAL:
        common["help_text"] = field.bantuan or _("Format DD-MM-YYYY, misalnya 17-08-2025.")
        common["error_messages"]["invalid"] = _(
            "%(label)s harus berformat DD-MM-YYYY, misalnya 17-08-2025."
        ) % {"label": field.label}
        return forms.DateField(
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(format="%d-%m-%Y", attrs={"placeholder": "DD-MM-YYYY"}),
            **common,
        )
    if tipe == FieldTambahan.Tipe.PILIHAN:
        choices = [("", _("— Pilih —")), *((item, item) for item in field.pilihan_list)]
        common["error_messages"]["invalid_choice"] = _("Pilih salah satu pilihan yang ada.")
        return forms.ChoiceField(choices=choices, **common)
    if tipe == FieldTambahan.Tipe.YA_TIDAK:
        choices = [("", _("— Pilih —")), (YA, _("Ya")), (TIDAK, _("Tidak"))]
        return forms.ChoiceField(choices=choices, **common)
    return forms.CharField(max_length=_TEKS_MAX, **common)


def jawaban_simpan(field: FieldTambahan, value: Any) -> Any:
    """A cleaned answer as stored in ``data_tambahan`` (JSON): ISO dates, booleans, text."""
    if value in (None, ""):
        return ""
    if field.tipe == FieldTambahan.Tipe.TANGGAL and isinstance(value, date):
        return value.isoformat()
    if field.tipe == FieldTambahan.Tipe.YA_TIDAK:
        return value == YA
    return _text(value) if field.tipe == FieldTambahan.Tipe.TEKS else value


def jawaban_form(field: FieldTambahan, value: Any) -> Any:
    """A stored answer as the form's initial value."""
    if value in (None, ""):
        return None
    if field.tipe == FieldTambahan.Tipe.TANGGAL:
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            return None
    if field.tipe == FieldTambahan.Tipe.YA_TIDAK:
        return YA if value is True else TIDAK
    return value


class PengajuanForm(forms.Form):
    """*Pengajuan Baru* and *Edit Pengajuan* (REQ-3): the subject, contacts, details and,
    under the divider, the service's extra fields (named ``tambahan_<nama>``).

    In the personal mode (ACC-7) the Nomor KK, Nomor HP and Email are the account's and
    cannot be changed (disabled inputs: a posted value is ignored). The subject's NIK is
    optional only for services whose subject may have none (a newborn).
    :meth:`service_data` is what the services take as ``data``.

    ``hak`` (editing an existing request) says which inputs may change: in a correction
    (X-2) every input the verifier did not mark is disabled (and so not required), and
    each marked one shows the verifier's note from ``catatan`` (by input name).
    """

    subjek_nik = nik_field()
    subjek_nama = nama_lengkap_field()
    subjek_nomor_kk = nomor_kk_field()
    nomor_hp = phone_field(
        gettext_lazy("Nomor HP (WhatsApp)"),
        gettext_lazy("Nomor HP (WhatsApp) wajib diisi."),
        gettext_lazy("Notifikasi pengajuan dikirim ke nomor WhatsApp ini."),
    )
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        max_length=254,
        help_text=gettext_lazy("Dokumen yang sudah jadi dapat dikirim ke email ini."),
        error_messages={
            "required": gettext_lazy("Email wajib diisi."),
            "invalid": gettext_lazy("Alamat email tidak valid, misalnya nama@contoh.id."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    detail = forms.CharField(
        label=gettext_lazy("Detail Permohonan"),
        max_length=DETAIL_MAX,
        help_text=gettext_lazy(
            "Jelaskan permohonan Anda sejelas-jelasnya agar Verifikator Dinas memahaminya."
        ),
        error_messages={"required": gettext_lazy("Detail Permohonan wajib diisi.")},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    LOCKED = ("subjek_nomor_kk", "nomor_hp", "email")

    def __init__(
        self,
        *args: Any,
        layanan: Layanan,
        pemohon: Pemohon,
        mode_grup: bool,
        pengajuan: Pengajuan | None = None,
        hak: HakUbah | None = None,
        catatan: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        if pengajuan is not None:
            kwargs.setdefault("initial", self.initial_of(pengajuan, layanan))
        super().__init__(*args, **kwargs)
        self.layanan = layanan
        self.extra_fields: list[FieldTambahan] = list(layanan.field_tambahan.all())
        self._setup_subject(layanan)
        if not mode_grup:
            self._lock_to(pemohon)
        else:
            self.fields["email"].required = bool(settings.SINTREN.get("EMAIL_REQUIRED", True))
        for field in self.extra_fields:
            self.fields[PREFIX_TAMBAHAN + field.nama] = field_tambahan_field(field)
        self.hanya_ditandai = hak is not None and not hak.semua
        if hak is not None:
            self._limit_to(hak, catatan or {})

    def _limit_to(self, hak: HakUbah, catatan: Mapping[str, str]) -> None:
        """Disable what the applicant may not change; show the note on what they must."""
        for name, field in self.fields.items():
            if not hak.boleh_field(name):
                field.disabled = True
                field.required = False
            elif name in catatan:
                field.help_text = _("Perlu diperbaiki: %(catatan)s") % {"catatan": catatan[name]}
                field.widget.attrs["class"] = "input-perbaikan"

    def _setup_subject(self, layanan: Layanan) -> None:
        nik = self.fields["subjek_nik"]
        nik.required = layanan.subjek_perlu_nik
        nik.help_text = (
            _("16 angka, sesuai KTP/KK.")
            if layanan.subjek_perlu_nik
            else _("16 angka. Kosongkan bila belum memiliki NIK (misalnya bayi baru lahir).")
        )
        self.fields["subjek_nama"].help_text = _("Nama orang yang dimohonkan dokumennya.")

    def _lock_to(self, pemohon: Pemohon) -> None:
        values = {
            "subjek_nomor_kk": pemohon.nomor_kk,
            "nomor_hp": pemohon.nomor_hp,
            "email": pemohon.email,
        }
        for name, value in values.items():
            field = self.fields[name]
            field.disabled = True
            field.required = name != "email"
            field.help_text = _("Mode Pemohon Pribadi: sesuai data akun Anda.")
            self.initial[name] = value

    @staticmethod
    def initial_of(pengajuan: Pengajuan, layanan: Layanan) -> dict[str, Any]:
        """The form's initial values for editing ``pengajuan``."""
        initial: dict[str, Any] = {
            "subjek_nik": pengajuan.subjek_nik,
            "subjek_nama": pengajuan.subjek_nama,
            "subjek_nomor_kk": pengajuan.subjek_nomor_kk,
            "nomor_hp": pengajuan.nomor_hp,
            "email": pengajuan.email,
            "detail": pengajuan.detail,
        }
        answers = pengajuan.data_tambahan or {}
        for field in layanan.field_tambahan.all():
            initial[PREFIX_TAMBAHAN + field.nama] = jawaban_form(field, answers.get(field.nama))
        return initial

    # --- the subject and the contacts ------------------------------------------------------
    def clean_subjek_nik(self) -> str:
        value = _text(self.cleaned_data.get("subjek_nik"))
        return nik_parse(value).nik if value else ""

    def clean_subjek_nama(self) -> str:
        return _text(self.cleaned_data.get("subjek_nama"))

    def clean_subjek_nomor_kk(self) -> str:
        return nomor_kk_validate(self.cleaned_data.get("subjek_nomor_kk"))

    def clean_nomor_hp(self) -> str:
        return phone_normalize(self.cleaned_data.get("nomor_hp"))

    def clean_email(self) -> str:
        return str(self.cleaned_data.get("email") or "").strip().lower()

    def clean_detail(self) -> str:
        return str(self.cleaned_data.get("detail") or "").strip()

    # --- what the page and the services use ------------------------------------------------
    @property
    def data_fields(self) -> list[forms.BoundField]:
        """The inputs above the divider."""
        return [self[name] for name in ("subjek_nik", "subjek_nama", *self.LOCKED, "detail")]

    @property
    def tambahan_fields(self) -> list[forms.BoundField]:
        """The service's extra inputs, under the divider (*Data Tambahan*)."""
        return [self[PREFIX_TAMBAHAN + field.nama] for field in self.extra_fields]

    def service_data(self) -> dict[str, Any]:
        """The cleaned values as the services' ``data``."""
        data = {
            name: self.cleaned_data[name]
            for name in ("subjek_nik", "subjek_nama", "subjek_nomor_kk", "nomor_hp", "email")
        }
        data["detail"] = self.cleaned_data["detail"]
        data["data_tambahan"] = {
            field.nama: jawaban_simpan(field, self.cleaned_data.get(PREFIX_TAMBAHAN + field.nama))
            for field in self.extra_fields
        }
        return data


class KirimForm(forms.Form):
    """*Kirim Pengajuan* (REQ-6): the output choice and the consent statement.

    Both are optional here: the service lists everything missing at once.
    """

    pilihan_dokumen = forms.ModelChoiceField(
        label=gettext_lazy("Pilihan Dokumen Jadi"),
        queryset=PilihanDokumenJadi.objects.none(),
        required=False,
        empty_label=gettext_lazy("Otomatis"),
        error_messages={"invalid_choice": gettext_lazy("Pilihan Dokumen Jadi tidak valid.")},
    )
    persetujuan = forms.BooleanField(
        label=gettext_lazy(
            "Saya menyatakan data yang saya isi benar dan dapat dipertanggungjawabkan, "
            "dan saya menyetujui Persetujuan Pengajuan Pelayanan di atas."
        ),
        required=False,
    )

    def __init__(self, *args: Any, layanan: Layanan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pilihan_dokumen"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = PilihanDokumenJadi.objects.filter(layanan=layanan).order_by("urutan", "id")


class FilterForm(forms.Form):
    """The list's filters that may be in the URL: service, status, request code (REQ-7)."""

    layanan = forms.TypedChoiceField(
        label=gettext_lazy("Jenis Layanan"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status Pengajuan"),
        required=False,
        choices=[
            ("", gettext_lazy("Semua status")),
            *((value, label) for value, label in StatusPengajuan.choices if value != "dihapus"),
        ],
    )
    kode = forms.CharField(
        label=gettext_lazy("Kode Pengajuan"),
        required=False,
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, layanan: Iterable[Layanan], **kwargs: Any) -> None:
        """``layanan``: the services of the side menu, already loaded (no query of its own);
        the cleaned ``layanan`` is the chosen one's id."""
        super().__init__(*args, **kwargs)
        field = self.fields["layanan"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Semua layanan")), *((item.pk, item.nama) for item in layanan)]

    def clean_kode(self) -> str:
        return re.sub(r"[^A-Za-z0-9]", "", str(self.cleaned_data.get("kode") or "")).upper()


class CariForm(forms.Form):
    """The NIK or name search of the list: posted and kept in the session, never in a URL."""

    nik = forms.CharField(
        label=gettext_lazy("NIK"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    nama = forms.CharField(
        label=gettext_lazy("Nama"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_nik(self) -> str:
        digits = re.sub(r"[\s.\-]+", "", str(self.cleaned_data.get("nik") or ""))
        if digits and not re.fullmatch(r"[0-9]{16}", digits):
            raise ValidationError(_("NIK harus terdiri dari tepat 16 angka."), code="format")
        return digits

    def clean_nama(self) -> str:
        return _text(self.cleaned_data.get("nama"))
