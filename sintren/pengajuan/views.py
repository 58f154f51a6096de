"""The applicant's request pages (manual C.1, C.2): list, new, detail, edit, send, delete.

Each view: a form, the access-checking getter (:func:`pengajuan_get_for_user`, a 404 for
anything not the applicant's in the current mode), one service, a page. No NIK or name
ever goes into a URL: the list's NIK/name search is posted and kept in the session.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sintren.accounts.decorators import pemohon_required, request_pemohon
from sintren.accounts.models import User
from sintren.accounts.modes import Mode, current_mode
from sintren.catalog.models import Layanan
from sintren.core.pagination import keyset_page
from sintren.pengajuan import availability
from sintren.pengajuan.bukti import bukti_pdf, qr_svg
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.forms import CariForm, FilterForm, KirimForm, PengajuanForm
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.selectors import (
    LIST_ORDER,
    TANPA_BUKTI,
    FilterPengajuan,
    bukti_data,
    data_tambahan_rows,
    hak_ubah_for,
    item_perbaikan_terbuka,
    ketersediaan_layanan,
    ketersediaan_menu,
    layanan_for_baru,
    pengajuan_bukti_get_for_user,
    pengajuan_get_for_user,
    pengajuan_kode_visible,
    pengajuan_list_for_user,
    perbaikan_rows,
    perkiraan_selesai_for,
    riwayat_for,
)
from sintren.pengajuan.services import (
    pengajuan_create,
    pengajuan_delete,
    pengajuan_kirim_ulang,
    pengajuan_send,
    pengajuan_update,
)
from sintren.pengajuan.workflow import allowed_next, in_correction

PER_PAGE = 20
CURSOR_PARAM = "kursor"
CARI_KEY = "_pengajuan_cari"
FILTER_PARAMS = ("layanan", "status", "kode")  # in the URL; the NIK and name never are
# Refusals of pengajuan_create that are about the service's availability (REQ-2).
AVAILABILITY_CODES = frozenset(
    {
        availability.NONAKTIF,
        availability.MODE,
        availability.LIBUR,
        availability.TUTUP,
        availability.JADWAL,
        availability.KUOTA,
    }
)
SUBJECT_FIELDS = {"nik": "subjek_nik", "kk": "subjek_nomor_kk", "wilayah": "subjek_nomor_kk"}


def _mode_grup(mode: Mode) -> bool:
    return mode.grup is not None


def _grup_id(mode: Mode) -> int | None:
    return mode.grup.pk if mode.grup is not None else None


def _side_menu(mode: Mode, current: Layanan | None = None) -> dict[str, Any]:
    """The side menu of services with their availability now (REQ-2, X-4)."""
    return {
        "menu_layanan": ketersediaan_menu(mode_grup=_mode_grup(mode), grup_id=_grup_id(mode)),
        "layanan_aktif": current,
    }


# --- list (REQ-7) -------------------------------------------------------------------------
def _cari_simpan(request: HttpRequest) -> None:
    form = CariForm(request.POST)
    if "hapus_cari" in request.POST:
        request.session.pop(CARI_KEY, None)
    elif form.is_valid():
        request.session[CARI_KEY] = {
            "nik": form.cleaned_data["nik"],
            "nama": form.cleaned_data["nama"],
        }
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    """*Pengajuan* / *Cek Pengajuan*: the applicant's requests in the current mode."""
    if request.method == "POST":
        _cari_simpan(request)
        url = reverse("pengajuan:list")
        if "hapus_cari" in request.POST:
            return redirect(url)
        params = {k: v for k, v in request.POST.items() if k in FILTER_PARAMS and v}
        return redirect(f"{url}?{urlencode(params)}" if params else url)
    mode = current_mode(request)
    menu = _side_menu(mode)  # its services are the filter's choices too: no second query
    filter_form = FilterForm(
        request.GET or None, layanan=[item for item, _status in menu["menu_layanan"]]
    )
    cleaned = filter_form.cleaned_data if filter_form.is_valid() else {}
    cari = request.session.get(CARI_KEY) or {}
    filters = FilterPengajuan(
        layanan_id=cleaned.get("layanan"),
        status=cleaned.get("status") or "",
        kode=cleaned.get("kode") or "",
        nik=str(cari.get("nik") or ""),
        nama=str(cari.get("nama") or ""),
    )
    queryset = pengajuan_list_for_user(request.user, mode, filters)
    page = keyset_page(
        queryset,
        LIST_ORDER,
        request.GET.get(CURSOR_PARAM),
        PER_PAGE,
        namespace="pengajuan",
    )
    query = urlencode({k: v for k, v in request.GET.items() if k in FILTER_PARAMS and v})
    context = {
        "page": page,
        "query": query,
        "filter_form": filter_form,
        "cari_form": CariForm(initial=cari),
        "cari_aktif": bool(cari.get("nik") or cari.get("nama")),
        "mode": mode,
        **menu,
    }
    return render(request, "pengajuan/list.html", context)


# --- new request (REQ-2, REQ-3) -----------------------------------------------------------
def _tersedia_lagi(layanan: Layanan, mode: Mode) -> str:
    """The sentence saying when requests for ``layanan`` open again, or ""."""
    status = ketersediaan_layanan(layanan, mode_grup=_mode_grup(mode), grup_id=_grup_id(mode))
    if status.buka_berikutnya is None:
        return ""
    waktu = timezone.localtime(status.buka_berikutnya)
    return _("Pengajuan dapat dibuat lagi mulai %(hari)s pukul %(jam)s WIB.") % {
        "hari": formats.date_format(waktu, "l, j F Y"),
        "jam": waktu.strftime("%H.%M"),
    }


def _create_refused(
    request: HttpRequest, form: PengajuanForm, exc: ValidationError, layanan: Layanan
) -> dict[str, Any]:
    """Put a refusal of ``pengajuan_create``/``update`` on the form; extra page context."""
    code = getattr(exc, "code", None)
    extra: dict[str, Any] = {}
    if code in AVAILABILITY_CODES:
        lagi = _tersedia_lagi(layanan, current_mode(request))
        form.add_error(None, " ".join(filter(None, [*exc.messages, lagi])))
    elif code == "duplikat":
        kode = str((getattr(exc, "params", None) or {}).get("kode", ""))
        if kode and pengajuan_kode_visible(request.user, kode, mode=current_mode(request)):
            extra["duplikat_kode"] = kode
        form.add_error(None, exc.messages[0])
    elif code in SUBJECT_FIELDS and SUBJECT_FIELDS[code] in form.fields:
        form.add_error(SUBJECT_FIELDS[code], exc)
    else:
        form.add_error(None, exc)
    return extra


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def baru(request: HttpRequest, slug: str) -> HttpResponse:
    """*Pengajuan Baru* for one service, or *Pengajuan (Nama Pelayanan) belum tersedia.*"""
    layanan = layanan_for_baru(slug)
    mode = current_mode(request)
    pemohon = request_pemohon(request)
    context: dict[str, Any] = {"layanan": layanan, "mode": mode}
    if request.method == "GET":
        context["ketersediaan"] = status = ketersediaan_layanan(
            layanan, mode_grup=_mode_grup(mode), grup_id=_grup_id(mode)
        )
        if not status.tersedia:
            context.update(_side_menu(mode, layanan))
            return render(request, "pengajuan/belum_tersedia.html", context)
    form = PengajuanForm(
        request.POST if request.method == "POST" else None,
        layanan=layanan,
        pemohon=pemohon,
        mode_grup=_mode_grup(mode),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pengajuan = pengajuan_create(
                actor=request_pemohon(request).user,
                pemohon=pemohon,
                grup=mode.grup,
                layanan=layanan,
                data=form.service_data(),
            )
        except ValidationError as exc:
            context.update(_create_refused(request, form, exc, layanan))
        else:
            messages.success(
                request,
                _("Pengajuan tersimpan dengan Kode Pengajuan %(kode)s.") % {"kode": pengajuan.kode},
            )
            return redirect("pengajuan:detail", kode=pengajuan.kode)
    context.update(form=form, **_side_menu(mode, layanan))
    return render(request, "pengajuan/form.html", context)


# --- detail, send (REQ-5, REQ-6, REQ-9) ---------------------------------------------------
def _detail_context(
    request: HttpRequest,
    pengajuan: Pengajuan,
    kirim_form: KirimForm | None = None,
    kirim_ulang_kurang: list[str] | None = None,
) -> dict[str, Any]:
    mode = current_mode(request)
    can_send = StatusPengajuan.DIKIRIM in allowed_next(pengajuan.status, User.Role.PEMOHON)
    # Back for a correction: Kirim Ulang instead of the Kirim Pengajuan form.
    kirim_ulang = can_send and in_correction(pengajuan.status)
    can_send = can_send and not kirim_ulang
    if can_send and kirim_form is None:
        kirim_form = KirimForm(
            layanan=pengajuan.layanan,
            initial={"pilihan_dokumen": pengajuan.pilihan_dokumen_id},
        )
    return {
        "pengajuan": pengajuan,
        "tambahan": data_tambahan_rows(pengajuan),
        "riwayat": riwayat_for(pengajuan),
        "bisa_edit": hak_ubah_for(pengajuan).ada_field,
        "perbaikan": perbaikan_rows(pengajuan),
        "kirim_ulang": kirim_ulang,
        "kirim_ulang_kurang": kirim_ulang_kurang or [],
        "bisa_hapus": StatusPengajuan.DIHAPUS in allowed_next(pengajuan.status, User.Role.PEMOHON),
        "menunggu_proses": pengajuan.status == StatusPengajuan.DIKIRIM,
        "kirim_form": kirim_form if can_send else None,
        "perkiraan_selesai": perkiraan_selesai_for(pengajuan),
        "ada_bukti": pengajuan.status not in TANPA_BUKTI and pengajuan.dikirim_pada is not None,
        "mode": mode,
        **_side_menu(mode),
    }


@never_cache
@pemohon_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, kode: str) -> HttpResponse:
    """*Detail Pengajuan*: data, status history, *Edit Pengajuan*, the send panel."""
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    return render(request, "pengajuan/detail.html", _detail_context(request, pengajuan))


@never_cache
@require_POST
@pemohon_required
def kirim(request: HttpRequest, kode: str) -> HttpResponse:
    """*Kirim Pengajuan*: refused with the list of what is missing (REQ-6)."""
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    form = KirimForm(request.POST, layanan=pengajuan.layanan)
    if form.is_valid():
        try:
            pengajuan_send(
                actor=request_pemohon(request).user,
                pengajuan=pengajuan,
                pilihan_dokumen=form.cleaned_data["pilihan_dokumen"],
                persetujuan=form.cleaned_data["persetujuan"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "Pengajuan berhasil dikirim dan akan diproses oleh Verifikator Dinas. "
                    "Simpan atau cetak Bukti Pengajuan lewat tautan Bukti Pengajuan di "
                    "halaman ini."
                ),
            )
            return redirect("pengajuan:detail", kode=pengajuan.kode)
    context = _detail_context(request, pengajuan, form)
    return render(request, "pengajuan/detail.html", context, status=200)


@never_cache
@require_POST
@pemohon_required
def kirim_ulang(request: HttpRequest, kode: str) -> HttpResponse:
    """*Kirim Ulang* after a correction: refused with the list of what is still missing."""
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    try:
        pengajuan_kirim_ulang(actor=request_pemohon(request).user, pengajuan=pengajuan)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "status":
            messages.error(request, exc.messages[0])
            return redirect("pengajuan:detail", kode=pengajuan.kode)
        context = _detail_context(request, pengajuan, kirim_ulang_kurang=exc.messages)
        return render(request, "pengajuan/detail.html", context)
    messages.success(
        request,
        _(
            "Perbaikan pengajuan berhasil dikirim dan akan diperiksa kembali oleh "
            "Verifikator Dinas."
        ),
    )
    return redirect("pengajuan:detail", kode=pengajuan.kode)


# --- edit (REQ-5) -------------------------------------------------------------------------
@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, kode: str) -> HttpResponse:
    """*Edit Pengajuan*: everything of a draft; in a correction only the marked fields
    (X-2), the others shown disabled."""
    mode = current_mode(request)
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=mode)
    hak = hak_ubah_for(pengajuan)
    if not hak.ada_field:
        messages.error(
            request,
            _("Tidak ada data pengajuan yang perlu diperbaiki; perbaiki Data Dukung yang ditandai.")
            if hak.ada_dokumen
            else _("Pengajuan yang sudah dikirim tidak dapat diubah."),
        )
        return redirect("pengajuan:detail", kode=pengajuan.kode)
    items = [] if hak.semua else item_perbaikan_terbuka(pengajuan)
    catatan = {item.field: item.catatan for item in items if not item.is_dokumen}
    layanan = layanan_for_baru(pengajuan.layanan.slug)
    form = PengajuanForm(
        request.POST if request.method == "POST" else None,
        layanan=layanan,
        pemohon=pengajuan.pemohon,
        mode_grup=pengajuan.grup_id is not None,
        pengajuan=pengajuan,
        hak=hak,
        catatan=catatan,
    )
    context: dict[str, Any] = {"layanan": layanan, "pengajuan": pengajuan, "mode": mode}
    if request.method == "POST" and form.is_valid():
        try:
            pengajuan_update(
                actor=request_pemohon(request).user, pengajuan=pengajuan, data=form.service_data()
            )
        except ValidationError as exc:
            context.update(_create_refused(request, form, exc, layanan))
        else:
            messages.success(request, _("Perubahan pengajuan tersimpan."))
            return redirect("pengajuan:detail", kode=pengajuan.kode)
    context.update(form=form, **_side_menu(mode))
    return render(request, "pengajuan/form.html", context)


# --- delete a draft (REQ-7) ---------------------------------------------------------------
@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def hapus(request: HttpRequest, kode: str) -> HttpResponse:
    """*Hapus*: asks first; only a draft (never sent) can be deleted."""
    mode = current_mode(request)
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=mode)
    if StatusPengajuan.DIHAPUS not in allowed_next(pengajuan.status, User.Role.PEMOHON):
        messages.error(request, _("Hanya pengajuan yang belum dikirim yang dapat dihapus."))
        return redirect("pengajuan:detail", kode=pengajuan.kode)
    if request.method == "POST":
        try:
            pengajuan_delete(actor=request_pemohon(request).user, pengajuan=pengajuan)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("pengajuan:detail", kode=pengajuan.kode)
        messages.success(request, _("Pengajuan %(kode)s telah dihapus.") % {"kode": pengajuan.kode})
        return redirect("pengajuan:list")
    context = {"pengajuan": pengajuan, "mode": mode, **_side_menu(mode)}
    return render(request, "pengajuan/hapus.html", context)


# --- receipt (X-5) ------------------------------------------------------------------------
@never_cache
@pemohon_required
@require_http_methods(["GET"])
def bukti(request: HttpRequest, kode: str) -> HttpResponse:
    """*Bukti Pengajuan*: the printable receipt of a sent request (a draft: 404)."""
    pengajuan = pengajuan_bukti_get_for_user(request.user, kode, mode=current_mode(request))
    data = bukti_data(pengajuan)
    qr = qr_svg(
        data.url_lacak, label=_("Kode QR halaman Detail Pengajuan %(kode)s") % {"kode": data.kode}
    )
    return render(request, "pengajuan/bukti.html", {"bukti": data, "qr": qr})


@never_cache
@pemohon_required
@require_http_methods(["GET"])
def bukti_unduh(request: HttpRequest, kode: str) -> HttpResponse:
    """*Unduh PDF*: the receipt as a one-page PDF file."""
    pengajuan = pengajuan_bukti_get_for_user(request.user, kode, mode=current_mode(request))
    response = HttpResponse(bukti_pdf(bukti_data(pengajuan)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bukti-{pengajuan.kode}.pdf"'
    return response
