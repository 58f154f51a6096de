"""Writes of the applicant accounts: registration, decisions, activation (ACC-1…ACC-6).

Every function here is a service: keyword-only, atomic, audited, and it queues its
notifications in the same transaction. Nothing here logs personal data.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.actors import SYSTEM, Actor
from sintren.accounts.backends import user_by_nik
from sintren.accounts.models import (
    Pemohon,
    RiwayatPendaftaran,
    TokenAktivasi,
    User,
    nama_ibu_matches,
)
from sintren.accounts.models.pemohon import aktivasi_ttl, nama_ibu_normalize, token_hash
from sintren.accounts.selectors import pemohon_by_identity
from sintren.accounts.workflow import may_transition
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.ratelimit import Limit, Lockout, attempt_begin, quota_take
from sintren.notifications.services import notifikasi_queue

# The non-secret fields a registration carries, in form order (for ``perubahan``).
DATA_FIELDS = (
    "nama_lengkap",
    "nomor_kk",
    "tempat_lahir",
    "tanggal_lahir",
    "wilayah",
    "nomor_hp",
    "email",
)
RESEND_COOLDOWN = timedelta(minutes=2)


# --- helpers ---------------------------------------------------------------------------
def _history(
    pemohon: Pemohon,
    *,
    oleh: Any = None,
    alasan: str = "",
    perubahan: dict[str, Any] | None = None,
) -> RiwayatPendaftaran:
    return RiwayatPendaftaran.objects.create(
        pemohon=pemohon,
        status=pemohon.status,
        alasan=alasan,
        oleh=oleh if getattr(oleh, "is_authenticated", False) else None,
        perubahan=perubahan or {},
    )


def _locked(pemohon: Pemohon) -> Pemohon:
    return Pemohon.objects.select_for_update().get(pk=pemohon.pk)


def _require_status(pemohon: Pemohon, *allowed: str) -> None:
    if pemohon.status not in allowed:
        raise ValidationError(
            gettext("Pendaftaran ini berstatus %(status)s; tindakan ini tidak dapat dilakukan.")
            % {"status": pemohon.get_status_display()},
            code="status",
        )


# --- the one writer of Pemohon.status ---------------------------------------------------
def _role(actor: Actor) -> str:
    return str(getattr(actor, "role", SYSTEM.role))


def _to_menunggu(pemohon: Pemohon, alasan: str) -> None:
    pemohon.alasan_penolakan = ""
    pemohon.diverifikasi_oleh = None
    pemohon.diverifikasi_pada = None


def _to_decided(pemohon: Pemohon, alasan: str, actor: Actor) -> None:
    pemohon.alasan_penolakan = alasan
    pemohon.diverifikasi_oleh = actor if isinstance(actor, User) else None
    pemohon.diverifikasi_pada = timezone.now()


def _after_disetujui(pemohon: Pemohon, alasan: str) -> None:
    _send_activation(pemohon)


def _after_ditolak(pemohon: Pemohon, alasan: str) -> None:
    _notify(
        pemohon,
        "pendaftaran_ditolak",
        alasan=alasan,
        daftar_ulang_url=reverse("accounts:login"),
        link=reverse("accounts:login"),
    )


def _after_aktif(pemohon: Pemohon, alasan: str) -> None:
    TokenAktivasi.objects.filter(
        pemohon=pemohon, dipakai_pada__isnull=True, dibatalkan_pada__isnull=True
    ).update(dibatalkan_pada=timezone.now())


def _after_menunggu(pemohon: Pemohon, alasan: str) -> None:
    _notify(pemohon, "pendaftaran_diterima", status_url=reverse("accounts:status"))


@dataclass(frozen=True)
class _Effect:
    action: AuditAction
    summary: str
    after: Any  # Callable[[Pemohon, str], None]


_EFFECTS: dict[str, _Effect] = {
    Pemohon.Status.DISETUJUI: _Effect(
        AuditAction.PENDAFTARAN_SETUJUI, "Pendaftaran disetujui", _after_disetujui
    ),
    Pemohon.Status.DITOLAK: _Effect(
        AuditAction.PENDAFTARAN_TOLAK, "Pendaftaran tidak disetujui", _after_ditolak
    ),
    Pemohon.Status.AKTIF: _Effect(
        AuditAction.PENDAFTARAN_AKTIVASI, "Akun pemohon diaktifkan", _after_aktif
    ),
    Pemohon.Status.MENUNGGU: _Effect(
        AuditAction.PENDAFTARAN_DAFTAR_ULANG, "Pendaftaran ulang pemohon", _after_menunggu
    ),
}


@transaction.atomic
def pemohon_transition(
    *,
    pemohon: Pemohon,
    to: str,
    actor: Actor,
    alasan: str = "",
    perubahan: dict[str, Any] | None = None,
) -> Pemohon:
    """Move a registration to status ``to``: the only code that writes ``Pemohon.status``.

    Locks the row, checks :data:`sintren.accounts.workflow.TRANSITIONS` for the actor's
    role, sets the fields the new status implies, appends the history row, writes the
    audit row and queues the notification, all in one transaction. Refuses with a
    ``ValidationError`` (code ``status``) and changes nothing otherwise. Returns the
    locked, updated row; the caller's ``pemohon`` is refreshed too.
    """
    locked = _locked(pemohon)
    if not may_transition(locked.status, to, _role(actor)):
        raise ValidationError(
            gettext("Pendaftaran ini berstatus %(status)s; tindakan ini tidak dapat dilakukan.")
            % {"status": locked.get_status_display()},
            code="status",
        )
    locked.status = to
    if to == Pemohon.Status.MENUNGGU:
        _to_menunggu(locked, alasan)
    elif to in (Pemohon.Status.DISETUJUI, Pemohon.Status.DITOLAK):
        _to_decided(locked, alasan, actor)
    locked.save()
    _history(locked, oleh=actor, alasan=alasan, perubahan=perubahan)
    effect = _EFFECTS[to]
    details = {"diubah": sorted(perubahan)} if perubahan else None
    audit_log(
        actor=actor, action=effect.action, target=locked, summary=effect.summary, details=details
    )
    effect.after(locked, alasan)
    _refresh(pemohon, locked)
    return locked


def _comparable(field: str, value: Any) -> Any:
    if field == "wilayah":
        return getattr(value, "pk", value)
    if field == "tanggal_lahir" and value is not None:
        return value.isoformat()
    return value if value is not None else ""


@dataclass(frozen=True)
class Hashes:
    """Slow hashes of a registration's secrets, computed *before* the write transaction.

    Argon2 takes a noticeable fraction of a CPU-second; computing it inside the
    transaction would hold SQLite's write lock (and a PostgreSQL row lock) that long.
    """

    password: str
    nama_ibu: str

    @classmethod
    def of(cls, data: dict[str, Any]) -> Hashes:
        """Hash the ``password`` and ``nama_ibu`` of a validated registration."""
        return cls(
            password=make_password(data["password"]),
            nama_ibu=make_password(nama_ibu_normalize(data["nama_ibu"])),
        )


def _apply_data(
    pemohon: Pemohon, data: dict[str, Any], hashes: Hashes, *, ibu_changed: bool = False
) -> dict[str, list[Any]]:
    """Copy the registration data onto ``pemohon``; return ``{field: [old, new]}``."""
    changes: dict[str, list[Any]] = {}
    for field in DATA_FIELDS:
        new = data.get(field, "" if field == "email" else None)
        if field == "email":
            new = new or ""
        old = getattr(pemohon, field, None) if pemohon.pk else None
        if pemohon.pk and _comparable(field, old) != _comparable(field, new):
            changes[field] = [_comparable(field, old), _comparable(field, new)]
        setattr(pemohon, field, new)
    pemohon.jenis_kelamin = data["jenis_kelamin"]
    if ibu_changed:
        changes["nama_ibu_kandung"] = ["(rahasia)", "(diubah)"]
    pemohon.nama_ibu_hash = hashes.nama_ibu
    return changes


def _notify(
    pemohon: Pemohon, event: str, *, secrets: dict[str, str] | None = None, **context: Any
) -> None:
    notifikasi_queue(
        event=event,
        context={"nama": pemohon.nama_lengkap, **context},
        secrets=secrets,
        phone=pemohon.nomor_hp,
        email=pemohon.email or None,
        user=pemohon.user,
    )


# --- registration (ACC-1, ACC-6) ----------------------------------------------------------
PENDAFTARAN_PER_ALAMAT = Limit("alamat", max_failures=10, window_seconds=3600, lock_seconds=None)
PENDAFTARAN_PER_TUJUAN = Limit("tujuan", max_failures=3, window_seconds=86400, lock_seconds=None)


def _pendaftaran_quota(data: dict[str, Any], *, ip: str) -> None:
    """Count one registration per client address and per phone number/email named.

    Every registration sends a WhatsApp message and an email to numbers the client
    chose; these limits keep a script from turning the form into a message cannon.
    """
    lockout = quota_take(
        "pendaftaran",
        per=(
            (PENDAFTARAN_PER_ALAMAT, ip),
            (PENDAFTARAN_PER_TUJUAN, data.get("nomor_hp") or None),
            (PENDAFTARAN_PER_TUJUAN, (data.get("email") or "").lower() or None),
        ),
    )
    if lockout is not None:
        raise ValidationError(
            gettext(
                "Terlalu banyak pendaftaran dari jaringan ini atau untuk Nomor HP/email ini. "
                "Silakan coba lagi setelah pukul %(jam)s WIB."
            )
            % {"jam": timezone.localtime(lockout.until).strftime("%H.%M")},
            code="batas_pendaftaran",
        )


def pendaftaran_create(
    *, data: dict[str, Any], ip: str | None, actor: Any = None
) -> Pemohon | None:
    """Register an applicant (status MENUNGGU) from a validated registration form.

    ``data`` holds the cleaned fields: ``nik``, the ``DATA_FIELDS`` (``wilayah`` is the
    village), ``jenis_kelamin``, ``nama_ibu`` and ``password``. A NIK that is already
    registered is *not* confirmed to the client: nothing is changed, the owner is told
    on the phone/email on file that someone tried, and ``None`` is returned so the
    caller shows the same notice as for a new registration (a NIK is no secret).
    Raises ``ValidationError`` when the registration limits are used up; ``ip=None``
    (registrations made by the system itself, e.g. demo data) is not limited.
    """
    if ip is not None:
        _pendaftaran_quota(data, ip=ip)
    hashes = Hashes.of(data)  # outside the transaction: the write lock stays short
    return _pendaftaran_insert(data=data, hashes=hashes, actor=actor)


@transaction.atomic
def _pendaftaran_insert(*, data: dict[str, Any], hashes: Hashes, actor: Any) -> Pemohon | None:
    existing = Pemohon.objects.filter(nik=data["nik"]).select_related("user").first()
    if existing is not None:
        _nik_dipakai(existing)
        return None
    user = User(username=f"pemohon-{uuid.uuid4().hex}", role=User.Role.PEMOHON)
    user.password = hashes.password
    user.save()
    pemohon = Pemohon(user=user, nik=data["nik"])
    _apply_data(pemohon, data, hashes)
    try:
        with transaction.atomic():
            pemohon.save()
    except IntegrityError:  # the same NIK registered concurrently: same as above
        user.delete()
        existing = Pemohon.objects.filter(nik=data["nik"]).select_related("user").first()
        if existing is not None:
            _nik_dipakai(existing)
        return None
    _history(pemohon, oleh=actor)
    audit_log(
        actor=actor or user,
        action=AuditAction.PENDAFTARAN_BUAT,
        target=pemohon,
        summary="Pendaftaran pemohon baru",
    )
    _notify(pemohon, "pendaftaran_diterima", status_url=reverse("accounts:status"))
    return pemohon


def _nik_dipakai(pemohon: Pemohon) -> None:
    """Tell the owner of a registered NIK that someone tried to register it again."""
    audit_log(
        actor=None,
        action=AuditAction.PENDAFTARAN_NIK_DIPAKAI,
        target=pemohon,
        summary="Pendaftaran dengan NIK yang sudah terdaftar",
    )
    _notify(
        pemohon,
        "pendaftaran_nik_dipakai",
        login_url=reverse("accounts:login"),
        lupa_password_url=reverse("accounts:lupa_password"),
    )


def pendaftaran_resubmit(*, pemohon: Pemohon, data: dict[str, Any]) -> Pemohon:
    """Re-register a rejected applicant (*Daftar Ulang*): back to MENUNGGU.

    The caller must have proven the applicant's password (login, manual B.8). The
    NIK stays; every other field is replaced, the password too, and the history row
    records which non-secret fields changed.
    """
    ibu_changed = not nama_ibu_matches(pemohon, data["nama_ibu"])
    hashes = Hashes.of(data)  # outside the transaction: the write lock stays short
    return _pendaftaran_resubmit(pemohon=pemohon, data=data, hashes=hashes, ibu_changed=ibu_changed)


@transaction.atomic
def _pendaftaran_resubmit(
    *, pemohon: Pemohon, data: dict[str, Any], hashes: Hashes, ibu_changed: bool
) -> Pemohon:
    locked = _locked(pemohon)
    _require_status(locked, Pemohon.Status.DITOLAK)
    changes = _apply_data(locked, data, hashes, ibu_changed=ibu_changed)
    locked.save()
    user = locked.user
    user.password = hashes.password
    user.save(update_fields=["password"])
    return pemohon_transition(
        pemohon=locked, to=Pemohon.Status.MENUNGGU, actor=user, perubahan=changes
    )


# --- decisions by the Dinas (ACC-3) -------------------------------------------------------
def pendaftaran_approve(*, pemohon: Pemohon, actor: Actor) -> None:
    """Approve a pending registration: DISETUJUI, and send an activation link."""
    pemohon_transition(pemohon=pemohon, to=Pemohon.Status.DISETUJUI, actor=actor)


def pendaftaran_reject(*, pemohon: Pemohon, actor: Actor, alasan: str) -> None:
    """Reject a pending registration with a reason the applicant is told."""
    alasan = " ".join(str(alasan or "").split())
    if not alasan:
        raise ValidationError(gettext("Alasan penolakan wajib diisi."), code="alasan")
    pemohon_transition(pemohon=pemohon, to=Pemohon.Status.DITOLAK, actor=actor, alasan=alasan)


def _refresh(stale: Pemohon, fresh: Pemohon) -> None:
    """Let the caller's instance see the new state."""
    for field in ("status", "alasan_penolakan", "diverifikasi_oleh_id", "diverifikasi_pada"):
        setattr(stale, field, getattr(fresh, field))


# --- activation (ACC-4) ------------------------------------------------------------------
def aktivasi_token_issue(*, pemohon: Pemohon) -> str:
    """Void the applicant's open tokens and issue a new one; return the raw token."""
    now = timezone.now()
    TokenAktivasi.objects.filter(
        pemohon=pemohon, dipakai_pada__isnull=True, dibatalkan_pada__isnull=True
    ).update(dibatalkan_pada=now)
    raw = TokenAktivasi.generate()
    TokenAktivasi.objects.create(
        pemohon=pemohon, token_hash=token_hash(raw), dibuat=now, kedaluwarsa=now + aktivasi_ttl()
    )
    return raw


def _send_activation(pemohon: Pemohon) -> None:
    raw = aktivasi_token_issue(pemohon=pemohon)
    path = reverse("accounts:aktivasi", kwargs={"token": raw})
    _notify(
        pemohon,
        "pendaftaran_disetujui",
        secrets={"aktivasi_url": path, "link": path},  # never stored in the message body
        berlaku_hari=aktivasi_ttl().days,
    )


KIRIM_ULANG_PER_NIK = Limit("nik", max_failures=3, window_seconds=86400, lock_seconds=None)
KIRIM_ULANG_PER_ALAMAT = Limit("alamat", max_failures=10, window_seconds=86400, lock_seconds=None)


def aktivasi_link_resend(*, pemohon: Pemohon, ip: str) -> None:
    """Send a fresh activation link to an approved applicant (*Kirim Ulang*).

    The caller must have proven the applicant's password (login). Refused within
    ``RESEND_COOLDOWN`` of the last link, and beyond three resends per NIK and ten
    per client address a day, so nobody can flood the applicant's phone.
    """
    lockout = quota_take(
        "kirim_ulang", per=((KIRIM_ULANG_PER_ALAMAT, ip), (KIRIM_ULANG_PER_NIK, pemohon.nik))
    )
    if lockout is not None:
        raise ValidationError(
            gettext(
                "Link aktivasi sudah terlalu sering dikirim ulang hari ini. Gunakan link "
                "terakhir yang Anda terima, atau coba lagi besok."
            ),
            code="batas_kirim_ulang",
        )
    _aktivasi_link_resend(pemohon=pemohon)


@transaction.atomic
def _aktivasi_link_resend(*, pemohon: Pemohon) -> None:
    locked = _locked(pemohon)
    _require_status(locked, Pemohon.Status.DISETUJUI)
    last = TokenAktivasi.objects.filter(pemohon=locked).order_by("-dibuat").first()
    if last is not None and last.dibuat > timezone.now() - RESEND_COOLDOWN:
        raise ValidationError(
            gettext(
                "Link aktivasi baru saja dikirim. Periksa WhatsApp/email Anda, atau coba "
                "lagi beberapa menit lagi."
            ),
            code="cooldown",
        )
    audit_log(
        actor=locked.user,
        action=AuditAction.AKTIVASI_KIRIM_ULANG,
        target=locked,
        summary="Link aktivasi dikirim ulang",
    )
    _send_activation(locked)


class AktivasiHasil(enum.Enum):
    """The outcome of one activation attempt."""

    BERHASIL = "berhasil"
    SALAH = "salah"  # wrong mother's name; the token stays usable
    HABIS = "habis"  # wrong, and that was the last allowed attempt
    TIDAK_BERLAKU = "tidak_berlaku"  # unknown, used, voided or expired token
    TERKUNCI = "terkunci"  # too many attempts for this NIK or address; nothing checked


@dataclass(frozen=True)
class Aktivasi:
    """What :func:`aktivasi_process` did: the outcome and the token's applicant."""

    hasil: AktivasiHasil
    pemohon: Pemohon | None = None
    sisa: int = 0
    pesan: str = ""  # the lock message when TERKUNCI


def aktivasi_token_find(raw: str) -> TokenAktivasi | None:
    """The usable token behind ``raw``, or ``None`` (never tells why)."""
    if not raw or len(raw) > 100:
        return None
    token = (
        TokenAktivasi.objects.select_related("pemohon").filter(token_hash=token_hash(raw)).first()
    )
    if token is None or not token.is_usable:
        return None
    if token.pemohon.status != Pemohon.Status.DISETUJUI:
        return None
    return token


def aktivasi_attempt(*, token: str, nama_ibu: str) -> Aktivasi:
    """The activation page's submission: :func:`aktivasi_process` under the rate limit."""
    found = aktivasi_token_find(token)
    if found is None:
        return Aktivasi(AktivasiHasil.TIDAK_BERLAKU)
    attempt = attempt_begin("aktivasi", nik=found.pemohon.nik)
    if attempt.lockout is not None:
        return Aktivasi(AktivasiHasil.TERKUNCI, pesan=attempt.lockout.message)
    result = aktivasi_process(token=token, nama_ibu=nama_ibu)
    if result.hasil is AktivasiHasil.BERHASIL:
        attempt.succeeded()
    elif result.hasil is AktivasiHasil.TIDAK_BERLAKU:
        attempt.cancel()
    else:
        attempt.failed()
    return result


def aktivasi_process(*, token: str, nama_ibu: str) -> Aktivasi:
    """Activate the account behind ``token`` if ``nama_ibu`` is the mother's name.

    Single use: the token is claimed with a conditional UPDATE, so two concurrent
    submissions cannot both activate. A wrong answer is counted on the token; the
    ``TokenAktivasi.MAX_GAGAL``-th voids it. The mother's name is compared (a slow
    hash) before the transaction starts.
    """
    found = aktivasi_token_find(token)
    if found is None:
        return Aktivasi(AktivasiHasil.TIDAK_BERLAKU)
    matches = nama_ibu_matches(found.pemohon, nama_ibu)
    return _aktivasi_apply(found=found, matches=matches)


@transaction.atomic
def _aktivasi_apply(*, found: TokenAktivasi, matches: bool) -> Aktivasi:
    pemohon = found.pemohon
    now = timezone.now()
    usable = TokenAktivasi.objects.filter(
        pk=found.pk,
        dipakai_pada__isnull=True,
        dibatalkan_pada__isnull=True,
        gagal__lt=TokenAktivasi.MAX_GAGAL,
        kedaluwarsa__gt=now,
    )
    if not matches:
        if not usable.update(gagal=F("gagal") + 1):
            return Aktivasi(AktivasiHasil.TIDAK_BERLAKU)
        found.refresh_from_db(fields=["gagal"])
        sisa = TokenAktivasi.MAX_GAGAL - found.gagal
        if sisa <= 0:
            TokenAktivasi.objects.filter(pk=found.pk).update(dibatalkan_pada=now)
            return Aktivasi(AktivasiHasil.HABIS, pemohon)
        return Aktivasi(AktivasiHasil.SALAH, pemohon, sisa)
    if not usable.update(dipakai_pada=now):
        return Aktivasi(AktivasiHasil.TIDAK_BERLAKU)
    try:
        locked = pemohon_transition(pemohon=pemohon, to=Pemohon.Status.AKTIF, actor=pemohon.user)
    except ValidationError:
        return Aktivasi(AktivasiHasil.TIDAK_BERLAKU)
    return Aktivasi(AktivasiHasil.BERHASIL, locked)


# --- status check (ACC-2) ------------------------------------------------------------------
@dataclass(frozen=True)
class StatusCek:
    """The outcome of one status check: the registration, or the message to show."""

    pemohon: Pemohon | None
    pesan: str = ""


def pendaftaran_status_cek(*, nik: str, nomor_kk: str, tanggal_lahir: date) -> StatusCek:
    """*Cek Status Pendaftaran*: NIK, Nomor KK and birth date must all match.

    Every lookup counts against the NIK and the client address, found or not, so a
    NIK's status cannot be polled without end.
    """
    attempt = attempt_begin("status", nik=nik)
    if attempt.lockout is not None:
        return StatusCek(None, attempt.lockout.message)
    attempt.failed()
    found = pemohon_by_identity(nik=nik, nomor_kk=nomor_kk, tanggal_lahir=tanggal_lahir)
    if found is None:
        return StatusCek(
            None,
            gettext(
                "Data pendaftaran tidak ditemukan. Periksa kembali NIK, Nomor KK dan Tanggal Lahir."
            ),
        )
    return StatusCek(found)


# --- login (ACC-5) -----------------------------------------------------------------------
@dataclass(frozen=True)
class LoginHasil:
    """The outcome of one login attempt: the applicant, or why not."""

    pemohon: Pemohon | None
    lockout: Lockout | None = None
    sisa: int | None = None  # attempts left for this NIK before the lock


def pemohon_login_check(*, nik: str, password: str, ip: str) -> LoginHasil:
    """Check a login (NIK + password) under the per-NIK and per-address limits.

    The attempt is reserved before the password is hashed, so N concurrent guesses on
    one NIK run at most ``NIK_LIMIT.max_failures`` password checks (ACC-13).
    """
    attempt = attempt_begin("login", nik=nik, ip=ip)
    if not attempt.allowed:
        return LoginHasil(None, attempt.lockout)
    pemohon = pemohon_authenticate(nik=nik, password=password)
    if pemohon is None:
        lockout = attempt.failed()
        return LoginHasil(None, lockout, None if lockout else attempt.remaining)
    attempt.succeeded()
    return LoginHasil(pemohon)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return make_password(uuid.uuid4().hex)


def pemohon_authenticate(*, nik: str, password: str) -> Pemohon | None:
    """The applicant with this NIK if ``password`` is theirs, else ``None``.

    An unknown NIK still costs one password-hash check, so the answer takes as long
    as for a known NIK. Staff accounts never authenticate here.
    """
    user = user_by_nik(nik)
    pemohon: Pemohon | None = getattr(user, "pemohon", None)
    if user is None or pemohon is None:
        check_password(password, _dummy_hash())
        return None
    valid = user.check_password(password)
    if not valid or not user.is_active or not user.is_pemohon:
        return None
    return pemohon


__all__ = [
    "Aktivasi",
    "AktivasiHasil",
    "LoginHasil",
    "StatusCek",
    "aktivasi_attempt",
    "aktivasi_link_resend",
    "aktivasi_process",
    "aktivasi_token_find",
    "aktivasi_token_issue",
    "nama_ibu_normalize",
    "pemohon_authenticate",
    "pemohon_login_check",
    "pemohon_transition",
    "pendaftaran_approve",
    "pendaftaran_create",
    "pendaftaran_reject",
    "pendaftaran_resubmit",
    "pendaftaran_status_cek",
]
