"""Template tags of the public site: the main menu and service icons."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static

from sintren.public.icons import ikon_name
from sintren.public.menu import menu_items

register = template.Library()


@register.inclusion_tag("partials/nav.html", takes_context=True)
def main_menu(context: dict[str, Any]) -> dict[str, Any]:
    """Render the main menu for the request in the context."""
    request = context.get("request")
    return {"items": menu_items(request) if request is not None else []}


@register.simple_tag
def ikon_url(name: str) -> str:
    """URL of a service icon, falling back to the generic document icon."""
    return static(f"img/ikon/{ikon_name(name)}.svg")
