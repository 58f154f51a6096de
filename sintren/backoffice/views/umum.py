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
from sintren.backoffice.selectors import (
    audit_actions,
    audit_search,
    dashboard_counts,
    pesan_list,
)
from sintren.core.masking import mask_recipient
from sintren.notifications.choices import StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.services import notifikasi_resend

PER_PAGE = 50


@staff_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The back office's start page: what is waiting."""
    return render(request, "backoffice/dashboard.html", {"counts": dashboard_counts()})


@staff_required(role=User.Role.ADMIN)
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit log (BO-6), searchable by actor, action and date; admins only."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_search(
        pelaku=filters.get("pelaku") or "",
        aksi=filters.get("aksi") or "",
        dari=filters.get("dari"),
        sampai=filters.get("sampai"),
    )
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("halaman"))
    query = {key: value for key, value in request.GET.items() if key != "halaman" and value}
    context = {
        "form": form if form.is_bound else AuditFilterForm(),
        "page": page,
        "actions": audit_actions(),
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
