"""Forms of the issued documents: the staff's upload, revocation, and the public
verification. File contents are checked by :mod:`sintren.keluaran.pdf` in the service;
the form refuses an oversized file before reading it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from sintren.keluaran.pdf import ukuran_maks

CARA_PORTAL, CARA_UNGGAH = "portal", "unggah"


class _PdfField(forms.FileField):
    """A file field that refuses more than ``KELUARAN_UKURAN_MAKS`` before reading."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile) and (upload.size or 0) > ukuran_maks():
            raise forms.ValidationError(
                _("Berkas terlalu besar (paling besar %(maks)s MB).")
                % {"maks": ukuran_maks() // (1024 * 1024)},
                code="ukuran",
            )
        return upload


def _pdf_widget() -> forms.ClearableFileInput:
    return forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})


class UnggahKeluaranForm(forms.Form):
    """Upload one output PDF: signed already, or to be signed by the portal."""

    nama = forms.CharField(
        label=_("Nama Dokumen"),
        max_length=150,
        required=False,
        help_text=_("Kosongkan untuk memakai nama layanan, mis. Akta Kelahiran."),
    )
    berkas = _PdfField(label=_("Berkas PDF"), widget=_pdf_widget())
    cara = forms.ChoiceField(
        label=_("Tanda tangan elektronik"),
        choices=[
            (CARA_PORTAL, _("Tandatangani oleh portal (sertifikat kantor, dengan QR verifikasi)")),
            (CARA_UNGGAH, _("Sudah bertanda tangan (tanda tangan diperiksa)")),
        ],
        initial=CARA_PORTAL,
        widget=forms.RadioSelect,
    )


class CabutForm(forms.Form):
    """Revoke an issued document, with the reason."""

    alasan = forms.CharField(label=_("Alasan pencabutan"), max_length=300)


class KodeForm(forms.Form):
    """The verification code, as printed under the QR."""

    kode = forms.CharField(
        label=_("Kode Verifikasi"),
        max_length=40,
        help_text=_("Tertulis di samping kode QR pada dokumen, mis. ABCD-EFGH-JKMN."),
    )


class PeriksaBerkasForm(forms.Form):
    """Upload a PDF to compare it with the issued document and check its signature."""

    berkas = _PdfField(label=_("Berkas PDF dokumen"), widget=_pdf_widget())
    kode = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: it shares the page with the code form.
        kwargs.setdefault("auto_id", "periksa_%s")
        super().__init__(*args, **kwargs)
