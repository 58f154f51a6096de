"""Template tags of the requests: the home card's request action (REQ-2, X-4).

The public home page loads :func:`pengajuan_aksi` in each service card. For anyone but
a logged-in active applicant it renders nothing and reads nothing (the anonymous home
stays the same for everybody); for an applicant the availability of every service is
computed once per request, in a fixed number of queries.
"""

from __future__ import annotations

from typing import Any

from django import template

from sintren.accounts.decorators import active_pemohon
from sintren.accounts.models import User
from sintren.accounts.modes import current_mode
from sintren.catalog.models import Layanan
from sintren.core.masking import mask_nik
from sintren.pengajuan.availability import MODE, Ketersediaan
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.selectors import ketersediaan_menu
from sintren.pengajuan.workflow import allowed_next

register = template.Library()

_MEMO_ATTR = "_sintren_ketersediaan"


def _ketersediaan_map(request: Any) -> dict[int, Ketersediaan]:
    found: dict[int, Ketersediaan] | None = getattr(request, _MEMO_ATTR, None)
    if found is None:
        grup = current_mode(request).grup
        menu = ketersediaan_menu(  # every active service, also the group-only ones
            mode_grup=grup is not None, semua=True, grup_id=grup.pk if grup else None
        )
        found = {item.pk: status for item, status in menu}
        setattr(request, _MEMO_ATTR, found)
    return found


@register.inclusion_tag("pengajuan/partials/layanan_aksi.html", takes_context=True)
def pengajuan_aksi(context: template.Context, layanan: Layanan) -> dict[str, Any]:
    """*Baru* or *Pengajuan Permohonan belum tersedia* for a logged-in applicant."""
    request = context.get("request")
    if request is None or active_pemohon(getattr(request, "user", None)) is None:
        return {"tampil": False}
    status = _ketersediaan_map(request).get(layanan.pk)
    if status is None or status.sebab == MODE:
        return {"tampil": False}  # not this mode's service: the card says who it is for
    return {"tampil": True, "layanan": layanan, "ketersediaan": status}


@register.filter
def bisa_dihapus(status: str) -> bool:
    """Whether the applicant may delete a request in ``status`` (the workflow table)."""
    return StatusPengajuan.DIHAPUS in allowed_next(status, User.Role.PEMOHON)


@register.filter
def nik_samar(value: object) -> str:
    """A NIK with its middle hidden, e.g. ``332607******0001`` (lists)."""
    return mask_nik(str(value or ""))
