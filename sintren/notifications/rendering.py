"""Rendering of message templates (Django template syntax, plain text, no escaping)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import translation

from sintren.notifications.defaults import DEFAULTS_BY_KEY
from sintren.notifications.models import TemplatPesan
from sintren.notifications.utils import absolute_url, is_link_key

logger = logging.getLogger(__name__)

# Messages are plain text: HTML escaping would turn "&" in links into "&amp;".
_ENGINE = Engine(autoescape=False)


@dataclass(frozen=True)
class Rendered:
    """A rendered message text."""

    subject: str
    body: str


def compile_check(source: str) -> None:
    """Raise ``TemplateSyntaxError`` when ``source`` is not a valid template."""
    _ENGINE.from_string(source)


def base_context() -> dict[str, Any]:
    """Variables every template may use."""
    office = settings.SINTREN
    return {
        "app_name": office["APP_NAME"],
        "office_name": office["OFFICE_NAME"],
        "region_name": office["REGION_NAME"],
        "call_center": office["CALL_CENTER_WA"],
        "site_url": settings.SITE_URL,
    }


def prepare_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """Merge the base variables and make every link (``*_url``, ``*link``) absolute."""
    merged = base_context()
    for key, value in context.items():
        is_link = is_link_key(key) and isinstance(value, str) and value
        merged[key] = absolute_url(value) if is_link else value
    return merged


def _render_source(subject: str, body: str, context: dict[str, Any]) -> Rendered:
    ctx = Context(context, autoescape=False)
    # Dates and numbers are formatted the Indonesian way whatever the caller's language.
    with translation.override(settings.LANGUAGE_CODE):
        rendered_subject = _ENGINE.from_string(subject).render(ctx) if subject else ""
        body_text = _ENGINE.from_string(body).render(ctx).strip()
    return Rendered(subject=" ".join(rendered_subject.split())[:200], body=body_text)


def render_event(key: str, channel: str, context: dict[str, Any]) -> Rendered | None:
    """Render ``key`` on ``channel``: the admins' text, else the built-in one.

    ``None`` when the event has no text on that channel or the admins switched it off.
    A broken admin text falls back to the built-in one rather than failing the event.
    """
    row = TemplatPesan.objects.filter(key=key, channel=channel).first()
    default = DEFAULTS_BY_KEY.get((key, channel))
    if row is not None and not row.aktif:
        return None
    if row is not None:
        try:
            return _render_source(row.subject, row.body, context)
        except TemplateSyntaxError:
            logger.exception("TemplatPesan %s is invalid; using the built-in text", row.pk)
    if default is None:
        return None
    return _render_source(default.subject, default.body, context)
