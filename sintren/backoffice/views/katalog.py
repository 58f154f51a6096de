"""Catalogue pages of the back office (BO-4): services with their rows, closure days.

Admins only (``staff_required(role="admin")``): the catalogue decides what every
citizen may request, so a verifier gets the 403 page, as for the audit log. Each page
is a form (and the inline formsets of a service), one service call, a redirect.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sintren.accounts.models import GrupPemohon, User
from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.forms_katalog import INLINES, HariTutupForm, LayananForm
from sintren.backoffice.selectors_katalog import hari_tutup_mendatang, katalog_layanan
from sintren.catalog.models import HariTutup, Layanan
from sintren.catalog.services import (
    hari_tutup_hapus,
    hari_tutup_tambah,
    layanan_hapus,
    layanan_simpan,
)
from sintren.core.pagination import keyset_page

ADMIN = User.Role.ADMIN
PER_PAGE = 50


@staff_required(role=ADMIN)
@require_GET
def katalog_index(request: HttpRequest) -> HttpResponse:
    """The catalogue's start page: every service, and links to the other content pages."""
    context = {"layanan_list": katalog_layanan(), "jumlah_grup": GrupPemohon.objects.count()}
    return render(request, "backoffice/katalog/index.html", context)


def _inlines(request: HttpRequest, layanan: Layanan) -> list[tuple[str, Any, Any]]:
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    return [
        (prefix, heading, formset_class(data, files, instance=layanan, prefix=prefix))
        for prefix, heading, formset_class in INLINES
    ]


def _layanan_page(request: HttpRequest, layanan: Layanan) -> HttpResponse:
    """Create (``layanan`` unsaved) or edit a service with all its rows in one form."""
    baru = layanan.pk is None
    form = LayananForm(
        request.POST if request.method == "POST" else None,
        instance=layanan,
    )
    inlines = _inlines(request, layanan)
    if request.method == "POST":
        valid = [form.is_valid()] + [formset.is_valid() for _, _, formset in inlines]
        if all(valid):
            try:
                saved = layanan_simpan(
                    actor=petugas(request),
                    form=form,
                    formsets=[formset for _, _, formset in inlines],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, gettext("Layanan %(nama)s disimpan.") % {"nama": saved.nama}
                )
                return redirect("backoffice:katalog_layanan_ubah", pk=saved.pk)
        messages.error(request, gettext("Data belum tersimpan. Periksa isian yang ditandai."))
    context = {"form": form, "inlines": inlines, "layanan": layanan, "baru": baru}
    return render(request, "backoffice/katalog/layanan_form.html", context)


@staff_required(role=ADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def katalog_layanan_baru(request: HttpRequest) -> HttpResponse:
    """A new service (its rows can be added on the same page)."""
    return _layanan_page(request, Layanan())


@staff_required(role=ADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def katalog_layanan_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a service: its data, documents, extra fields, output options, schedules."""
    return _layanan_page(request, get_object_or_404(Layanan, pk=pk))


@staff_required(role=ADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def katalog_layanan_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then delete a service that no request uses."""
    layanan = get_object_or_404(Layanan, pk=pk)
    if request.method == "POST":
        nama = layanan.nama
        try:
            layanan_hapus(actor=petugas(request), layanan=layanan)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("backoffice:katalog_layanan_ubah", pk=pk)
        messages.success(request, gettext("Layanan %(nama)s dihapus.") % {"nama": nama})
        return redirect("backoffice:katalog_index")
    return render(request, "backoffice/katalog/layanan_hapus.html", {"layanan": layanan})


@staff_required(role=ADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def katalog_hari_tutup(request: HttpRequest) -> HttpResponse:
    """Closure days from today on, and the form to add one."""
    form = HariTutupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        hari = hari_tutup_tambah(actor=petugas(request), form=form)
        messages.success(
            request,
            gettext("Hari tutup %(tanggal)s ditambahkan.")
            % {"tanggal": hari.tanggal.strftime("%d-%m-%Y")},
        )
        return redirect("backoffice:katalog_hari_tutup")
    page = keyset_page(
        hari_tutup_mendatang(timezone.localdate()),
        cursor=request.GET.get("kursor"),
        per_page=PER_PAGE,
        namespace="hari_tutup",
    )
    return render(request, "backoffice/katalog/hari_tutup.html", {"form": form, "page": page})


@staff_required(role=ADMIN)
@require_POST
def katalog_hari_tutup_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a closure day (the office is open again that day)."""
    hari = get_object_or_404(HariTutup, pk=pk)
    tanggal = hari.tanggal
    hari_tutup_hapus(actor=petugas(request), hari=hari)
    messages.success(
        request,
        gettext("Hari tutup %(tanggal)s dihapus.") % {"tanggal": tanggal.strftime("%d-%m-%Y")},
    )
    return redirect("backoffice:katalog_hari_tutup")
