"""The report page and its CSV export (BO-5).

Every staff member sees the report page (aggregate figures, no personal data) for the
services they handle; the CSV export lists requests one by one and is for admins only
(SEC-3), audited by its service.
"""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sintren.accounts.models import User
from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.forms_laporan import LaporanFilterForm
from sintren.backoffice.grafik import grafik_laporan
from sintren.backoffice.selectors_laporan import (
    Lingkup,
    Periode,
    hari_ini,
    laporan_ringkas,
    layanan_pilihan,
    lingkup_gabung,
)
from sintren.backoffice.selectors_pengajuan import layanan_ids_for
from sintren.backoffice.services_laporan import laporan_ekspor

FILTER_PARAMS = ("dari", "sampai", "layanan")


def _filter(request: HttpRequest) -> tuple[LaporanFilterForm, Lingkup]:
    """The bound filter form and the staff member's scope."""
    lingkup = layanan_ids_for(petugas(request))
    data = {key: request.GET[key] for key in FILTER_PARAMS if key in request.GET}
    form = LaporanFilterForm(data, layanan=layanan_pilihan(lingkup), hari_ini=hari_ini())
    return form, lingkup


def _query(form: LaporanFilterForm) -> str:
    periode: Periode = form.cleaned_data["periode"]
    params: dict[str, Any] = {"dari": periode.dari, "sampai": periode.sampai}
    if form.cleaned_data.get("layanan"):
        params["layanan"] = form.cleaned_data["layanan"]
    return urlencode(params)


@staff_required
@require_GET
def laporan_view(request: HttpRequest) -> HttpResponse:
    """*Laporan*: the dashboard's figures for a chosen period and service, as tables."""
    form, lingkup = _filter(request)
    context: dict[str, Any] = {
        "form": form,
        "boleh_ekspor": petugas(request).role == User.Role.ADMIN,
    }
    if form.is_valid():
        laporan = laporan_ringkas(
            periode=form.cleaned_data["periode"],
            lingkup=lingkup_gabung(lingkup, form.cleaned_data.get("layanan")),
        )
        context.update(laporan=laporan, query=_query(form), **grafik_laporan(laporan))
    return render(request, "backoffice/laporan.html", context)


@staff_required(role=User.Role.ADMIN)
@require_GET
def laporan_csv(request: HttpRequest) -> HttpResponse:
    """The report's requests as a CSV file, streamed (admins only, audited)."""
    form, lingkup = _filter(request)
    if not form.is_valid():
        query = urlencode({k: request.GET[k] for k in FILTER_PARAMS if k in request.GET})
        return redirect(reverse("backoffice:laporan") + (f"?{query}" if query else ""))
    periode: Periode = form.cleaned_data["periode"]
    layanan_id = form.cleaned_data.get("layanan")
    lines = laporan_ekspor(
        actor=petugas(request),
        periode=periode,
        lingkup=lingkup_gabung(lingkup, layanan_id),
        layanan_id=layanan_id,
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    nama = f"laporan-pengajuan-{periode.dari:%Y%m%d}-{periode.sampai:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    # ``staff_required`` is typed for HttpResponse; Django serves any response.
    return cast(HttpResponse, response)
