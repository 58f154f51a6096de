"""Error pages of the whole site that need the request."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The 403 page of a form sent without a valid CSRF token, in Indonesian.

    Unlike Django's default view, it renders with the request: the page has the site's
    header and menu, a link back to the form, and a fresh token for the retry.
    ``reason`` is technical (English) and already logged by the CSRF middleware.
    """
    del reason
    form_url = request.path
    if not url_has_allowed_host_and_scheme(form_url, allowed_hosts={request.get_host()}):
        form_url = ""
    return render(request, "403_csrf.html", {"form_url": form_url}, status=403)
