"""The audit log (BO-1: every staff action is audited; BO-6: who saw or changed what).

Every service that writes calls :func:`audit_log` inside its transaction, so the event
commits or rolls back with the change it describes::

    audit_log(actor=petugas, action="pendaftaran.setujui", target=pemohon,
              summary="Pendaftaran disetujui", request=request)

``action`` is a short dotted code (``<noun>.<verb>``). ``summary`` and ``details`` must
not carry personal data (NIK, KK, names): name the object by ``target`` instead. As a
safety net, any run of 16 digits (the shape of a NIK or KK number) is masked.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.http import HttpRequest

from sintren.core.choices import AuditAction
from sintren.core.context import current_context
from sintren.core.models import AuditEvent
from sintren.core.net import UNKNOWN_ADDRESS, client_ip

SYSTEM_LABEL = "sistem"
_SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
MASK = "[disamarkan]"


def _mask(value: Any) -> Any:
    """Mask NIK/KK-shaped numbers in strings, recursively in lists and dicts."""
    if isinstance(value, str):
        return _SIXTEEN_DIGITS.sub(MASK, value)
    if isinstance(value, dict):
        return {str(key): _mask(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(item) for item in value]
    if isinstance(value, int) and not isinstance(value, bool) and len(str(abs(value))) == 16:
        return MASK
    return value


def actor_label_for(actor: Any) -> str:
    """How the actor is named in the log: staff by username, applicants by id only."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return SYSTEM_LABEL
    if getattr(actor, "is_petugas", False) or getattr(actor, "is_staff", False):
        return str(actor.get_username())[:150]
    return f"pemohon#{actor.pk}"


def _target_ref(target: models.Model | None) -> tuple[str, str]:
    if target is None:
        return "", ""
    meta = target._meta
    return f"{meta.app_label}.{meta.model_name}", str(target.pk)[:64]


def audit_log(
    *,
    actor: Any,
    action: AuditAction | str,
    target: models.Model | None = None,
    summary: str = "",
    request: HttpRequest | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one audited action and return the stored event.

    ``actor`` is a user (or ``None``/anonymous for the system). The client address
    comes from ``request`` when given, else from the request being served
    (:func:`sintren.core.context.current_context`).
    """
    action = AuditAction(action)  # an unknown action is an error (ValueError)
    target_type, target_id = _target_ref(target)
    ip = client_ip(request) if request is not None else current_context().ip
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=actor_label_for(actor),
        action=action[:64],
        target_type=target_type,
        target_id=target_id,
        summary=_mask(summary)[:500],
        ip=None if ip in (None, UNKNOWN_ADDRESS) else ip,
        details=_mask(details or {}),
    )
