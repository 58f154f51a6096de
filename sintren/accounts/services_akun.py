"""Writes of the logged-in applicant's account (ACC-8 … ACC-10): phone, password, reset.

Codes and links go out through the notification outbox in the same transaction as the
change they belong to. No NIK, KK or name is written to the audit log or a log line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.models import KodeOtp, Pemohon
from sintren.accounts.models.otp import (
    OTP_MAX_PERCOBAAN,
    OTP_RESEND_COOLDOWN,
    OTP_TTL,
    otp_generate,
    otp_hash,
    otp_hash_matches,
)
from sintren.accounts.models.pemohon import nama_ibu_normalize
from sintren.accounts.tokens import (
    RESET_TTL_HOURS,
    TokenStatus,
    reset_link_token,
    reset_token_generator,
)
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.ratelimit import attempt_begin
from sintren.notifications.services import notifikasi_queue

GANTI_HP = KodeOtp.Tujuan.GANTI_HP


class KodeCooldownError(ValidationError):
    """A new code was asked for before the cooldown ended; ``seconds`` remain."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        super().__init__(
            gettext(
                "Kode baru hanya dapat dikirim 60 detik setelah pengiriman sebelumnya. "
                "Silakan tunggu %(detik)d detik lagi."
            )
            % {"detik": seconds},
            code="cooldown",
        )


# --- ACC-8: change the phone number --------------------------------------------------
def kode_otp_pending(*, user: Any, tujuan: str = GANTI_HP) -> KodeOtp | None:
    """The user's latest code for ``tujuan`` that was not replaced (used or not)."""
    return KodeOtp.objects.filter(user=user, tujuan=tujuan, dibatalkan_pada__isnull=True).first()


def _cooldown_left(user: Any, tujuan: str, now: Any) -> int:
    last = (
        KodeOtp.objects.filter(user=user, tujuan=tujuan, dibuat__gt=now - OTP_RESEND_COOLDOWN)
        .values_list("dibuat", flat=True)
        .first()
    )
    if last is None:
        return 0
    return max(1, math.ceil((last + OTP_RESEND_COOLDOWN - now).total_seconds()))  # type: ignore[no-any-return]


@transaction.atomic
def nomor_hp_kode_kirim(*, user: Any, nomor_hp_baru: str) -> KodeOtp:
    """Send a 6-digit code by WhatsApp to the new number (E.164), replacing older codes.

    Raises :class:`KodeCooldownError` within 60 s of the previous code, and
    ``ValidationError`` when the number is the current one.
    A number another applicant also uses is allowed on purpose: families often share
    one WhatsApp number, and the forgot-password check needs NIK, name and number.
    """
    pemohon = Pemohon.objects.select_for_update().get(user=user)  # serialises the user
    if nomor_hp_baru == pemohon.nomor_hp:
        raise ValidationError(
            gettext("Nomor HP Baru sama dengan nomor HP Anda saat ini."), code="same"
        )
    now = timezone.now()
    seconds = _cooldown_left(user, GANTI_HP, now)
    if seconds:
        raise KodeCooldownError(seconds)
    KodeOtp.objects.filter(
        user=user, tujuan=GANTI_HP, dibatalkan_pada__isnull=True, dipakai_pada__isnull=True
    ).update(dibatalkan_pada=now)
    kode = otp_generate()
    otp = KodeOtp.objects.create(
        user=user,
        tujuan=GANTI_HP,
        nilai_baru=nomor_hp_baru,
        kode_hash=otp_hash(kode, salt=otp_generate() + otp_generate()),
        kedaluwarsa=now + OTP_TTL,
        dibuat=now,
    )
    notifikasi_queue(
        event="kode_ganti_hp",
        context={"nama": pemohon.nama_lengkap, "berlaku_menit": int(OTP_TTL.total_seconds() // 60)},
        secrets={"kode": kode},  # never stored in the message body
        phone=nomor_hp_baru,
        user=user,
    )
    audit_log(
        actor=user,
        action=AuditAction.AKUN_KODE_GANTI_HP,
        target=pemohon,
        summary="Kode ganti nomor HP dikirim",
    )
    return otp


def nomor_hp_kode_kirim_ulang(*, user: Any) -> KodeOtp:
    """Send a new code to the number of the pending change (*Kirim Ulang Kode*)."""
    pending = kode_otp_pending(user=user)
    if pending is None or pending.dipakai_pada is not None:
        raise ValidationError(
            gettext("Tidak ada penggantian nomor HP yang sedang diproses."), code="none"
        )
    return nomor_hp_kode_kirim(user=user, nomor_hp_baru=pending.nilai_baru)


@dataclass(frozen=True)
class HasilKode:
    """The outcome of entering a code: ``ok``, or ``message`` says why not."""

    ok: bool
    message: str = ""
    wrong: bool = False  # a real wrong guess (counts toward the rate limit)


def _refused(otp: KodeOtp | None, now: Any) -> str | None:
    if otp is None:
        return gettext("Tidak ada kode yang berlaku. Silakan kirim kode baru.")
    if otp.dipakai_pada is not None:
        return gettext("Kode ini sudah dipakai. Silakan kirim kode baru bila perlu.")
    if otp.kedaluwarsa <= now:
        return gettext("Kode sudah kedaluwarsa (berlaku 10 menit). Silakan kirim ulang kode.")
    if otp.percobaan >= OTP_MAX_PERCOBAAN:
        return gettext(
            "Kode sudah tidak berlaku karena 5 kali salah dimasukkan. Silakan kirim ulang kode."
        )
    return None


def kode_otp_check(*, user: Any, kode: str, tujuan: str = GANTI_HP) -> tuple[HasilKode, Any]:
    """Try ``kode`` against the user's pending code; on success it is marked used.

    Not atomic on purpose: each try is counted by a committed conditional ``UPDATE``
    (``percobaan < 5``) before the comparison, so failures are never rolled back and
    concurrent tries cannot exceed five. The use is claimed the same way.
    """
    now = timezone.now()
    otp = kode_otp_pending(user=user, tujuan=tujuan)
    refusal = _refused(otp, now)
    if refusal or otp is None:
        return HasilKode(ok=False, message=refusal or ""), None
    usable = KodeOtp.objects.filter(
        pk=otp.pk,
        dipakai_pada__isnull=True,
        dibatalkan_pada__isnull=True,
        kedaluwarsa__gt=now,
        percobaan__lt=OTP_MAX_PERCOBAAN,
    )
    if usable.update(percobaan=F("percobaan") + 1) != 1:
        otp.refresh_from_db()
        return HasilKode(ok=False, message=_refused(otp, now) or _refused(None, now) or ""), None
    if not otp_hash_matches(str(kode), otp.kode_hash):
        left = OTP_MAX_PERCOBAAN - KodeOtp.objects.values_list("percobaan", flat=True).get(
            pk=otp.pk
        )
        message = (
            gettext("Kode Aktivasi salah.")
            + " "
            + (
                gettext("Sisa percobaan: %(n)d.") % {"n": left}
                if left > 0
                else gettext("Kode sudah tidak berlaku. Silakan kirim ulang kode.")
            )
        )
        return HasilKode(ok=False, message=message, wrong=True), None
    claimed = KodeOtp.objects.filter(pk=otp.pk, dipakai_pada__isnull=True).update(dipakai_pada=now)
    if claimed != 1:
        return HasilKode(ok=False, message=_refused(otp, now) or ""), None
    otp.dipakai_pada = now
    return HasilKode(ok=True), otp


@transaction.atomic
def nomor_hp_simpan(*, otp: KodeOtp) -> Pemohon:
    """Apply a confirmed number change and tell the OLD number by WhatsApp."""
    pemohon = Pemohon.objects.select_for_update().get(user_id=otp.user_id)
    nomor_lama = pemohon.nomor_hp
    pemohon.nomor_hp = otp.nilai_baru
    pemohon.save(update_fields=["nomor_hp", "diperbarui"])
    notifikasi_queue(
        event="nomor_hp_diganti",
        context={"nama": pemohon.nama_lengkap},
        phone=nomor_lama,
        email=pemohon.email or None,
        user=pemohon.user,
    )
    audit_log(
        actor=pemohon.user,
        action=AuditAction.AKUN_GANTI_HP,
        target=pemohon,
        summary="Nomor HP diganti",
    )
    return pemohon


# --- ACC-9: change the password -------------------------------------------------------
@transaction.atomic
def password_change(*, user: Any, password_baru: str) -> None:
    """Set a new password. Every session of the user ends (their auth hash changes)."""
    user.set_password(password_baru)
    user.save(update_fields=["password"])
    audit_log(
        actor=user,
        action=AuditAction.AKUN_GANTI_PASSWORD,
        target=user,
        summary="Kata kunci diganti",
    )


# --- ACC-10: forgotten password ---------------------------------------------------------
def _pemohon_matching(*, nik: str, nama_lengkap: str, nomor_hp: str) -> Pemohon | None:
    pemohon = (
        Pemohon.objects.select_related("user")
        .filter(nik=nik, status=Pemohon.Status.AKTIF, user__is_active=True)
        .first()
    )
    if pemohon is None:
        return None
    same_name = nama_ibu_normalize(pemohon.nama_lengkap) == nama_ibu_normalize(nama_lengkap)
    if not same_name or pemohon.nomor_hp != nomor_hp:
        return None
    return pemohon


@transaction.atomic
def password_reset_request(*, nik: str, nama_lengkap: str, nomor_hp: str) -> bool:
    """Send a reset link by WhatsApp when the data match an active applicant.

    Returns whether a link was sent; the caller must answer the same either way.
    """
    pemohon = _pemohon_matching(nik=nik, nama_lengkap=nama_lengkap, nomor_hp=nomor_hp)
    if pemohon is None:
        return False
    path = reverse("accounts:reset_password", args=[reset_link_token(pemohon.user)])
    notifikasi_queue(
        event="reset_password",
        context={"nama": pemohon.nama_lengkap, "berlaku_jam": RESET_TTL_HOURS},
        secrets={"reset_url": path},  # never stored in the message body
        phone=pemohon.nomor_hp,
        user=pemohon.user,
    )
    audit_log(
        actor=None,
        action=AuditAction.AKUN_RESET_PASSWORD_DIMINTA,
        target=pemohon,
        summary="Link reset password dikirim",
    )
    return True


@transaction.atomic
def password_reset_confirm(*, user_id: int, token: str, password_baru: str) -> Any:
    """Set the new password if the link is still valid (checked again under a row lock).

    Two submissions of one link cannot both succeed: the second sees the changed
    password hash and finds the link void. Raises ``ValidationError`` otherwise.
    """
    user = get_user_model().objects.select_for_update().filter(pk=user_id).first()
    if user is None or reset_token_generator.status(user, token) is not TokenStatus.VALID:
        raise ValidationError(
            gettext("Link reset password sudah tidak berlaku."), code="invalid_token"
        )
    user.set_password(password_baru)
    user.save(update_fields=["password"])
    audit_log(
        actor=user,
        action=AuditAction.AKUN_RESET_PASSWORD,
        target=user,
        summary="Kata kunci diganti melalui link reset",
    )
    return user


# --- Entry points for the pages: rate limit, check and write, in one call -----------------
@dataclass(frozen=True)
class Hasil:
    """What a checked account action did: ``ok``, or the message and the field it is about."""

    ok: bool
    message: str = ""
    field: str | None = None


def password_change_checked(*, user: Any, password_lama: str, password_baru: str) -> Hasil:
    """*Ganti Password*: the old password is a password check of this NIK, as at login."""
    attempt = attempt_begin("login", nik=user.pemohon.nik)
    if attempt.lockout is not None:
        return Hasil(False, attempt.lockout.message)
    if not user.check_password(password_lama):
        attempt.failed()
        return Hasil(False, gettext("Kata Kunci Lama salah."), "password_lama")
    attempt.succeeded()
    password_change(user=user, password_baru=password_baru)
    return Hasil(True)


def password_reset_ask(*, nik: str, nama_lengkap: str, nomor_hp: str) -> Hasil:
    """*Lupa Password*: every request counts, matched or not (nothing to probe, no flood)."""
    attempt = attempt_begin("reset", nik=nik)
    if attempt.lockout is not None:
        return Hasil(False, attempt.lockout.message)
    attempt.failed()
    password_reset_request(nik=nik, nama_lengkap=nama_lengkap, nomor_hp=nomor_hp)
    return Hasil(True)


def password_reset_with_kk(*, user: Any, token: str, nomor_kk: str, password_baru: str) -> Hasil:
    """The reset link's form: the Nomor KK on file, then the new password (once)."""
    pemohon = user.pemohon
    attempt = attempt_begin("reset", nik=pemohon.nik)
    if attempt.lockout is not None:
        return Hasil(False, attempt.lockout.message)
    if nomor_kk != pemohon.nomor_kk:
        attempt.failed()
        return Hasil(False, gettext("Nomor KK tidak sesuai dengan data Pemohon."), "nomor_kk")
    try:
        password_reset_confirm(user_id=user.pk, token=token, password_baru=password_baru)
    except ValidationError as exc:
        attempt.failed()
        return Hasil(False, " ".join(exc.messages), "token")
    attempt.succeeded()
    return Hasil(True)


def nomor_hp_konfirmasi(*, user: Any, kode: str) -> Hasil:
    """*Kode Aktivasi* → *Simpan*: check the code under the OTP limit, then save the number.

    Each try is counted by a committed conditional UPDATE before the comparison (see
    :func:`kode_otp_check`); the number change itself is one transaction.
    """
    attempt = attempt_begin("otp", nik=user.pemohon.nik)
    if attempt.lockout is not None:
        return Hasil(False, attempt.lockout.message)
    hasil, otp = kode_otp_check(user=user, kode=kode)
    if hasil.ok:
        attempt.succeeded()
        nomor_hp_simpan(otp=otp)
        return Hasil(True)
    if hasil.wrong:
        attempt.failed()
    else:
        attempt.cancel()  # no code was compared (expired, used up, none pending)
    return Hasil(False, hasil.message, "kode")
