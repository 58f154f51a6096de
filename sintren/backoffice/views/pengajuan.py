"""The staff's request pages (BO-3, X-1, X-2, MSG-1): the queue, one request with its
documents, decisions and chat, and the permission-checked files.

Every view loads the request through
:func:`sintren.backoffice.selectors_pengajuan.pengajuan_get_for_staff` (a 404 outside
the staff member's services) and calls one service; the buttons are those
:func:`sintren.pengajuan.workflow.allowed_next` gives the staff member's role, and a
posted status outside it is refused before any service runs. No NIK, KK or name goes
into a URL: the filters are the service, the status, an age and "mine".
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from sintren.accounts.models import User
from sintren.backoffice import auth
from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.forms_pengajuan import (
    AKSI_SEDERHANA,
    AntreanFilterForm,
    PerbaikanForm,
    TolakPengajuanForm,
)
from sintren.backoffice.selectors import audit_for_target
from sintren.backoffice.selectors_pengajuan import (
    FilterAntrean,
    hari_ini,
    layanan_for_petugas,
    pengajuan_antrean,
    pengajuan_get_for_staff,
    perbaikan_pilihan,
    terlambat,
)
from sintren.backoffice.services_pengajuan import (
    BISA_DIAMBIL,
    berkas_lihat,
    pengajuan_ambil,
    pengajuan_ambil_alih,
    pengajuan_lepas,
    pengajuan_lihat,
    pengajuan_perbaikan_minta,
    pengajuan_tindak,
)
from sintren.chat.forms import PesanForm
from sintren.chat.rules import chat_ditutup, chat_terbuka
from sintren.chat.selectors import pesan_belum_dibaca_count, pesan_for, pesan_terakhir_id
from sintren.chat.services import pesan_kirim, pesan_tandai_dibaca
from sintren.core.pagination import bounded_count, keyset_page
from sintren.documents.selectors import datadukung_get_for, panel_rows
from sintren.documents.storage import private_storage
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.selectors import data_tambahan_rows, perbaikan_rows, riwayat_for
from sintren.pengajuan.workflow import allowed_next

Status = StatusPengajuan
PER_PAGE = 50
COUNT_LIMIT = 1000
CURSOR_PARAM = "kursor"
# htmx stops polling on this status and swaps nothing on a 204 (as the applicant's chat).
HTMX_STOP_POLLING = 286
NOTHING_NEW = 204


# --- the queue ------------------------------------------------------------------------------
def _filters(form: AntreanFilterForm) -> FilterAntrean:
    if not form.is_bound or not form.is_valid():
        return FilterAntrean()
    data = form.cleaned_data
    layanan = data.get("layanan")
    return FilterAntrean(
        layanan_id=layanan.pk if layanan is not None else None,
        status=data.get("status") or "",
        menunggu_hari=data.get("menunggu"),
        milik_saya=bool(data.get("milik_saya")),
    )


def _query(request: HttpRequest) -> str:
    """The filters of the page's URL without the cursor (for the page links)."""
    kept = [(k, v) for k, v in request.GET.items() if k != CURSOR_PARAM and v]
    return urlencode(kept)


@staff_required
@require_GET
def pengajuan_list(request: HttpRequest) -> HttpResponse:
    """The request queue: overdue first, then the oldest sent first (BO-3, X-1).

    Keyset pages and a bounded count: the same few queries whatever the table's size.
    """
    user = petugas(request)
    form = AntreanFilterForm(request.GET or None, layanan=layanan_for_petugas(user))
    queue = pengajuan_antrean(user, _filters(form))
    page = keyset_page(
        queue, cursor=request.GET.get(CURSOR_PARAM), per_page=PER_PAGE, namespace="pengajuan"
    )
    context = {
        "page": page,
        "jumlah": bounded_count(queue, COUNT_LIMIT),
        "filters": form if form.is_bound else AntreanFilterForm(layanan=layanan_for_petugas(user)),
        "belum_dibaca": pesan_belum_dibaca_count(user, [item.pk for item in page]),
        "hari_ini": hari_ini(),
        "query": _query(request),
    }
    return render(request, "backoffice/pengajuan_list.html", context)


# --- one request ----------------------------------------------------------------------------
def _keluaran_url(kode: str) -> str:
    """The issued-documents page of the request, when the back office has one."""
    try:
        return reverse("backoffice:keluaran", kwargs={"kode": kode})
    except NoReverseMatch:
        return ""


def _aksi(user: User, pengajuan: Pengajuan) -> dict[str, Any]:
    """What the action panel offers, from the transition table and who holds the request."""
    aksi = allowed_next(pengajuan.status, user.role)
    admin = user.role == User.Role.ADMIN
    pemegang = pengajuan.petugas_id
    boleh = admin or pemegang == user.pk
    bisa_ambil = pemegang is None and pengajuan.status in BISA_DIAMBIL
    return {
        "aksi": aksi,
        "bisa_proses": Status.DIPROSES in aksi and pemegang is None,
        "bisa_ambil": bisa_ambil and Status.DIPROSES not in aksi,
        "bisa_alih": admin and pemegang not in (None, user.pk) and pengajuan.status in BISA_DIAMBIL,
        "bisa_lepas": pemegang is not None and boleh,
        "boleh_putus": boleh,
        "bisa_perbaikan": boleh and Status.PERBAIKAN in aksi,
        "bisa_tolak": boleh and Status.DITOLAK in aksi,
        "aksi_sederhana": [(s, Status(s).label) for s in aksi if boleh and s in AKSI_SEDERHANA],
        "bisa_terbit": boleh and Status.TERBIT in aksi,
        "keluaran_url": _keluaran_url(pengajuan.kode),
    }


def _render_detail(
    request: HttpRequest,
    pengajuan: Pengajuan,
    *,
    tolak_form: TolakPengajuanForm | None = None,
    perbaikan_form: PerbaikanForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """Everything about the request; audited as a view of its personal data (BO-6)."""
    user = petugas(request)
    pengajuan_lihat(actor=user, pengajuan=pengajuan)
    daftar_pesan = pesan_for(pengajuan)
    belum_dibaca = {
        p.pk for p in daftar_pesan if not p.dari_petugas and p.dibaca_petugas_pada is None
    }
    if belum_dibaca:
        pesan_tandai_dibaca(actor=user, pengajuan=pengajuan)
    now = timezone.now()
    context = {
        "pengajuan": pengajuan,
        "tambahan": data_tambahan_rows(pengajuan),
        "riwayat": riwayat_for(pengajuan),
        "dokumen_rows": panel_rows(pengajuan),
        "perbaikan": perbaikan_rows(pengajuan),
        "terlambat": terlambat(pengajuan, hari_ini()),
        "menunggu_sejak": pengajuan.dikirim_pada,
        "sekarang": now,
        "tolak_form": tolak_form or TolakPengajuanForm(),
        "perbaikan_form": perbaikan_form or PerbaikanForm(pilihan=perbaikan_pilihan(pengajuan)),
        "daftar_pesan": daftar_pesan,
        "belum_dibaca": belum_dibaca,
        "chat_terbuka": chat_terbuka(pengajuan.status),
        "chat_ditutup": chat_ditutup(pengajuan.status),
        "pesan_form": PesanForm(),
        "audit_list": audit_for_target(pengajuan, limit=20) if user.role == User.Role.ADMIN else [],
        **_aksi(user, pengajuan),
    }
    return render(request, "backoffice/pengajuan_detail.html", context, status=status)


@staff_required
@require_GET
def pengajuan_detail(request: HttpRequest, kode: str) -> HttpResponse:
    """One request: data, waiting time and due date, documents, history, actions, chat."""
    return _render_detail(request, pengajuan_get_for_staff(request.user, kode))


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _detail(pengajuan: Pengajuan, anchor: str = "") -> HttpResponse:
    url = reverse("backoffice:pengajuan_detail", kwargs={"kode": pengajuan.kode})
    return redirect(url + anchor)


def _ambil(request: HttpRequest, pengajuan: Pengajuan, *, alih: bool) -> HttpResponse:
    user = petugas(request)
    try:
        if alih:
            pengajuan_ambil_alih(actor=user, pengajuan=pengajuan)
        else:
            pengajuan_ambil(actor=user, pengajuan=pengajuan)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            gettext("Pengajuan %(kode)s sekarang Anda tangani.") % {"kode": pengajuan.kode},
        )
    return _detail(pengajuan)


@staff_required
@require_POST
def pengajuan_ambil_view(request: HttpRequest, kode: str) -> HttpResponse:
    """*Ambil Pengajuan* (a sent one becomes *Diproses*); *Ambil Alih* for an admin
    (``alih=1``)."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    return _ambil(request, pengajuan, alih=bool(request.POST.get("alih")))


@staff_required
@require_POST
def pengajuan_lepas_view(request: HttpRequest, kode: str) -> HttpResponse:
    """*Lepaskan*: the holder (or an admin) gives the request back to the queue."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    try:
        pengajuan_lepas(actor=petugas(request), pengajuan=pengajuan)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, gettext("Pengajuan dilepas; petugas lain dapat mengambilnya."))
    return _detail(pengajuan)


@staff_required
@require_POST
def pengajuan_aksi(request: HttpRequest, kode: str) -> HttpResponse:
    """A decision by status (``status``): *Ditolak* with a reason, *Dokumen Siap
    Diambil*, *Selesai*. Anything the transition table does not offer the staff member's
    role from the current status is refused before any service runs."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    user = petugas(request)
    to = str(request.POST.get("status", ""))
    if to not in allowed_next(pengajuan.status, user.role):
        messages.error(
            request,
            gettext("Tindakan ini tidak tersedia untuk pengajuan berstatus %(status)s.")
            % {"status": pengajuan.get_status_display()},
        )
        return _detail(pengajuan)
    if to == Status.DIPROSES:  # Diproses is taking the request
        return _ambil(request, pengajuan, alih=False)
    if to not in AKSI_SEDERHANA and to != Status.DITOLAK:
        # Perlu Perbaikan has its own form; Sudah Terbit TTE is issued with the documents.
        messages.error(request, gettext("Gunakan formulir tindakan ini pada halaman pengajuan."))
        return _detail(pengajuan)
    catatan = ""
    if to == Status.DITOLAK:
        form = TolakPengajuanForm(request.POST)
        if not form.is_valid():
            return _render_detail(request, pengajuan, tolak_form=form, status=400)
        catatan = form.cleaned_data["catatan"]
    try:
        pengajuan_tindak(actor=user, pengajuan=pengajuan, to=to, catatan=catatan)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            gettext("Status pengajuan menjadi %(status)s. Pemohon diberi tahu.")
            % {"status": Status(to).label},
        )
    return _detail(pengajuan)


@staff_required
@require_POST
def pengajuan_perbaikan(request: HttpRequest, kode: str) -> HttpResponse:
    """*Perlu Perbaikan*: the marked documents and fields, a note each (X-2)."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    user = petugas(request)
    if Status.PERBAIKAN not in allowed_next(pengajuan.status, user.role):
        messages.error(
            request,
            gettext("Tindakan ini tidak tersedia untuk pengajuan berstatus %(status)s.")
            % {"status": pengajuan.get_status_display()},
        )
        return _detail(pengajuan)
    form = PerbaikanForm(request.POST, pilihan=perbaikan_pilihan(pengajuan))
    if form.is_valid():
        try:
            pengajuan_perbaikan_minta(
                actor=user,
                pengajuan=pengajuan,
                items=form.cleaned_data["items"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, gettext("Pengajuan dikembalikan ke pemohon untuk diperbaiki.")
            )
            return _detail(pengajuan)
    return _render_detail(request, pengajuan, perbaikan_form=form, status=400)


# --- files (SEC-4) --------------------------------------------------------------------------
def _jpeg(name: str) -> HttpResponse:
    with private_storage().open(name) as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = 'inline; filename="dokumen.jpg"'
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@staff_required
@require_GET
def pengajuan_berkas(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """The full image of one supporting document of the request; every view audited."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    link = datadukung_get_for(pengajuan, pk)
    berkas_lihat(actor=petugas(request), pengajuan=pengajuan, datadukung=link)
    return _jpeg(link.berkas.nama_simpan)


@staff_required
@require_GET
def pengajuan_berkas_thumb(request: HttpRequest, kode: str, pk: int) -> HttpResponse:
    """The thumbnail of one supporting document (part of the audited detail view)."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    return _jpeg(datadukung_get_for(pengajuan, pk).berkas.thumbnail)


# --- chat (MSG-1) ---------------------------------------------------------------------------
def _polling_stops_when_logged_out(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """A poll after the staff session ended stops quietly instead of pasting the login
    page into the list; a normal request gets ``staff_required``'s answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.headers.get("HX-Request") and not auth.is_staff_member(request.user):
            return HttpResponse(status=HTMX_STOP_POLLING)
        return view(request, *args, **kwargs)

    return wrapper


@staff_required
@require_POST
def pengajuan_chat(request: HttpRequest, kode: str) -> HttpResponse:
    """*Kirim*: a staff message to the applicant (who is told by WhatsApp)."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    form = PesanForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        pesan_kirim(actor=petugas(request), pengajuan=pengajuan, isi=form.cleaned_data["isi"])
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, gettext("Pesan terkirim."))
    return _detail(pengajuan, "#chat")


@_polling_stops_when_logged_out
@staff_required
@require_GET
def pengajuan_chat_daftar(request: HttpRequest, kode: str) -> HttpResponse:
    """The thread alone, polled every 10 seconds; 204 while nothing is new."""
    pengajuan = pengajuan_get_for_staff(request.user, kode)
    user = petugas(request)
    htmx = bool(request.headers.get("HX-Request"))
    terbuka = chat_terbuka(pengajuan.status)
    if htmx and terbuka and request.GET.get("terakhir") == str(pesan_terakhir_id(pengajuan)):
        return HttpResponse(status=NOTHING_NEW)
    daftar_pesan = pesan_for(pengajuan)
    belum_dibaca = {
        p.pk for p in daftar_pesan if not p.dari_petugas and p.dibaca_petugas_pada is None
    }
    if belum_dibaca:
        pesan_tandai_dibaca(actor=user, pengajuan=pengajuan)
    context = {"daftar_pesan": daftar_pesan, "belum_dibaca": belum_dibaca, "saya": user}
    status = 200 if terbuka or not htmx else HTMX_STOP_POLLING
    return render(request, "backoffice/partials/chat_daftar.html", context, status=status)
