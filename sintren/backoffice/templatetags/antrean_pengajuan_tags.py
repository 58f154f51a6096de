"""Rows of the staff's request queue (BO-3, X-1), built in one pass of Python.

As the registration queue's rows (``antrean_tags``): labels, the URL pattern and the
status names are looked up once per page, each row is one string format with every
value escaped by :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from sintren.backoffice.selectors_pengajuan import terlambat
from sintren.core.waktu import umur
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan

register = template.Library()

_KODE_SLOT = "KODESLOT0"  # any code: replaced by each row's own in the reversed URL
_ROW = (
    '<tr{cls}><td data-label="{l_kode}"><a href="{head}{kode_url}{tail}" class="bo-mono">{kode}</a>'
    "{pesan}{unduh}</td>"
    '<td data-label="{l_layanan}">{layanan}</td>'
    '<td data-label="{l_nama}">{nama}</td>'
    '<td data-label="{l_status}"><span class="bo-status bo-status-{status}">{label}</span></td>'
    '<td data-label="{l_dikirim}">{dikirim}<br><span class="meta">{umur}</span></td>'
    '<td data-label="{l_tempo}">{tempo}{badge}</td>'
    '<td data-label="{l_petugas}">{petugas}</td></tr>'
)
_PESAN = ' <span class="badge bo-pesan-baru">{}</span>'


def _tanggal(value: datetime) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H.%M")


def _tempo(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value is not None else "–"


@register.simple_tag
def pengajuan_rows(
    page: Iterable[Pengajuan],
    belum_dibaca: Mapping[int, int],
    hari_ini: date,
) -> SafeString:
    """The queue's ``<tr>`` rows for ``page`` (``pengajuan_list.html``): code with the
    unread-message count and *Minta unduh ulang* (X-8, the queue's
    ``minta_unduh_ulang`` column), service, subject, status, sent
    (and how long ago), due date with *Terlambat*, and the staff member handling it."""
    url = reverse("backoffice:pengajuan_detail", args=[_KODE_SLOT])
    head, tail = (html.escape(part) for part in url.split(_KODE_SLOT, 1))
    common = {
        "l_kode": html.escape(gettext("Kode")),
        "l_layanan": html.escape(gettext("Layanan")),
        "l_nama": html.escape(gettext("Nama Subjek")),
        "l_status": html.escape(gettext("Status")),
        "l_dikirim": html.escape(gettext("Dikirim")),
        "l_tempo": html.escape(gettext("Jatuh Tempo")),
        "l_petugas": html.escape(gettext("Petugas")),
        "head": head,
        "tail": tail,
    }
    labels = {value: html.escape(str(label)) for value, label in StatusPengajuan.choices}
    badge = ' <span class="bo-status bo-terlambat">{}</span>'.format(
        html.escape(gettext("Terlambat"))
    )
    belum = html.escape(gettext("pesan baru"))
    unduh = _PESAN.format(html.escape(gettext("Minta unduh ulang")))
    kosong = html.escape(gettext("belum diambil"))
    now = timezone.now()
    out = []
    for p in page:
        late = terlambat(p, hari_ini)
        jumlah = belum_dibaca.get(p.pk, 0)
        petugas = p.petugas
        out.append(
            _ROW.format(
                **common,
                cls=' class="bo-baris-terlambat"' if late else "",
                kode_url=html.escape(p.kode),
                kode=html.escape(p.kode),
                pesan=_PESAN.format(f"{jumlah} {belum}") if jumlah else "",
                unduh=unduh if getattr(p, "minta_unduh_ulang", False) else "",
                layanan=html.escape(p.layanan.nama),
                nama=html.escape(p.subjek_nama),
                status=html.escape(p.status),
                label=labels.get(p.status) or html.escape(p.status),
                dikirim=_tanggal(p.dikirim_pada) if p.dikirim_pada else "–",
                umur=umur(p.dikirim_pada, now) if p.dikirim_pada else "",
                tempo=_tempo(p.jatuh_tempo),
                badge=badge if late else "",
                petugas=html.escape(petugas.get_full_name() or petugas.get_username())
                if petugas is not None
                else f'<span class="meta">{kosong}</span>',
            )
        )
    if out:
        return mark_safe("\n".join(out))  # noqa: S308 - every value above is escaped
    return format_html('<tr><td colspan="7">{}</td></tr>', gettext("Tidak ada pengajuan."))
