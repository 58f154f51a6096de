"""TOTP second factor of the staff (RFC 6238 through ``pyotp``) and its QR code.

A code is accepted for the current 30-second step and one step either side (clock
drift). The device remembers the step of the last accepted code and only a *later*
step is accepted afterwards, claimed with a conditional ``UPDATE`` so two requests
racing with the same code cannot both win.
"""

from __future__ import annotations

import hmac
import time
from typing import Any

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db.models import Q

from sintren.backoffice.models import PerangkatTotp

STEP_SECONDS = 30
DIGITS = 6
WINDOW = 1  # steps accepted either side of the current one


def device_confirmed(user: Any) -> bool:
    """Whether ``user`` has a confirmed authenticator."""
    return PerangkatTotp.objects.filter(user=user, confirmed=True).exists()


def current_step(now: float | None = None) -> int:
    """The TOTP time step of ``now`` (a Unix time), or of the current time."""
    return int((time.time() if now is None else now) // STEP_SECONDS)


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The step within the window whose code is ``code``, or ``None``."""
    code = "".join(str(code or "").split())
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    step = current_step(now)
    found = None
    for candidate in range(step - WINDOW, step + WINDOW + 1):
        # Compare every candidate (no early exit) in constant time.
        if hmac.compare_digest(totp.at(candidate * STEP_SECONDS), code):
            found = candidate
    return found


def claim_step(perangkat: PerangkatTotp, step: int) -> bool:
    """Record ``step`` as used; ``False`` if it (or a later one) was used already."""
    unused = Q(last_used_step__isnull=True) | Q(last_used_step__lt=step)
    updated = PerangkatTotp.objects.filter(Q(pk=perangkat.pk) & unused).update(last_used_step=step)
    if updated:
        perangkat.last_used_step = step
    return updated == 1


def provisioning_uri(perangkat: PerangkatTotp) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    issuer = f"{settings.SINTREN['APP_NAME']} {settings.SINTREN['REGION_NAME']}"
    return pyotp.TOTP(perangkat.secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=perangkat.user.get_username(), issuer_name=issuer
    )


def qr_svg(data: str) -> str:
    """Inline SVG markup of a QR code for ``data`` (no image host, no inline style)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg role="img" aria-label="Kode QR autentikator" ', 1)


def secret_grouped(secret: str) -> str:
    """The secret in groups of four characters, easier to type by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
