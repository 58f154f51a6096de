"""The applicant's *Data Dukung* pages (DOC-1, DOC-2) and the file-serving views (SEC-4).

Each view: the access-checking getter of the request (:func:`pengajuan_get_for_user`, a
404 for anything not the applicant's in the current mode), a form, one service. Files
are served only here, never from a static or media URL, with headers that keep a
browser from sniffing or caching them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sintren.accounts.decorators import pemohon_required, request_pemohon
from sintren.accounts.modes import current_mode
from sintren.documents.forms import PilihBerkasForm, UnggahForm
from sintren.documents.models import Berkas
from sintren.documents.selectors import (
    berkas_get_for,
    berkas_of_user,
    datadukung_get_for,
    dokumen_get_for,
)
from sintren.documents.services import berkas_upload, datadukung_attach, datadukung_detach
from sintren.documents.storage import private_storage
from sintren.documents.validation import QualityWarning, UploadRefused
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.perbaikan import HakUbah, pesan_dokumen_terkunci
from sintren.pengajuan.selectors import hak_ubah_for, pengajuan_get_for_user

AKSI_PILIH, AKSI_UNGGAH = "pilih", "unggah"


def _pengajuan(request: HttpRequest, kode: str) -> Pengajuan:
    return pengajuan_get_for_user(request.user, kode, mode=current_mode(request))


def _not_editable(request: HttpRequest, pengajuan: Pengajuan, hak: HakUbah) -> HttpResponse:
    messages.error(request, pesan_dokumen_terkunci(hak))
    return redirect("pengajuan:detail", kode=pengajuan.kode)


def _warn_quality(request: HttpRequest, berkas: Berkas) -> None:
    """X-3: the file is kept; the applicant is told what is wrong and may delete it."""
    labels = [str(QualityWarning(code).label) for code in berkas.peringatan]
    if labels:
        messages.warning(
            request,
            " ".join(
                [
                    _("Dokumen tersimpan, tetapi periksa kualitasnya:"),
                    *labels,
                    _("Bila perlu, hapus dokumen ini lalu unggah yang lebih baik."),
                ]
            ),
        )


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def tambah(request: HttpRequest, kode: str, dokumen_id: int) -> HttpResponse:
    """*Tambah Dokumen*: *Pilih Dokumen Lama* or *Upload Baru* for one required document."""
    pengajuan = _pengajuan(request, kode)
    dokumen = dokumen_get_for(pengajuan, dokumen_id)
    hak = hak_ubah_for(pengajuan)
    if not hak.boleh_dokumen(dokumen.pk):
        return _not_editable(request, pengajuan, hak)
    actor = request_pemohon(request).user
    lama = berkas_of_user(request.user)
    aksi = request.POST.get("aksi") if request.method == "POST" else None
    pilih_form = PilihBerkasForm(request.POST if aksi == AKSI_PILIH else None, berkas=lama)
    unggah_form = UnggahForm(
        request.POST if aksi == AKSI_UNGGAH else None,
        request.FILES if aksi == AKSI_UNGGAH else None,
    )
    berkas: Berkas | None = None
    try:
        if aksi == AKSI_PILIH and pilih_form.is_valid():
            berkas = pilih_form.cleaned_data["berkas"]
        elif aksi == AKSI_UNGGAH and unggah_form.is_valid():
            upload = unggah_form.cleaned_data["berkas"]
            try:
                berkas = berkas_upload(
                    actor=actor,
                    pemohon=request_pemohon(request),
                    file=upload,
                    name=upload.name,
                    size=upload.size,
                    tanggal_dokumen=unggah_form.cleaned_data["tanggal_dokumen"],
                    lembar=unggah_form.cleaned_data["lembar"],
                    catatan=unggah_form.cleaned_data["catatan"],
                )
            except UploadRefused as refused:
                unggah_form.add_error("berkas", refused.as_validation_error())
        if berkas is not None:
            datadukung_attach(actor=actor, pengajuan=pengajuan, dokumen=dokumen, berkas=berkas)
            messages.success(request, _("Dokumen %(nama)s ditambahkan.") % {"nama": dokumen.nama})
            _warn_quality(request, berkas)
            return redirect("pengajuan:detail", kode=pengajuan.kode)
    except ValidationError as exc:
        form = unggah_form if aksi == AKSI_UNGGAH else pilih_form
        form.add_error(None, exc)
    context: dict[str, Any] = {
        "pengajuan": pengajuan,
        "dokumen": dokumen,
        "lama": list(lama),
        "pilih_form": pilih_form,
        "unggah_form": unggah_form,
        "mode": current_mode(request),
    }
    return render(request, "documents/tambah.html", context)


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def hapus(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """*Hapus*: asks first, then removes the file from the request (it stays in the
    account's *Dokumen Lama*)."""
    pengajuan = _pengajuan(request, kode)
    datadukung = datadukung_get_for(pengajuan, pk)
    hak = hak_ubah_for(pengajuan)
    if not hak.boleh_dokumen(datadukung.dokumen_id):
        return _not_editable(request, pengajuan, hak)
    if request.method == "POST":
        try:
            datadukung_detach(
                actor=request_pemohon(request).user, pengajuan=pengajuan, datadukung=datadukung
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("Dokumen %(nama)s dihapus.") % {"nama": datadukung.dokumen.nama}
            )
        return redirect("pengajuan:detail", kode=pengajuan.kode)
    context = {"pengajuan": pengajuan, "datadukung": datadukung, "mode": current_mode(request)}
    return render(request, "documents/hapus.html", context)


def _serve(request: HttpRequest, kode: str, pk: int, *, thumbnail: bool) -> HttpResponse:
    pengajuan = _pengajuan(request, kode)
    berkas = berkas_get_for(request.user, pengajuan, pk)
    with private_storage().open(berkas.thumbnail if thumbnail else berkas.nama_simpan) as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = 'inline; filename="dokumen.jpg"'
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@pemohon_required
@require_GET
def berkas(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """The full image of a file, to the viewer of a request it belongs to."""
    return _serve(request, kode, pk, thumbnail=False)


@pemohon_required
@require_GET
def thumbnail(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """The thumbnail of a file, on the same terms as :func:`berkas`."""
    return _serve(request, kode, pk, thumbnail=True)
