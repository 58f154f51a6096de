"""The Django admin (``/admin/``) behind the back office's login and second factor.

The admin's own login form (password only) is replaced by a redirect to the
back-office login, and its views require an active admin whose session passed the
TOTP second factor, so ``/admin/`` never has a login without a second factor.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sintren.backoffice import auth


def admin_has_permission(request: HttpRequest) -> bool:
    """Only admins (role ``admin``, ``is_staff``) whose session passed the second factor."""
    user = request.user
    return bool(auth.is_admin(user) and user.is_staff and auth.otp_verified(request))


def admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    """Send the admin's login to the back-office login, keeping ``next``.

    Staff already logged in without the admin role get a 403 page (sending them to
    the login page would bring them straight back here).
    """
    del extra_context
    if auth.staff_session_ok(request) and not admin_has_permission(request):
        return render(request, "backoffice/403.html", status=403)
    next_url = request.GET.get("next") or reverse("admin:index")
    return redirect_to_login(next_url, reverse("backoffice:login"))


def protect_admin_site(site: admin.AdminSite | None = None) -> None:
    """Install the protection on ``site`` (the default admin site)."""
    site = site or admin.site
    site.has_permission = admin_has_permission  # type: ignore[method-assign]
    site.login = admin_login  # type: ignore[method-assign]
