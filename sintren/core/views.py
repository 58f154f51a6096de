"""Error pages of the whole site that need the request."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sintren.core.net import safe_next


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The 403 page of a form sent without a valid CSRF token, in Indonesian.

    Unlike Django's default view, it renders with the request: the page has the site's
    header and menu, a link back to the form, and a fresh token for the retry.
    ``reason`` is technical (English) and already logged by the CSRF middleware.
    """
    del reason
    form_url = safe_next(request, request.path, "")
    return render(request, "403_csrf.html", {"form_url": form_url}, status=403)
