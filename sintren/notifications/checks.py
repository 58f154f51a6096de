"""System checks: a live installation needs a WhatsApp gateway URL."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.checks import CheckMessage, register


@register()
def check_whatsapp_gateway(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when messages are sent for real but no WhatsApp gateway is configured."""
    if settings.NOTIFICATION_BACKEND == "live" and not settings.WHATSAPP_API_URL:
        return [
            checks.Warning(
                "NOTIFICATION_BACKEND is 'live' but WHATSAPP_API_URL is empty: "
                "WhatsApp messages will fail and be retried.",
                id="notifications.W001",
            )
        ]
    return []
