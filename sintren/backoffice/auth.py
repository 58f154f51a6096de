"""Staff login state: the password step, the second factor and the finished login.

An admin is *not* logged in after the password: the session only remembers, for a few
minutes, who passed it (``PENDING_KEY``). ``login()`` happens after the TOTP code, and
the session then carries ``OTP_KEY`` (the verified user's id), which every back-office
page and the Django admin require of admins. A verifikator is logged in after the
password (the demo ``verifikator`` needs no second factor).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model, login
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from sintren.accounts.backends import BACKEND
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.net import safe_next as net_safe_next
from sintren.core.sessions import session_start

PENDING_KEY = "_bo_pending"
OTP_KEY = "_bo_otp_user"
PENDING_SECONDS = 5 * 60
MODEL_BACKEND = BACKEND


def is_admin(user: Any) -> bool:
    """Whether the user is a logged-in, active back-office admin."""
    return bool(
        getattr(user, "is_authenticated", False) and user.is_active and user.role == user.Role.ADMIN
    )


def is_staff_member(user: Any) -> bool:
    """Whether the user is a logged-in, active member of the staff (any role)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_petugas", False)
    )


def needs_second_factor(user: Any) -> bool:
    """Admins need a second factor; verifikators do not."""
    return bool(user.role == user.Role.ADMIN)


def otp_verified(request: HttpRequest) -> bool:
    """Whether the logged-in user passed the second factor in this session."""
    user = request.user
    return bool(user.is_authenticated and request.session.get(OTP_KEY) == user.pk)


def staff_session_ok(request: HttpRequest) -> bool:
    """Whether the request may use the back office at all (any role)."""
    user = request.user
    if not is_staff_member(user):
        return False
    return not needs_second_factor(user) or otp_verified(request)


def safe_next(request: HttpRequest, candidate: str | None) -> str:
    """``candidate`` if it is a safe local path, else the dashboard."""
    return net_safe_next(request, candidate, reverse("backoffice:dashboard"))


def pending_set(request: HttpRequest, user: Any, next_url: str) -> None:
    """Remember that ``user`` passed the password step (for a few minutes)."""
    request.session[PENDING_KEY] = {
        "uid": user.pk,
        "at": int(timezone.now().timestamp()),
        "next": next_url,
    }


def pending_user(request: HttpRequest) -> Any | None:
    """The admin waiting for the second factor in this session, or ``None``.

    An admin who is logged in without the second factor (a session from elsewhere)
    counts as waiting too.
    """
    if is_admin(request.user) and not otp_verified(request):
        if PENDING_KEY not in request.session:
            pending_set(request, request.user, "")
        return request.user
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    age = int(timezone.now().timestamp()) - int(pending.get("at", 0))
    if age > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    uid = pending.get("uid")
    if not isinstance(uid, int):
        return None
    user = get_user_model().objects.filter(pk=uid, is_active=True).first()
    if user is None or not needs_second_factor(user):
        return None
    return user


def pending_next(request: HttpRequest) -> str:
    """Where to go after the second factor."""
    pending = request.session.get(PENDING_KEY) or {}
    return safe_next(request, pending.get("next") if isinstance(pending, dict) else None)


def staff_login_complete(
    request: HttpRequest, user: Any, *, second_factor: bool, next_url: str
) -> str:
    """Log the staff member in, start the session policy, audit; return where to go."""
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=MODEL_BACKEND)
    session_start(request)
    if second_factor:
        request.session[OTP_KEY] = user.pk
    audit_log(
        actor=user,
        action=AuditAction.PETUGAS_LOGIN,
        target=user,
        summary="Login petugas" + (" dengan kode autentikator" if second_factor else ""),
        request=request,
    )
    return safe_next(request, next_url)
