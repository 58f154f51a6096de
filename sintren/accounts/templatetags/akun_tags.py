"""Template tags of the applicant's account: the current mode and the modes to switch to."""

from __future__ import annotations

from typing import Any

from django import template

from sintren.accounts.modes import Mode, current_mode, mode_pribadi, modes_for

register = template.Library()


@register.simple_tag(takes_context=True)
def mode_aktif(context: template.Context) -> Mode:
    """The request's current mode (ACC-7); personal when there is no request."""
    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return mode_pribadi()
    return current_mode(request)


@register.simple_tag(takes_context=True)
def mode_pilihan(context: template.Context) -> list[Mode]:
    """Every mode the logged-in applicant may switch to (personal first)."""
    request: Any = context.get("request")
    if request is None:
        return []
    return modes_for(request.user)
