"""The registration queue (BO-2): list, detail (audited as a view), approve, reject.

No NIK, KK or name ever goes into a URL: the search text is POSTed and kept in the
session; pages and filters in the URL carry only the status and a signed cursor (the
last row's sort key: its queue rank, date and id). The list never scans the table: keyset
pages on matching indexes and a count that stops at 1,000 (docs/backoffice.md).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from sintren.accounts.models import Pemohon, User
from sintren.accounts.selectors import ANTREAN_PENDAFTARAN, pemohon_get, pendaftaran_queue
from sintren.accounts.services import pendaftaran_approve, pendaftaran_reject
from sintren.accounts.workflow import allowed_next, may_transition
from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.forms import CocokkanForm, PencarianForm, PendaftaranFilterForm, TolakForm
from sintren.backoffice.selectors import audit_for_target
from sintren.backoffice.services import pendaftaran_cocokkan_ibu, pendaftaran_lihat
from sintren.core.masking import mask_recipient
from sintren.core.pagination import bounded_count, keyset_page
from sintren.core.simpanan import simpanan_ambil, simpanan_kunci, simpanan_taruh
from sintren.kependudukan.register import KependudukanError
from sintren.kependudukan.services import cek_kependudukan
from sintren.notifications.selectors import pesan_for_user
from sintren.regions.selectors import wilayah_ancestors, wilayah_names

PER_PAGE = 50
COUNT_LIMIT = 1000  # "lebih dari 1.000": the list is never counted to the end
CURSOR_PARAM = "kursor"
SEARCH_KEY = "_bo_pendaftaran_q"
FIELD_LABELS = {
    "nama_lengkap": "Nama Lengkap",
    "nomor_kk": "Nomor KK",
    "tempat_lahir": "Tempat Lahir",
    "tanggal_lahir": "Tanggal Lahir",
    "wilayah": "Desa/Kelurahan",
    "nomor_hp": "Nomor HP (WhatsApp)",
    "email": "Email",
    "jenis_kelamin": "Jenis Kelamin",
    "nama_ibu_kandung": "Nama Ibu Kandung",
}


def _list_url(status: str) -> str:
    url = reverse("backoffice:pendaftaran_list")
    return f"{url}?{urlencode({'status': status})}" if status else url


@staff_required
@require_http_methods(["GET", "POST"])
def pendaftaran_list(request: HttpRequest) -> HttpResponse:
    """The queue: pending first, oldest first; status filter, session-kept search.

    Keyset pages (``?kursor=``, *Sebelumnya*/*Berikutnya*) and a bounded count: a
    constant number of queries, each on an index, whatever the table's size. A page
    shown again before any registration changed is the kept copy (sintren/core/simpanan.py).
    """
    if request.method == "POST":
        search = PencarianForm(request.POST)
        if "hapus" in request.POST:
            request.session.pop(SEARCH_KEY, None)
        elif not search.is_valid():
            request.session.pop(SEARCH_KEY, None)
            messages.error(request, " ".join(str(error) for error in search.errors.get("q", [])))
        else:
            request.session[SEARCH_KEY] = search.cleaned_data["q"]
        return redirect(_list_url(request.POST.get("status", "")))
    q = request.session.get(SEARCH_KEY, "")
    kunci = simpanan_kunci(request, ANTREAN_PENDAFTARAN, q)
    kept = simpanan_ambil(request, kunci)
    if kept is not None:
        return kept
    filters = PendaftaranFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    queue = pendaftaran_queue(status=status or None, q=q or None)
    page = keyset_page(
        queue, cursor=request.GET.get(CURSOR_PARAM), per_page=PER_PAGE, namespace="pendaftaran"
    )
    context = {
        "page": page,
        "jumlah": bounded_count(queue, COUNT_LIMIT),
        "filters": filters if filters.is_bound else PendaftaranFilterForm(),
        "search": PencarianForm(initial={"q": q}),
        "q": q,
        "status": status,
        "status_query": urlencode({"status": status}) if status else "",
    }
    return simpanan_taruh(kunci, render(request, "backoffice/pendaftaran_list.html", context))


def _perubahan_rows(perubahan: dict[str, Any], names: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    for field, pair in perubahan.items():
        old, new = [*list(pair), "", ""][:2] if isinstance(pair, list | tuple) else ("", "")
        if field == "wilayah":
            old = f"{names.get(str(old), '')} ({old})" if old else old
            new = f"{names.get(str(new), '')} ({new})" if new else new
        rows.append({"label": FIELD_LABELS.get(field, field), "lama": old, "baru": new})
    return rows


def _riwayat(pemohon: Pemohon) -> list[dict[str, Any]]:
    entries = list(pemohon.riwayat.select_related("oleh").order_by("pada", "pk"))
    codes = {
        str(value)
        for entry in entries
        for value in (entry.perubahan or {}).get("wilayah", [])
        if value
    }
    names = wilayah_names(codes)
    return [
        {"entry": entry, "perubahan": _perubahan_rows(entry.perubahan or {}, names)}
        for entry in entries
    ]


def _pesan(pemohon: Pemohon) -> list[dict[str, Any]]:
    return [
        {"pesan": pesan, "penerima": mask_recipient(pesan.recipient)}
        for pesan in pesan_for_user(pemohon.user)
    ]


def _render_detail(
    request: HttpRequest,
    pemohon: Pemohon,
    tolak_form: TolakForm | None = None,
    kependudukan: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show everything about the registration (never the mother's name hash); audited.

    ``kependudukan`` is the population-register answer to show (X-10), if any.
    """
    pendaftaran_lihat(pemohon=pemohon, actor=request.user)
    riwayat = _riwayat(pemohon)
    latest_changes: list[dict[str, Any]] = next(
        (item["perubahan"] for item in reversed(riwayat) if item["perubahan"]), []
    )
    aksi = allowed_next(pemohon.status, petugas(request).role)
    context = {
        "pemohon": pemohon,
        "aksi": aksi,
        "wilayah_chain": wilayah_ancestors(pemohon.wilayah_id) if pemohon.wilayah_id else [],
        "riwayat": riwayat,
        "daftar_ulang": bool(aksi) and bool(latest_changes),
        "perubahan_terakhir": latest_changes,
        "pesan_list": _pesan(pemohon),
        "tolak_form": tolak_form or TolakForm(),
        "bisa_setujui": Pemohon.Status.DISETUJUI in aksi,
        "bisa_tolak": Pemohon.Status.DITOLAK in aksi,
        "audit_list": audit_for_target(pemohon, limit=20)
        if petugas(request).role == User.Role.ADMIN
        else [],
        **(kependudukan or {}),
    }
    return render(request, "backoffice/pendaftaran_detail.html", context)


@staff_required
@require_http_methods(["GET"])
def pendaftaran_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One registration with its history, changes, messages and the decision forms."""
    return _render_detail(request, pemohon_get(pk))


def _decision_refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@staff_required
@require_http_methods(["GET", "POST"])
def pendaftaran_setujui(request: HttpRequest, pk: int) -> HttpResponse:
    """*Setujui*: a confirmation page (GET), then the approval (POST)."""
    pemohon = pemohon_get(pk)
    detail = redirect("backoffice:pendaftaran_detail", pk=pemohon.pk)
    if request.method == "GET":
        if not may_transition(pemohon.status, Pemohon.Status.DISETUJUI, petugas(request).role):
            messages.error(request, gettext("Pendaftaran ini tidak lagi menunggu verifikasi."))
            return detail
        return render(request, "backoffice/pendaftaran_setujui.html", {"pemohon": pemohon})
    try:
        pendaftaran_approve(pemohon=pemohon, actor=petugas(request))
    except ValidationError as exc:
        _decision_refused(request, exc)
        return detail
    messages.success(
        request,
        gettext("Pendaftaran disetujui. Link aktivasi dikirim ke pemohon melalui WhatsApp/email."),
    )
    return detail


@staff_required
@require_POST
def pendaftaran_tolak(request: HttpRequest, pk: int) -> HttpResponse:
    """*Tolak* with a preset reason and/or a free text; without either nothing changes."""
    pemohon = pemohon_get(pk)
    form = TolakForm(request.POST)
    if not form.is_valid():
        if not may_transition(pemohon.status, Pemohon.Status.DITOLAK, petugas(request).role):
            # A decided registration's page has no Tolak form to show the error in.
            messages.error(request, gettext("Pendaftaran ini tidak lagi menunggu verifikasi."))
            return redirect("backoffice:pendaftaran_detail", pk=pemohon.pk)
        return _render_detail(request, pemohon, tolak_form=form)
    try:
        pendaftaran_reject(
            pemohon=pemohon,
            actor=petugas(request),
            alasan=form.cleaned_data["alasan_lengkap"],
        )
    except ValidationError as exc:
        _decision_refused(request, exc)
    else:
        messages.success(
            request, gettext("Pendaftaran tidak disetujui. Alasan dikirim ke pemohon.")
        )
    return redirect("backoffice:pendaftaran_detail", pk=pemohon.pk)


@staff_required
@require_POST
def pendaftaran_cocokkan(request: HttpRequest, pk: int) -> HttpResponse:
    """*Cocokkan Nama Ibu Kandung*: the verifier types the name from the KK.

    The detail page is shown again with the answer, *Cocok* or *Tidak cocok*, in its
    messages; the typed name is never written back into the page.
    """
    pemohon = pemohon_get(pk)
    form = CocokkanForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for error in form.errors.get("nama_ibu", [])))
        return _render_detail(request, pemohon)
    try:
        cocok = pendaftaran_cocokkan_ibu(
            pemohon=pemohon, actor=petugas(request), nama_ibu=form.cleaned_data["nama_ibu"]
        )
    except ValidationError as exc:
        _decision_refused(request, exc)
        return _render_detail(request, pemohon)
    if not isinstance(cocok, bool):  # the hourly limit is used up: nothing was compared
        messages.error(
            request,
            gettext(
                "Batas pencocokan Nama Ibu Kandung untuk akun Anda sudah tercapai. "
                "Coba lagi setelah pukul %(jam)s WIB."
            )
            % {"jam": timezone.localtime(cocok.until).strftime("%H.%M")},
        )
    elif cocok:
        messages.success(
            request,
            gettext("Cocok: Nama Ibu Kandung yang diketik sama dengan yang didaftarkan pemohon."),
        )
    else:
        messages.error(
            request,
            gettext(
                "Tidak cocok: Nama Ibu Kandung yang diketik berbeda dengan yang didaftarkan "
                "pemohon. Periksa kembali ejaannya pada KK."
            ),
        )
    return _render_detail(request, pemohon)


@staff_required
@require_POST
def pendaftaran_cek_kependudukan(request: HttpRequest, pk: int) -> HttpResponse:
    """*Cek Data Kependudukan* (X-10): the detail page again, with the register's answer
    per field (or why there is none)."""
    pemohon = pemohon_get(pk)
    try:
        hasil = cek_kependudukan(actor=petugas(request), pemohon=pemohon)
    except KependudukanError as exc:
        return _render_detail(request, pemohon, kependudukan={"kependudukan_galat": exc.message})
    return _render_detail(request, pemohon, kependudukan={"kependudukan_hasil": hasil})
