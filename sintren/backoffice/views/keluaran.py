"""The staff's page of a request's issued documents (OUT-1, OUT-3): upload a signed PDF
or have the portal sign it, issue (*Terbitkan*), reissue (*Terbitkan Ulang*), revoke.

The request is loaded through
:func:`sintren.backoffice.selectors_pengajuan.pengajuan_get_for_staff` (a 404 outside
the staff member's services); each action is one service of
:mod:`sintren.keluaran.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.selectors_pengajuan import pengajuan_get_for_staff
from sintren.keluaran.forms import CARA_PORTAL, CabutForm, UnggahKeluaranForm
from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.pdf import ukuran_maks
from sintren.keluaran.selectors import dokumen_get_for, dokumen_of
from sintren.keluaran.services import (
    STATUS_UNGGAH,
    dokumen_cabut,
    dokumen_hapus,
    dokumen_terbitkan,
    dokumen_terbitkan_ulang,
    dokumen_unggah,
)
from sintren.pengajuan.models import Pengajuan


def _context(pengajuan: Pengajuan, form: UnggahKeluaranForm | None = None) -> dict[str, Any]:
    dokumen = dokumen_of(pengajuan)
    return {
        "pengajuan": pengajuan,
        "dokumen": dokumen,
        "ada_draf": any(d.diterbitkan_pada is None for d in dokumen),
        "boleh_unggah": pengajuan.status in STATUS_UNGGAH,
        "form": form or UnggahKeluaranForm(),
        "cabut_form": CabutForm(),
        "ukuran_maks_mb": ukuran_maks() // (1024 * 1024),
    }


@staff_required
@require_http_methods(["GET", "POST"])
def keluaran(request: HttpRequest, kode: str) -> HttpResponse:
    """The documents of one request, and the upload form."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    form = UnggahKeluaranForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["berkas"]
        try:
            dokumen = dokumen_unggah(
                actor=petugas(request),
                pengajuan=pengajuan,
                data=upload.read(),
                nama_berkas=upload.name or "",
                nama=form.cleaned_data["nama"],
                tandatangani_portal=form.cleaned_data["cara"] == CARA_PORTAL,
            )
        except ValidationError as exc:
            form.add_error("berkas", exc.messages[0])
        else:
            messages.success(
                request,
                _("Dokumen %(nama)s tersimpan sebagai draf. Tekan Terbitkan bila sudah lengkap.")
                % {"nama": dokumen.nama},
            )
            return redirect("backoffice:keluaran", kode=pengajuan.kode)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "backoffice/keluaran.html", _context(pengajuan, form), status=status)


@staff_required
@require_POST
def keluaran_terbitkan(request: HttpRequest, kode: str) -> HttpResponse:
    """*Terbitkan*: the drafts become the applicant's; status *Sudah Terbit TTE*."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    try:
        terbit = dokumen_terbitkan(actor=petugas(request), pengajuan=pengajuan)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("%(n)d dokumen diterbitkan. Pemohon diberi tahu batas waktu unduhnya.")
            % {"n": len(terbit)},
        )
    return redirect("backoffice:keluaran", kode=pengajuan.kode)


def _aksi(request: HttpRequest, dokumen: DokumenTerbit, aksi: str) -> str:
    actor = petugas(request)
    if aksi == "terbitkan_ulang":
        baru = dokumen_terbitkan_ulang(actor=actor, dokumen=dokumen)
        return _("Dokumen diterbitkan ulang dengan kode %(kode)s.") % {"kode": baru.kode_tampil}
    if aksi == "cabut":
        form = CabutForm(request.POST)
        alasan = form.cleaned_data["alasan"] if form.is_valid() else ""
        dokumen_cabut(actor=actor, dokumen=dokumen, alasan=alasan)
        return _("Dokumen dicabut.")
    if aksi == "hapus":
        dokumen_hapus(actor=actor, dokumen=dokumen)
        return _("Draf dokumen dihapus.")
    raise ValidationError(_("Tindakan tidak dikenal."))


@staff_required
@require_POST
def keluaran_dokumen(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """*Terbitkan Ulang*, *Cabut* or *Hapus* (a draft) for one document."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    dokumen = dokumen_get_for(pengajuan, pk)
    try:
        messages.success(request, _aksi(request, dokumen, str(request.POST.get("aksi", ""))))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("backoffice:keluaran", kode=pengajuan.kode)
