"""Dashboard, audit log (admins) and the notification delivery status."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from sintren.accounts.models import User
from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.forms import AuditFilterForm, PesanFilterForm
from sintren.backoffice.grafik import grafik_laporan
from sintren.backoffice.selectors import (
    audit_search,
    dashboard_counts,
    pesan_list,
)
from sintren.backoffice.selectors_laporan import Periode, hari_ini, laporan_ringkas
from sintren.backoffice.selectors_pengajuan import layanan_ids_for
from sintren.core.choices import AuditAction
from sintren.core.masking import mask_recipient
from sintren.core.pagination import keyset_page
from sintren.notifications.choices import StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.services import notifikasi_resend

PER_PAGE = 50
CURSOR_PARAM = "kursor"


@staff_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The back office's start page: what is waiting, and the last 30 days (BO-5, X-9).

    The figures cover the services the staff member handles and are at most a minute
    old (:func:`laporan_ringkas`).
    """
    user = petugas(request)
    laporan = laporan_ringkas(periode=Periode.terakhir(hari_ini()), lingkup=layanan_ids_for(user))
    context = {
        "counts": dashboard_counts(),
        "laporan": laporan,
        **grafik_laporan(laporan),
        "boleh_ekspor": user.role == User.Role.ADMIN,
    }
    return render(request, "backoffice/dashboard.html", context)


@staff_required(role=User.Role.ADMIN)
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit log (BO-6): searchable by actor, action, object and dates; admins only.

    Keyset pages (``?kursor=``): the same few queries on page 1 and page 10,000.
    """
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_search(
        pelaku=filters.get("pelaku") or "",
        aksi=filters.get("aksi") or "",
        objek=filters.get("objek") or "",
        dari=filters.get("dari"),
        sampai=filters.get("sampai"),
    )
    page = keyset_page(
        events, cursor=request.GET.get(CURSOR_PARAM), per_page=PER_PAGE, namespace="audit"
    )
    query = {key: value for key, value in filters.items() if value}
    context = {
        "form": form if form.is_bound else AuditFilterForm(),
        "page": page,
        "actions": AuditAction.choices,
        "filter_query": urlencode(query),
    }
    return render(request, "backoffice/audit_list.html", context)


@staff_required
@require_GET
def pesan_status(request: HttpRequest) -> HttpResponse:
    """The outbox with each message's delivery status (NOTIF-1); admins may requeue."""
    form = PesanFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(pesan_list(status=status), PER_PAGE).get_page(request.GET.get("halaman"))
    rows = [{"pesan": pesan, "penerima": mask_recipient(pesan.recipient)} for pesan in page]
    context = {
        "form": form if form.is_bound else PesanFilterForm(),
        "page": page,
        "rows": rows,
        "status_query": urlencode({"status": status}) if status else "",
        "boleh_kirim_ulang": petugas(request).role == User.Role.ADMIN,
        "GAGAL": StatusNotifikasi.FAILED,
    }
    return render(request, "backoffice/pesan_list.html", context)


@staff_required(role=User.Role.ADMIN)
@require_POST
def pesan_kirim_ulang(request: HttpRequest, pk: int) -> HttpResponse:
    """Put one failed message back in the delivery queue (*Kirim Ulang*)."""
    pesan = get_object_or_404(Notifikasi, pk=pk)
    if notifikasi_resend(pesan_ids=[pesan.pk], actor=request.user):
        messages.success(request, gettext("Pesan dimasukkan kembali ke antrean pengiriman."))
    else:
        messages.error(request, gettext("Hanya pesan yang gagal dapat dikirim ulang."))
    return redirect("backoffice:pesan_list")
