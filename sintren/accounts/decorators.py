"""View decorators of the applicant area."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse

if TYPE_CHECKING:
    from sintren.accounts.models import Pemohon


def active_pemohon(user: Any) -> Any | None:
    """The user's ``Pemohon`` when the user is an applicant who may log in, else ``None``."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_pemohon", False):
        return None
    # A user without a profile raises RelatedObjectDoesNotExist, an AttributeError.
    pemohon = getattr(user, "pemohon", None)
    if pemohon is None or not pemohon.is_aktif:
        return None
    return pemohon


def request_pemohon(request: HttpRequest) -> Pemohon:
    """The logged-in applicant of a view behind :func:`pemohon_required`."""
    return cast("Pemohon", request.user.pemohon)  # type: ignore[union-attr]


def pemohon_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Allow only a logged-in applicant whose account is active (``Pemohon.status`` AKTIF).

    Anonymous visitors go to the login page with ``?next=``; a logged-in staff member or
    an applicant who may not log in (any longer) gets a 404, which reveals nothing.
    The view may use ``request.user.pemohon``.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if active_pemohon(request.user) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
