"""The *Data Dukung* panel's data for the request detail page (DOC-1)."""

from __future__ import annotations

from django import template

from sintren.documents.selectors import BarisDokumen, panel_rows
from sintren.pengajuan.models import Pengajuan

register = template.Library()


@register.simple_tag
def datadukung_rows(pengajuan: Pengajuan) -> list[BarisDokumen]:
    """``{% datadukung_rows pengajuan as rows %}``: the service's documents and files."""
    return panel_rows(pengajuan)
