"""Writes of the back office: the staff's authenticator devices."""

from __future__ import annotations

from typing import Any

import pyotp
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from sintren.backoffice import totp
from sintren.backoffice.models import PerangkatTotp
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction


@transaction.atomic
def perangkat_totp_prepare(*, user: Any) -> PerangkatTotp:
    """The user's device to enrol: a new random secret unless one is waiting already.

    A confirmed device is returned as it is (enrolling again is not allowed here).
    """
    perangkat, _ = PerangkatTotp.objects.select_for_update().get_or_create(
        user=user, defaults={"secret": pyotp.random_base32(32)}
    )
    return perangkat


@transaction.atomic
def perangkat_totp_confirm(
    *, perangkat: PerangkatTotp, code: str, request: HttpRequest | None = None
) -> bool:
    """Confirm an enrolment with a code from the app; ``False`` if the code is wrong."""
    step = totp.matching_step(perangkat.secret, code)
    if step is None or not totp.claim_step(perangkat, step):
        return False
    PerangkatTotp.objects.filter(pk=perangkat.pk).update(
        confirmed=True, dikonfirmasi_pada=timezone.now()
    )
    perangkat.confirmed = True
    audit_log(
        actor=perangkat.user,
        action=AuditAction.PETUGAS_TOTP_DAFTAR,
        target=perangkat.user,
        summary="Perangkat autentikator didaftarkan",
        request=request,
    )
    return True


@transaction.atomic
def perangkat_totp_verify(*, user: Any, code: str) -> bool:
    """Whether ``code`` is a fresh, valid code of the user's confirmed device.

    A code is accepted once: the same code (or an older one) is refused afterwards.
    """
    perangkat = PerangkatTotp.objects.filter(user=user, confirmed=True).first()
    if perangkat is None:
        return False
    step = totp.matching_step(perangkat.secret, code)
    return step is not None and totp.claim_step(perangkat, step)


@transaction.atomic
def perangkat_totp_set_demo(*, user: Any, secret: str) -> PerangkatTotp:
    """Give ``user`` a confirmed device with a known secret (demo data only)."""
    perangkat, _ = PerangkatTotp.objects.update_or_create(
        user=user,
        defaults={"secret": secret, "confirmed": True, "dikonfirmasi_pada": timezone.now()},
    )
    return perangkat
