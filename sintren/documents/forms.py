"""Forms of the *Tambah Dokumen* page (DOC-2): pick an earlier file or upload a new one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sintren.documents.models import Berkas
from sintren.documents.validation import ALLOWED_EXTENSIONS

ACCEPT = ",".join(f".{ext}" for ext in sorted(ALLOWED_EXTENSIONS))


class PilihBerkasForm(forms.Form):
    """*Pilih Dokumen Lama*: one of the account's earlier files."""

    berkas = forms.ModelChoiceField(
        queryset=Berkas.objects.none(),
        widget=forms.RadioSelect,
        label=_("Dokumen Lama"),
        error_messages={
            "required": _("Pilih salah satu dokumen lama."),
            "invalid_choice": _("Dokumen yang dipilih tidak ditemukan."),
        },
    )

    def __init__(self, *args: Any, berkas: QuerySet[Berkas], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["berkas"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = berkas


class UnggahForm(forms.Form):
    """*Upload Baru*: the file (checked by ``sanitise_upload`` in the service), its date,
    sheet number and a note."""

    berkas = forms.FileField(
        label=_("File Dokumen"),
        allow_empty_file=True,  # refused by sanitise_upload with its own message
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Pilih berkas foto atau pindaian dokumen.")},
    )
    tanggal_dokumen = forms.DateField(
        label=_("Tanggal Dokumen"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Isi tanggal dokumen."),
            "invalid": _("Tanggal tidak valid."),
        },
    )
    lembar = forms.IntegerField(
        label=_("Lembar ke"),
        min_value=1,
        max_value=99,
        initial=1,
        error_messages={"required": _("Isi nomor lembar.")},
    )
    catatan = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"tanggal_dokumen": timezone.localdate(), "lembar": 1})
        super().__init__(*args, **kwargs)
