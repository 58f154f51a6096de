"""Access to the back office: ``staff_required`` on every back-office view.

- anonymous → the back-office login page with ``?next=``;
- anyone who is not staff (an applicant) → the back-office login page with a message,
  never the page;
- an admin who has not passed the second factor in this session → the code step;
- a staff member without the required role → a 403 page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, overload

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from sintren.accounts.models import User
from sintren.backoffice import auth

View = Callable[..., HttpResponse]


def _refuse(request: HttpRequest, role: str | None) -> HttpResponse | None:
    """The response that replaces the view, or ``None`` when access is allowed."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
    if not auth.is_staff_member(user):
        messages.error(
            request,
            gettext("Halaman ini khusus petugas Dinas. Silakan login dengan akun petugas."),
        )
        return redirect("backoffice:login")
    if auth.needs_second_factor(user) and not auth.otp_verified(request):
        auth.pending_set(request, user, request.get_full_path())
        return redirect("backoffice:login_otp")
    if role is not None and user.role != role:
        return render(request, "backoffice/403.html", status=403)
    return None


def petugas(request: HttpRequest) -> User:
    """The staff member of a request that passed ``staff_required``."""
    user = request.user
    assert isinstance(user, User)
    return user


@overload
def staff_required(view: View, *, role: str | None = None) -> View: ...
@overload
def staff_required(view: None = None, *, role: str | None = None) -> Callable[[View], View]: ...


def staff_required(view: View | None = None, *, role: str | None = None) -> Any:
    """Protect a back-office view; ``role`` (``"admin"``/``"verifikator"``) narrows it.

    Use as ``@staff_required`` or ``@staff_required(role="admin")``.
    """

    def decorate(func: View) -> View:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refusal = _refuse(request, role)
            if refusal is not None:
                return refusal
            return func(request, *args, **kwargs)

        wrapper.staff_required = True  # type: ignore[attr-defined]
        return wrapper

    return decorate(view) if view is not None else decorate
