"""Session lifetime (SEC-2): 30 minutes idle, 12 hours in all, from the login time.

Call :func:`session_start` right after ``django.contrib.auth.login()`` (which already
gives the session a new key), or :func:`session_login` for both in one transaction.
:class:`SessionPolicyMiddleware` then ends the session after
``settings.SESSION_IDLE_SECONDS`` without a request, or ``settings.SESSION_COOKIE_AGE``
after login, and sends the person to the login page with a message, coming back to the
page they asked for afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext

LOGIN_AT_KEY = "_sintren_login_at"
SEEN_AT_KEY = "_sintren_seen_at"
# Write the "last seen" time at most once a minute, not on every request.
SEEN_RESOLUTION_SECONDS = 60


def _now() -> int:
    return int(timezone.now().timestamp())


def session_login(request: HttpRequest, user: Any, *, backend: str) -> None:
    """``django.contrib.auth.login()`` and :func:`session_start`, writing the last-login time
    and the new session row in one transaction (one commit instead of two)."""
    with transaction.atomic():
        login(request, user, backend=backend)
        session_start(request)
        request.session.save()


def session_start(request: HttpRequest) -> None:
    """Mark the login time; call it right after ``login(request, user)``."""
    now = _now()
    request.session[LOGIN_AT_KEY] = now
    request.session[SEEN_AT_KEY] = now


def session_expired(request: HttpRequest) -> bool:
    """Whether the logged-in session is past its idle or absolute limit."""
    login_at = request.session.get(LOGIN_AT_KEY)
    seen_at = request.session.get(SEEN_AT_KEY, login_at)
    if not isinstance(login_at, int) or not isinstance(seen_at, int):
        return False
    now = _now()
    return (
        now - seen_at > settings.SESSION_IDLE_SECONDS
        or now - login_at > settings.SESSION_COOKIE_AGE
    )


def _login_url(staff: bool) -> str:
    """The login page for this kind of user: staff have the back office's own."""
    candidates = [settings.LOGIN_URL]
    if staff:
        candidates.insert(0, getattr(settings, "STAFF_LOGIN_URL", "backoffice:login"))
    for candidate in candidates:
        try:
            return resolve_url(candidate)
        except NoReverseMatch:
            continue
    return "/"


class SessionPolicyMiddleware:
    """End sessions that were idle too long or are older than the absolute limit.

    Goes after ``AuthenticationMiddleware``. Requests without a session cookie are
    left alone, so anonymous visitors never get a session from this middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            if LOGIN_AT_KEY not in request.session:
                # Logged in without session_start (e.g. the admin's login page).
                session_start(request)
            elif session_expired(request):
                return self._expire(request)
            elif _now() - request.session.get(SEEN_AT_KEY, 0) >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_AT_KEY] = _now()
        return self.get_response(request)

    def _expire(self, request: HttpRequest) -> HttpResponse:
        staff = bool(
            getattr(request.user, "is_petugas", False) or getattr(request.user, "is_staff", False)
        )
        logout(request)
        messages.warning(request, gettext("Sesi Anda telah berakhir. Silakan login kembali."))
        login_url = _login_url(staff)
        next_url = request.get_full_path() if request.method == "GET" else request.path
        if request.headers.get("HX-Request") == "true":
            response = HttpResponse(status=204)
            response["HX-Redirect"] = redirect_to_login(next_url, login_url)["Location"]
            return response
        return redirect_to_login(next_url, login_url)
