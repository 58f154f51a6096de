"""Writes of the back office: staff login checks, authenticator devices, audited reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyotp
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.models import Pemohon, User, nama_ibu_matches
from sintren.accounts.workflow import allowed_next
from sintren.backoffice import totp
from sintren.backoffice.models import PerangkatTotp
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.ratelimit import Limit, Lockout, attempt_begin, quota_take


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
def perangkat_totp_confirm(*, perangkat: PerangkatTotp, code: str) -> bool:
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


# --- Staff login (BO-1) -----------------------------------------------------------------
LOGIN_SCOPE = "staff_login"
OTP_SCOPE = "staff_otp"


def petugas_password_check(*, username: str, password: str) -> tuple[Any | None, str]:
    """The staff user if the password is right and no lock applies, else the message.

    The attempt is reserved before the password is hashed, as for applicants.
    """
    attempt = attempt_begin(LOGIN_SCOPE, nik=username.strip().casefold())
    if attempt.lockout is not None:
        return None, attempt.lockout.message
    user = authenticate(None, username=username.strip(), password=password)
    if user is None or not getattr(user, "is_petugas", False) or not user.is_active:
        lockout = attempt.failed()
        audit_log(actor=None, action=AuditAction.PETUGAS_LOGIN_GAGAL, summary="Login petugas gagal")
        return None, (
            lockout.message if lockout else gettext("Nama pengguna atau kata sandi salah.")
        )
    attempt.succeeded()
    return user, ""


def petugas_code_check(*, user: Any, kode: str, check: Callable[[str], bool]) -> str:
    """Run ``check(kode)`` under the OTP rate limit; ``""`` when it passed, else the message."""
    attempt = attempt_begin(OTP_SCOPE, nik=f"user:{user.pk}")
    if attempt.lockout is not None:
        return attempt.lockout.message
    if check(kode):
        attempt.succeeded()
        return ""
    lockout = attempt.failed()
    audit_log(
        actor=None,
        action=AuditAction.PETUGAS_OTP_GAGAL,
        target=user,
        summary="Kode autentikator salah",
    )
    if lockout:
        return lockout.message
    return gettext("Kode autentikator salah atau sudah dipakai. Tunggu kode berikutnya.")


def petugas_logout(*, actor: Any) -> None:
    """Record a staff logout (the session itself is ended by the view)."""
    if getattr(actor, "is_authenticated", False):
        audit_log(
            actor=actor, action=AuditAction.PETUGAS_LOGOUT, target=actor, summary="Logout petugas"
        )


def pendaftaran_lihat(*, pemohon: Any, actor: Any) -> None:
    """Record that a member of staff opened a registration's personal data (BO-6)."""
    audit_log(
        actor=actor,
        action=AuditAction.PENDAFTARAN_LIHAT,
        target=pemohon,
        summary="Data pendaftaran dilihat",
    )


# --- Mother's name check by the verifier (BO-2) -------------------------------------------
COCOKKAN_IBU_SCOPE = "cocokkan_ibu"
COCOKKAN_IBU_PER_PETUGAS = Limit("petugas", max_failures=20, window_seconds=3600, lock_seconds=None)


def pendaftaran_cocokkan_ibu(*, pemohon: Pemohon, actor: User, nama_ibu: str) -> bool | Lockout:
    """Whether ``nama_ibu`` (typed by a verifier from the KK) is the registered mother's name.

    Only the hash is stored, so the verifier confirms the name without ever seeing it:
    the answer is *Cocok* (``True``) or *Tidak cocok* (``False``), case- and
    space-insensitive. Allowed while the registration awaits the actor's decision
    (``ValidationError``, code ``status``, otherwise). Every check counts against the
    staff member, :data:`COCOKKAN_IBU_PER_PETUGAS` an hour; beyond it a
    :class:`~sintren.core.ratelimit.Lockout` is returned and nothing is compared. Each
    call is audited with its outcome, never with the typed name. The comparison is a
    slow hash, run outside any transaction.
    """
    if not allowed_next(pemohon.status, actor.role):
        raise ValidationError(
            gettext(
                "Pendaftaran ini berstatus %(status)s; Nama Ibu Kandung hanya dicocokkan "
                "selama pendaftaran menunggu keputusan."
            )
            % {"status": pemohon.get_status_display()},
            code="status",
        )
    lockout = quota_take(COCOKKAN_IBU_SCOPE, per=((COCOKKAN_IBU_PER_PETUGAS, str(actor.pk)),))
    if lockout is not None:
        _cocokkan_ibu_log(pemohon=pemohon, actor=actor, hasil="dibatasi")
        return lockout
    cocok = nama_ibu_matches(pemohon, nama_ibu)
    _cocokkan_ibu_log(pemohon=pemohon, actor=actor, hasil="cocok" if cocok else "tidak_cocok")
    return cocok


@transaction.atomic
def _cocokkan_ibu_log(*, pemohon: Pemohon, actor: User, hasil: str) -> None:
    audit_log(
        actor=actor,
        action=AuditAction.PENDAFTARAN_COCOKKAN_IBU,
        target=pemohon,
        summary="Nama ibu kandung dicocokkan",
        details={"hasil": hasil},
    )
