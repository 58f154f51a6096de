"""The applicant's download (OUT-2, X-8) and the public verification (OUT-4, X-7).

Applicant views load the request through :func:`pengajuan_get_for_user` (a 404 for
anything not the applicant's) and call one service. The download is a ``POST`` (a
button), never a link: a link preview or a prefetching browser must not use up the one
download. Files go out with the SEC-4 headers. The verification pages need no login and
are never cached.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sintren.accounts.decorators import pemohon_required, request_pemohon
from sintren.accounts.modes import current_mode
from sintren.core.formcache import form_page
from sintren.keluaran.forms import KodeForm, PeriksaBerkasForm
from sintren.keluaran.selectors import dokumen_get_for
from sintren.keluaran.services import dokumen_minta_unduh_ulang, dokumen_unduh, kode_normal
from sintren.keluaran.services_verifikasi import (
    HasilVerifikasi,
    verifikasi_berkas,
    verifikasi_kode,
)
from sintren.pengajuan.selectors import pengajuan_get_for_user

PANEL = "#dokumen-jadi"


def _detail(kode: str) -> HttpResponse:
    response = redirect("pengajuan:detail", kode=kode)
    response["Location"] += PANEL
    return response


@never_cache
@require_POST
@pemohon_required
def unduh(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """*Download*: the PDF once, within its window; afterwards a clear refusal."""
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    dokumen = dokumen_get_for(pengajuan, pk, terbit_saja=True)
    try:
        handle = dokumen_unduh(actor=request_pemohon(request).user, dokumen=dokumen)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return _detail(pengajuan.kode)
    response = FileResponse(
        handle, as_attachment=True, filename=dokumen.nama_berkas, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A streamed response; the decorators only need the HttpResponse interface.
    return cast(HttpResponse, response)


@never_cache
@require_POST
@pemohon_required
def minta_unduh_ulang(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """*Minta Unduh Ulang* (X-8): a message into the chat, a flag for the verifier."""
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    dokumen = dokumen_get_for(pengajuan, pk, terbit_saja=True)
    try:
        dokumen_minta_unduh_ulang(actor=request_pemohon(request).user, dokumen=dokumen)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _(
                "Permintaan unduh ulang terkirim ke Verifikator Dinas. Anda akan diberi tahu "
                "bila dokumen diterbitkan ulang."
            ),
        )
    return _detail(pengajuan.kode)


# --- public verification (OUT-4, X-7) --------------------------------------------------------
def _context(
    *,
    hasil: HasilVerifikasi | None = None,
    kode: str = "",
    kode_form: KodeForm | None = None,
    berkas_form: PeriksaBerkasForm | None = None,
    batas: str = "",
) -> dict[str, Any]:
    return {
        "batas": batas,
        "hasil": hasil,
        "kode": kode,
        "kode_form": kode_form or KodeForm(initial={"kode": kode}),
        "berkas_form": berkas_form or PeriksaBerkasForm(initial={"kode": kode}),
    }


def _page(request: HttpRequest, *, status: int = 200, **parts: Any) -> HttpResponse:
    context = _context(**parts)
    return _headers(render(request, "keluaran/verifikasi.html", context, status=status))


def _headers(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET"])
def verifikasi(request: HttpRequest) -> HttpResponse:
    """*Cek Keaslian Dokumen*: type the code, or upload the PDF."""
    if "kode" in request.GET:
        form = KodeForm(request.GET)
        if form.is_valid() and kode_normal(form.cleaned_data["kode"]):
            return redirect("verifikasi:kode", kode=kode_normal(form.cleaned_data["kode"]))
        return _page(request, kode_form=form)
    # The empty page is the same for everyone but its CSRF token: a skeleton, kept by
    # AnonymousPageMiddleware for visitors without a session (the QR is scanned by
    # anybody: banks, schools, offices).
    return _headers(form_page(request, "keluaran/verifikasi.html", _context))


@never_cache
@require_http_methods(["GET"])
def verifikasi_kode_view(request: HttpRequest, kode: str) -> HttpResponse:
    """The answer for one code (the QR's address)."""
    kode = kode_normal(kode)
    try:
        hasil = verifikasi_kode(kode=kode)
    except ValidationError as exc:
        return _page(request, kode=kode, batas=exc.messages[0], status=429)
    return _page(request, hasil=hasil, kode=kode, status=200 if hasil.dokumen else 404)


@never_cache
@require_http_methods(["GET", "POST"])
def verifikasi_berkas_view(request: HttpRequest) -> HttpResponse:
    """Upload a PDF: compared by hash with the issued one, its signatures validated."""
    if request.method != "POST":
        return redirect("verifikasi:index")
    form = PeriksaBerkasForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, berkas_form=form)  # the form again, with its messages
    kode = kode_normal(form.cleaned_data["kode"])
    try:
        hasil = verifikasi_berkas(data=form.cleaned_data["berkas"].read(), kode=kode)
    except ValidationError as exc:
        return _page(request, kode=kode, batas=exc.messages[0], status=429)
    return _page(request, hasil=hasil, kode=kode)
