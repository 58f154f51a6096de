"""The development outbox page (embedded default only; see ``dev_urls``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sintren.notifications.delivery import compose
from sintren.notifications.models import Notifikasi
from sintren.notifications.selectors import pesan_outbox

PER_PAGE = 50


@dataclass(frozen=True)
class Diterima:
    """One message as the recipient gets it."""

    pesan: Notifikasi
    subject: str
    body: str


def _received(pesan: Notifikasi) -> Diterima:
    delivered_body = getattr(pesan, "dev_body", None)
    if delivered_body is not None:
        return Diterima(pesan, getattr(pesan, "dev_subject", None) or "", delivered_body)
    shown = compose(pesan)
    return Diterima(pesan, shown.subject, shown.body)


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    """Every message the system produced, newest first, with clickable links.

    This page stands in for the citizen's phone and mailbox, so it shows the real text
    with the links and codes: as delivered (``KotakDev``), or for a message still
    waiting, as it will be delivered. Staff pages show only the placeholders.
    """
    page = Paginator(pesan_outbox(), PER_PAGE).get_page(request.GET.get("halaman"))
    items = [_received(pesan) for pesan in page.object_list]
    response = render(request, "notifications/dev_outbox.html", {"page": page, "items": items})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response
