"""The development outbox page (embedded default only; see ``dev_urls``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sintren.notifications.selectors import pesan_outbox

PER_PAGE = 50


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    """Every message the system produced, newest first, with clickable links."""
    page = Paginator(pesan_outbox(), PER_PAGE).get_page(request.GET.get("halaman"))
    response = render(request, "notifications/dev_outbox.html", {"page": page})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response
