"""The applicant's chat of a request (MSG-1): send a message, the polled message list.

The panel itself is rendered on the request's detail page by ``{% chat_panel %}``
(templatetags/chat_tags.py). Every view loads the request through
:func:`pengajuan_get_for_user`: anything not the applicant's in the current mode is a
404, for every method.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from sintren.accounts.decorators import active_pemohon, pemohon_required, request_pemohon
from sintren.accounts.modes import current_mode
from sintren.chat.forms import PesanForm
from sintren.chat.rules import chat_terbuka
from sintren.chat.selectors import pesan_for, pesan_terakhir_id
from sintren.chat.services import pesan_kirim, pesan_tandai_dibaca
from sintren.pengajuan.selectors import pengajuan_get_for_user

# htmx stops polling an element when the answer has this status, and swaps nothing
# on a 204.
HTMX_STOP_POLLING = 286
NOTHING_NEW = 204


def _detail_url(kode: str) -> str:
    return reverse("pengajuan:detail", kwargs={"kode": kode}) + "#chat"


def _polling_stops_when_logged_out(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """A poll after the session ended stops quietly instead of pasting the login page
    into the list; a normal request gets :func:`pemohon_required`'s answer."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.headers.get("HX-Request") and active_pemohon(request.user) is None:
            return HttpResponse(status=HTMX_STOP_POLLING)
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
@pemohon_required
@require_http_methods(["GET", "POST"])
def panel(request: HttpRequest, kode: str) -> HttpResponse:
    """POST *Kirim*: send a message, then back to the chat on the detail page.

    A GET leads to the chat panel of the detail page.
    """
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    if request.method == "POST":
        form = PesanForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError([e for errors in form.errors.values() for e in errors])
            pesan_kirim(
                actor=request_pemohon(request).user,
                pengajuan=pengajuan,
                isi=form.cleaned_data["isi"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Pesan terkirim."))
    return redirect(_detail_url(pengajuan.kode))


@never_cache
@_polling_stops_when_logged_out
@pemohon_required
@require_GET
def daftar(request: HttpRequest, kode: str) -> HttpResponse:
    """The message list alone, polled by the panel every 10 seconds (htmx).

    The poll sends ``terakhir``, the newest message id it shows; while that is still
    the newest, the answer is an empty 204 and the page keeps its list as it is.
    """
    pengajuan = pengajuan_get_for_user(request.user, kode, mode=current_mode(request))
    user = request_pemohon(request).user
    htmx = bool(request.headers.get("HX-Request"))
    terbuka = chat_terbuka(pengajuan.status)
    if htmx and terbuka and request.GET.get("terakhir") == str(pesan_terakhir_id(pengajuan)):
        return HttpResponse(status=NOTHING_NEW)
    daftar_pesan = pesan_for(pengajuan)
    belum_dibaca = {p.pk for p in daftar_pesan if p.dari_petugas and p.dibaca_pemohon_pada is None}
    pesan_tandai_dibaca(actor=user, pengajuan=pengajuan)
    status = 200 if terbuka or not htmx else HTMX_STOP_POLLING
    context = {"daftar_pesan": daftar_pesan, "belum_dibaca": belum_dibaca, "saya": user}
    return render(request, "chat/partials/daftar.html", context, status=status)
