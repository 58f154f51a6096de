"""``{% penilaian_panel pengajuan %}``: the rating panel of a request's detail page (X-9).

Shows the stars form while the logged-in applicant may rate the request, the rating
once it is given, and nothing at all before the request is *Selesai* or to anyone else
(the detail view has already checked the request through ``pengajuan_get_for_user``).
"""

from __future__ import annotations

from typing import Any

from django import template

from sintren.pengajuan.forms_penilaian import PenilaianForm
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.penilaian import (
    ARTI_NILAI,
    BELUM_SELESAI,
    BUKAN_PEMILIK,
    penilaian_for,
    penilaian_hambatan,
)

register = template.Library()


@register.inclusion_tag("pengajuan/partials/penilaian_isi.html", takes_context=True)
def penilaian_panel(context: template.Context, pengajuan: Pengajuan) -> dict[str, Any]:
    """The rating panel of ``pengajuan`` for the logged-in applicant."""
    request = context.get("request")
    hambatan = penilaian_hambatan(getattr(request, "user", None), pengajuan)
    if hambatan is not None and hambatan[0] in {BUKAN_PEMILIK, BELUM_SELESAI}:
        return {"tampil": False}
    penilaian = penilaian_for(pengajuan) if hambatan is not None else None
    return {
        "tampil": True,
        "pengajuan": pengajuan,
        "penilaian": penilaian,
        "arti": ARTI_NILAI.get(penilaian.nilai, "") if penilaian else "",
        "bintang": range(1, 6),
        "form": PenilaianForm() if penilaian is None else None,
        "csrf_token": context.get("csrf_token"),
    }
