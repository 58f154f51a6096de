"""``{% dokumen_jadi_panel pengajuan %}``: the *Pilihan Dokumen Jadi* panel of a request's
detail page (OUT-2, X-8), so the request pages need no code of their own for it. The
detail view has already checked the request through ``pengajuan_get_for_user``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from sintren.keluaran.choices import KeadaanDokumen
from sintren.keluaran.selectors import dokumen_of
from sintren.pengajuan.models import Pengajuan

register = template.Library()


@register.inclusion_tag("keluaran/partials/panel_isi.html")
def dokumen_jadi_panel(pengajuan: Pengajuan) -> dict[str, Any]:
    """The issued documents of ``pengajuan`` with what the applicant can do with each."""
    now = timezone.now()
    rows = [
        {"dokumen": d, "keadaan": d.keadaan(now)}
        for d in dokumen_of(pengajuan, terbit_saja=True)
        if d.keadaan(now) != KeadaanDokumen.DIGANTIKAN
    ]
    return {"pengajuan": pengajuan, "rows": rows, "K": KeadaanDokumen}
