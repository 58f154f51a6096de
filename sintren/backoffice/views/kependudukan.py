"""*Cek Data Kependudukan* on a request (X-10): the subject against the population register.

The request detail page includes ``kependudukan/partials/hasil.html`` (the button and,
after a check, the per-field table). The button POSTs here: with htmx the panel is
swapped for the answer; without JavaScript a small page shows the answer with a way
back to the request.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from sintren.backoffice.decorators import petugas, staff_required
from sintren.backoffice.selectors_pengajuan import pengajuan_get_for_staff
from sintren.kependudukan.register import KependudukanError
from sintren.kependudukan.services import cek_kependudukan

PARTIAL = "kependudukan/partials/hasil.html"


@staff_required
@require_POST
def cek_kependudukan_pengajuan(request: HttpRequest, kode: str) -> HttpResponse:
    """Check the request's subject; the answer as a panel (htmx) or a page."""
    pengajuan = pengajuan_get_for_staff(petugas(request), kode)
    context: dict[str, Any] = {"cek_pengajuan": pengajuan}
    try:
        context["kependudukan_hasil"] = cek_kependudukan(
            actor=petugas(request), pengajuan=pengajuan
        )
    except KependudukanError as exc:
        context["kependudukan_galat"] = exc.message
    if getattr(request, "htmx", False):
        return render(request, PARTIAL, context)
    return render(request, "kependudukan/hasil_pengajuan.html", context)
