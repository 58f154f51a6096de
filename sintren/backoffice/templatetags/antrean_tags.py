"""Rows of the back-office queues, built in one pass of Python.

A queue page shows 50 rows; through the template language each row cost about 0.2 ms
(a ``{% url %}``, a ``|date``, a ``|timesince`` and a dozen variable lookups), most of
the page's time at a million applicants (bench/REPORT-queue.md). Here the labels, the
URL pattern and the status names are looked up once per page and each row is one
string format with the values escaped by :func:`html.escape` (``format_html`` and
``conditional_escape`` cost more than the rest of the row). The markup is the one the
template wrote (tested).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from sintren.accounts.models import Pemohon
from sintren.core.waktu import umur

register = template.Library()

_PK_SLOT = 987654321  # any pk: replaced by each row's own in the reversed URL
_ROW = (
    '<tr><td data-label="{l_tanggal}">{tanggal}</td>'
    '<td data-label="{l_nama}"><a href="{head}{pk}{tail}">{nama}</a></td>'
    '<td data-label="NIK" class="bo-mono">{nik}</td>'
    '<td data-label="{l_desa}">{desa}</td>'
    '<td data-label="{l_status}"><span class="bo-status bo-status-{status}">{label}</span></td>'
    '<td data-label="{l_umur}">{umur}</td></tr>'
)


def _tanggal(value: datetime) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H.%M")


@register.simple_tag
def pendaftaran_rows(page: Iterable[Pemohon]) -> SafeString:
    """The registration queue's ``<tr>`` rows for ``page`` (``pendaftaran_list.html``)."""
    url = reverse("backoffice:pendaftaran_detail", args=[_PK_SLOT])
    head, tail = (html.escape(part) for part in url.split(str(_PK_SLOT), 1))
    common = {
        "l_tanggal": html.escape(gettext("Tanggal")),
        "l_nama": html.escape(gettext("Nama")),
        "l_desa": html.escape(gettext("Desa/Kelurahan")),
        "l_status": html.escape(gettext("Status")),
        "l_umur": html.escape(gettext("Umur")),
        "head": head,
        "tail": tail,
    }
    labels = {value: html.escape(str(label)) for value, label in Pemohon.Status.choices}
    now = timezone.now()
    rows = "\n".join(
        _ROW.format(
            **common,
            tanggal=_tanggal(p.dibuat),
            pk=int(p.pk),
            nama=html.escape(p.nama_lengkap),
            nik=html.escape(p.nik),
            desa=html.escape(p.wilayah.name),
            status=html.escape(p.status),
            label=labels.get(p.status) or html.escape(p.status),
            umur=umur(p.diperbarui, now),
        )
        for p in page
    )
    if rows:
        return mark_safe(rows)  # noqa: S308 - every value above is escaped
    return format_html('<tr><td colspan="6">{}</td></tr>', gettext("Tidak ada pendaftaran."))
