"""Template tags of the chat (MSG-1): the chat panel of a request's detail page.

``{% chat_panel pengajuan %}`` renders the thread, the form and the polling hook, and
marks the staff's messages as seen by the applicant, so the request pages need no chat
code of their own. It renders nothing for anyone but a logged-in active applicant (the
detail page's view has already checked the request through ``pengajuan_get_for_user``).

``{% chat_belum_dibaca item page %}`` is the unread badge of a request list's row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from sintren.accounts.decorators import active_pemohon
from sintren.chat.forms import PesanForm
from sintren.chat.rules import chat_ditutup, chat_terbuka
from sintren.chat.selectors import pesan_belum_dibaca_count, pesan_for
from sintren.chat.services import pesan_tandai_dibaca
from sintren.pengajuan.models import Pengajuan

register = template.Library()


@register.inclusion_tag("chat/partials/panel_isi.html", takes_context=True)
def chat_panel(context: template.Context, pengajuan: Pengajuan) -> dict[str, Any]:
    """The chat panel of ``pengajuan`` for the logged-in applicant."""
    request = context.get("request")
    pemohon = active_pemohon(getattr(request, "user", None))
    if pemohon is None:
        return {"tampil": False}
    user = pemohon.user
    daftar_pesan = pesan_for(pengajuan)
    belum_dibaca = {p.pk for p in daftar_pesan if p.dari_petugas and p.dibaca_pemohon_pada is None}
    if belum_dibaca:
        pesan_tandai_dibaca(actor=user, pengajuan=pengajuan)
    return {
        "tampil": True,
        "pengajuan": pengajuan,
        "daftar_pesan": daftar_pesan,
        "belum_dibaca": belum_dibaca,
        "saya": user,
        "terbuka": chat_terbuka(pengajuan.status),
        "ditutup": chat_ditutup(pengajuan.status),
        "form": PesanForm(),
    }


_MEMO_ATTR = "_sintren_chat_belum_dibaca"


@register.inclusion_tag("chat/partials/belum_dibaca.html", takes_context=True)
def chat_belum_dibaca(
    context: template.Context, pengajuan: Pengajuan, rows: Iterable[Pengajuan]
) -> dict[str, Any]:
    """The unread-messages badge of one row of a request list.

    ``rows`` are the list's rows (the page): their counts are read in one query for the
    whole page, the first time a row asks, and kept on the request.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    counts: dict[int, int] | None = getattr(request, _MEMO_ATTR, None)
    if counts is None:
        counts = pesan_belum_dibaca_count(user, [row.pk for row in rows])
        if request is not None:
            setattr(request, _MEMO_ATTR, counts)
    return {"jumlah": counts.get(pengajuan.pk, 0), "pengajuan": pengajuan}
