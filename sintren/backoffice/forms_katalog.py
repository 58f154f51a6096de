"""Forms of the catalogue and content pages of the back office (BO-4).

Labels, help texts and messages are Indonesian and written for office staff. The
inline rows of a service (documents, extra fields, output options, weekly schedules)
are inline formsets with one empty row each and a *Hapus* box per saved row.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import inlineformset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from sintren.accounts.models import GrupPemohon
from sintren.catalog.models import (
    DokumenPersyaratan,
    FieldTambahan,
    HariTutup,
    JadwalLayanan,
    Layanan,
    PilihanDokumenJadi,
)
from sintren.documents.validation import (
    ALLOWED_EXTENSIONS,
    MAX_BYTES,
    UploadRefused,
    sanitise_upload,
)
from sintren.informasi.models import Informasi
from sintren.notifications.templat import templat_periksa
from sintren.public.icons import IKON
from sintren.regions.models import Wilayah

WAJIB = {"required": _("Wajib diisi.")}
TEXTAREA = {"rows": 4}


class LayananForm(forms.ModelForm[Layanan]):
    """A service's own data (REQ-1): names, texts, access, quota and target."""

    ikon = forms.ChoiceField(label=_("Ikon"), choices=[])

    class Meta:
        model = Layanan
        fields = [
            "nama",
            "kode",
            "slug",
            "kategori",
            "ikon",
            "ringkasan",
            "persyaratan",
            "proses",
            "akses",
            "grup_diizinkan",
            "subjek_perlu_nik",
            "kuota_harian",
            "target_hari_kerja",
            "aktif",
            "urutan",
        ]
        labels = {
            "nama": _("Nama layanan"),
            "kode": _("Kode"),
            "slug": _("Alamat halaman (slug)"),
            "kategori": _("Kategori"),
            "ringkasan": _("Ringkasan"),
            "persyaratan": _("Persyaratan"),
            "proses": _("Proses"),
            "akses": _("Akses"),
            "grup_diizinkan": _("Grup yang diizinkan"),
            "subjek_perlu_nik": _("Subjek wajib memiliki NIK"),
            "kuota_harian": _("Kuota harian"),
            "target_hari_kerja": _("Target penyelesaian (hari kerja)"),
            "aktif": _("Aktif (dapat diajukan)"),
            "urutan": _("Urutan tampil"),
        }
        help_texts = {
            "kode": _("2-5 huruf kapital, awalan kode pengajuan (mis. AKL)."),
            "slug": _(
                "Bagian alamat halaman persyaratan; kosongkan untuk dibuat dari nama. "
                "Mengubahnya membuat tautan lama tidak berlaku."
            ),
            "akses": _("Khusus grup: hanya bisa diajukan dalam mode grup pemohon."),
            "grup_diizinkan": _(
                "Untuk layanan khusus grup: centang grup yang boleh mengajukan; "
                "tanpa centang berarti semua grup aktif."
            ),
        }
        error_messages = {
            "kode": {"unique": _("Kode ini sudah dipakai layanan lain.")},
            "slug": {"unique": _("Alamat halaman ini sudah dipakai layanan lain.")},
        }
        widgets = {
            "persyaratan": forms.Textarea(attrs=TEXTAREA),
            "proses": forms.Textarea(attrs=TEXTAREA),
            "ringkasan": forms.Textarea(attrs={"rows": 2}),
            "grup_diizinkan": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = sorted(IKON | {self.instance.ikon or "dokumen"})
        ikon = self.fields["ikon"]
        assert isinstance(ikon, forms.ChoiceField)
        ikon.choices = [(name, name) for name in names]
        self.fields["slug"].required = False
        grup = self.fields["grup_diizinkan"]
        assert isinstance(grup, forms.ModelMultipleChoiceField)
        grup.queryset = GrupPemohon.objects.filter(aktif=True).order_by("nama", "pk")
        for name in ("nama", "kode", "kategori", "persyaratan", "proses"):
            self.fields[name].error_messages.update(WAJIB)

    def clean_kode(self) -> str:
        return str(self.cleaned_data["kode"]).strip().upper()

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data.get("slug") or "")
        if not slug:
            slug = slugify(str(self.data.get(self.add_prefix("nama"), "")))[:50]
        if not slug:
            raise forms.ValidationError(_("Isi alamat halaman (huruf kecil dan tanda -)."))
        return slug


class DokumenPersyaratanForm(forms.ModelForm[DokumenPersyaratan]):
    """A required document; its example image goes through the upload sanitiser."""

    class Meta:
        model = DokumenPersyaratan
        fields = ["nama", "wajib", "keterangan", "contoh", "tipe_file", "ukuran_maks_kb", "urutan"]
        labels = {
            "nama": _("Nama dokumen"),
            "wajib": _("Wajib"),
            "keterangan": _("Keterangan"),
            "contoh": _("Contoh gambar"),
            "tipe_file": _("Tipe berkas"),
            "ukuran_maks_kb": _("Ukuran maks. (KB)"),
            "urutan": _("Urutan"),
        }
        help_texts = {
            "contoh": _("PNG atau JPEG; disimpan ulang sebagai JPEG tanpa metadata."),
            "tipe_file": _("Dipisah koma, dari: jpg, jpeg, png, jfif."),
        }
        widgets = {"contoh": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nama"].error_messages.update(WAJIB)

    def clean_contoh(self) -> Any:
        contoh = self.cleaned_data.get("contoh")
        if not isinstance(contoh, UploadedFile):
            return contoh  # unchanged, cleared (False) or empty
        try:
            sanitised = sanitise_upload(contoh)
        except UploadRefused as exc:
            raise exc.as_validation_error() from exc
        return ContentFile(sanitised.content, name=f"contoh-{uuid.uuid4().hex[:12]}.jpg")

    def clean_tipe_file(self) -> str:
        items = [
            part.strip().lower().lstrip(".")
            for part in str(self.cleaned_data["tipe_file"]).split(",")
        ]
        items = [item for item in items if item]
        wrong = [item for item in items if item not in ALLOWED_EXTENSIONS]
        if not items or wrong:
            raise forms.ValidationError(
                _("Tipe berkas hanya boleh: %(boleh)s."),
                params={"boleh": ", ".join(sorted(ALLOWED_EXTENSIONS))},
            )
        return ",".join(dict.fromkeys(items))

    def clean_ukuran_maks_kb(self) -> int:
        value = int(self.cleaned_data["ukuran_maks_kb"])
        batas = MAX_BYTES // 1024
        if not 1 <= value <= batas:
            raise forms.ValidationError(
                _("Ukuran maks. antara 1 dan %(batas)s KB."), params={"batas": batas}
            )
        return value


class FieldTambahanForm(forms.ModelForm[FieldTambahan]):
    """An extra field of the request form."""

    class Meta:
        model = FieldTambahan
        fields = ["label", "nama", "tipe", "wajib", "bantuan", "pilihan", "urutan"]
        labels = {
            "label": _("Label"),
            "nama": _("Nama teknis"),
            "tipe": _("Tipe"),
            "wajib": _("Wajib"),
            "bantuan": _("Teks bantuan"),
            "pilihan": _("Pilihan"),
            "urutan": _("Urutan"),
        }
        help_texts = {
            "nama": _("Huruf kecil, angka, garis bawah; mis. nama_ayah."),
            "pilihan": _("Untuk tipe Pilihan: satu pilihan per baris."),
        }
        widgets = {"pilihan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["label"].error_messages.update(WAJIB)
        self.fields["nama"].error_messages.update(WAJIB)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        pilihan = [line for line in str(data.get("pilihan") or "").splitlines() if line.strip()]
        if data.get("tipe") == FieldTambahan.Tipe.PILIHAN and len(pilihan) < 2:
            self.add_error("pilihan", _("Tipe Pilihan memerlukan paling sedikit dua pilihan."))
        return data


class PilihanDokumenJadiForm(forms.ModelForm[PilihanDokumenJadi]):
    """An output option besides *Otomatis*."""

    class Meta:
        model = PilihanDokumenJadi
        fields = ["nama", "keterangan", "kirim_email", "urutan"]
        labels = {
            "nama": _("Nama pilihan"),
            "keterangan": _("Keterangan"),
            "kirim_email": _("Juga kirim ke email"),
            "urutan": _("Urutan"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nama"].error_messages.update(WAJIB)


class JadwalLayananForm(forms.ModelForm[JadwalLayanan]):
    """A weekly window in which new requests are accepted (office time, WIB)."""

    class Meta:
        model = JadwalLayanan
        fields = ["hari", "jam_mulai", "jam_selesai"]
        labels = {"hari": _("Hari"), "jam_mulai": _("Jam mulai"), "jam_selesai": _("Jam selesai")}
        widgets = {
            "jam_mulai": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "jam_selesai": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].error_messages.update(WAJIB)
            self.fields[name].error_messages["invalid"] = _("Isi jam dengan format JJ:MM.")
        self.fields["hari"].error_messages["invalid_choice"] = _("Pilih hari.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mulai, selesai = data.get("jam_mulai"), data.get("jam_selesai")
        if mulai is not None and selesai is not None and selesai <= mulai:
            self.add_error("jam_selesai", _("Jam selesai harus setelah jam mulai."))
        return data


def _formset(form: type[forms.ModelForm[Any]], model: type[Any]) -> Any:
    """Rows of one kind: one empty row to add, a *Hapus* box on each saved row."""
    return inlineformset_factory(Layanan, model, form=form, extra=1, can_delete=True)


# (prefix, heading, formset class) of the inline rows of a service, in page order.
INLINES: tuple[tuple[str, Any, Any], ...] = (
    ("dokumen", _("Dokumen persyaratan"), _formset(DokumenPersyaratanForm, DokumenPersyaratan)),
    ("field", _("Field tambahan"), _formset(FieldTambahanForm, FieldTambahan)),
    ("pilihan", _("Pilihan dokumen jadi"), _formset(PilihanDokumenJadiForm, PilihanDokumenJadi)),
    ("jadwal", _("Jadwal layanan (WIB)"), _formset(JadwalLayananForm, JadwalLayanan)),
)


class HariTutupForm(forms.ModelForm[HariTutup]):
    """An office closure day."""

    class Meta:
        model = HariTutup
        fields = ["tanggal", "keterangan"]
        labels = {"tanggal": _("Tanggal"), "keterangan": _("Keterangan")}
        help_texts = {"keterangan": _("Tampil kepada pemohon, mis. Cuti bersama.")}
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "tanggal": {"unique": _("Tanggal ini sudah tercatat sebagai hari tutup.")}
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].error_messages.update(WAJIB)
        self.fields["tanggal"].error_messages["invalid"] = _("Isi tanggal yang benar.")


class InformasiForm(forms.ModelForm[Informasi]):
    """An information item written by staff: *Umum* or *Rahasia* (not *Sistem*)."""

    class Meta:
        model = Informasi
        fields = ["judul", "jenis", "ringkasan", "isi", "diterbitkan", "aktif"]
        labels = {
            "judul": _("Judul"),
            "jenis": _("Jenis"),
            "ringkasan": _("Ringkasan"),
            "isi": _("Isi"),
            "diterbitkan": _("Diterbitkan mulai"),
            "aktif": _("Aktif (tampil)"),
        }
        help_texts = {
            "jenis": _("Umum: untuk semua pengunjung. Rahasia: hanya setelah pemohon login."),
            "diterbitkan": _("Tanggal dan jam mulai tampil (WIB)."),
        }
        widgets = {
            "isi": forms.Textarea(attrs={"rows": 8}),
            "ringkasan": forms.Textarea(attrs={"rows": 2}),
            "diterbitkan": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        jenis = self.fields["jenis"]
        assert isinstance(jenis, forms.ChoiceField)
        boleh = {Informasi.Jenis.UMUM, Informasi.Jenis.RAHASIA}
        if self.instance.jenis == Informasi.Jenis.SISTEM and self.instance.pk:
            boleh.add(Informasi.Jenis.SISTEM)
        jenis.choices = [(v, label) for v, label in Informasi.Jenis.choices if v in boleh]
        jenis.error_messages["invalid_choice"] = _("Pilih jenis Umum atau Rahasia.")
        for name in ("judul", "isi", "diterbitkan"):
            self.fields[name].error_messages.update(WAJIB)
        self.fields["diterbitkan"].error_messages["invalid"] = _("Isi tanggal dan jam yang benar.")


class TemplatPesanForm(forms.Form):
    """The staff's text of one event on one channel; checked by a trial render."""

    aktif = forms.BooleanField(label=_("Aktif (pesan dikirim)"), required=False)
    subject = forms.CharField(label=_("Subjek email"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Isi pesan"),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages=WAJIB,
    )

    def __init__(self, *args: Any, key: str, channel: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key = key
        self.channel = channel
        if channel != "email":
            del self.fields["subject"]
        else:
            self.fields["subject"].required = True
            self.fields["subject"].error_messages.update(WAJIB)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            self.percobaan = templat_periksa(
                self.key, subject=str(data.get("subject") or ""), body=str(data["body"])
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                target = field if field in self.fields else None
                for error in errors:
                    self.add_error(target, error)
        return data


class GrupPemohonForm(forms.ModelForm[GrupPemohon]):
    """A group with its region scope, given as the region code (any level)."""

    kode_wilayah = forms.CharField(
        label=_("Kode wilayah"),
        max_length=13,
        help_text=_(
            "Kode Kemendagri: 33.26 (kabupaten), 33.26.07 (kecamatan), 33.26.07.2008 (desa)."
        ),
        error_messages=WAJIB,
    )

    class Meta:
        model = GrupPemohon
        fields = ["nama", "keterangan", "aktif"]
        labels = {"nama": _("Nama grup"), "keterangan": _("Keterangan"), "aktif": _("Aktif")}
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nama"].error_messages.update(WAJIB)
        if self.instance.pk and not self.is_bound:
            self.initial["kode_wilayah"] = self.instance.wilayah_id
        self.order_fields(["nama", "kode_wilayah", "keterangan", "aktif"])

    def clean_kode_wilayah(self) -> str:
        kode = str(self.cleaned_data["kode_wilayah"]).strip()
        wilayah = Wilayah.objects.filter(code=kode).first()
        if wilayah is None:
            raise forms.ValidationError(_("Kode wilayah tidak ditemukan."))
        self.instance.wilayah = wilayah
        return kode


class AnggotaTambahForm(forms.Form):
    """Promote an active applicant into the group by their NIK."""

    nik = forms.CharField(
        label=_("NIK pemohon"),
        max_length=16,
        min_length=16,
        help_text=_("16 angka; pemohon harus sudah aktif."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            **WAJIB,
            "min_length": _("NIK terdiri dari 16 angka."),
            "max_length": _("NIK terdiri dari 16 angka."),
        },
    )

    def clean_nik(self) -> str:
        nik = str(self.cleaned_data["nik"]).strip()
        if not nik.isdigit():
            raise forms.ValidationError(_("NIK terdiri dari 16 angka."))
        return nik
