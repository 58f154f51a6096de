"""Writes of the applicant accounts: registration, decisions, activation (ACC-1…ACC-6).

Every function here is a service: keyword-only, atomic, audited, and it queues its
notifications in the same transaction. Nothing here logs personal data.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.models import (
    Pemohon,
    RiwayatPendaftaran,
    TokenAktivasi,
    User,
    nama_ibu_matches,
)
from sintren.accounts.models.pemohon import aktivasi_ttl, nama_ibu_normalize, token_hash
from sintren.core.audit import audit_log
from sintren.notifications.services import pesan_queue

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


def _comparable(field: str, value: Any) -> Any:
    if field == "wilayah":
        return getattr(value, "pk", value)
    if field == "tanggal_lahir" and value is not None:
        return value.isoformat()
    return value if value is not None else ""


def _apply_data(pemohon: Pemohon, data: dict[str, Any]) -> dict[str, list[Any]]:
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
    if pemohon.pk and not nama_ibu_matches(pemohon, data["nama_ibu"]):
        changes["nama_ibu_kandung"] = ["(rahasia)", "(diubah)"]
    pemohon.set_nama_ibu(data["nama_ibu"])
    return changes


def _notify(pemohon: Pemohon, event: str, **context: Any) -> None:
    pesan_queue(
        event=event,
        context={"nama": pemohon.nama_lengkap, **context},
        phone=pemohon.nomor_hp,
        email=pemohon.email or None,
        user=pemohon.user,
    )


# --- registration (ACC-1, ACC-6) ----------------------------------------------------------
@transaction.atomic
def pendaftaran_create(
    *, data: dict[str, Any], actor: Any = None, request: HttpRequest | None = None
) -> Pemohon:
    """Register an applicant (status MENUNGGU) from a validated registration form.

    ``data`` holds the cleaned fields: ``nik``, the ``DATA_FIELDS`` (``wilayah`` is the
    village), ``jenis_kelamin``, ``nama_ibu`` and ``password``. A NIK registered before
    and rejected is re-registered; any other known NIK is refused.
    """
    existing = Pemohon.objects.select_for_update().filter(nik=data["nik"]).first()
    if existing is not None:
        if existing.status != Pemohon.Status.DITOLAK:
            raise ValidationError(gettext("NIK ini sudah terdaftar."), code="nik_terdaftar")
        return pendaftaran_resubmit(pemohon=existing, data=data, request=request)
    user = User(username=f"pemohon-{uuid.uuid4().hex}", role=User.Role.PEMOHON)
    user.set_password(data["password"])
    user.save()
    pemohon = Pemohon(user=user, nik=data["nik"])
    _apply_data(pemohon, data)
    try:
        with transaction.atomic():
            pemohon.save()
    except IntegrityError as exc:  # the same NIK registered concurrently
        raise ValidationError(gettext("NIK ini sudah terdaftar."), code="nik_terdaftar") from exc
    _history(pemohon, oleh=actor)
    audit_log(
        actor=actor or user,
        action="pendaftaran.buat",
        target=pemohon,
        summary="Pendaftaran pemohon baru",
        request=request,
    )
    _notify(pemohon, "pendaftaran_diterima", status_url=reverse("accounts:status"))
    return pemohon


@transaction.atomic
def pendaftaran_resubmit(
    *, pemohon: Pemohon, data: dict[str, Any], request: HttpRequest | None = None
) -> Pemohon:
    """Re-register a rejected applicant (*Daftar Ulang*): back to MENUNGGU.

    The NIK stays; every other field is replaced, the password too, and the history
    row records which non-secret fields changed.
    """
    pemohon = _locked(pemohon)
    _require_status(pemohon, Pemohon.Status.DITOLAK)
    changes = _apply_data(pemohon, data)
    pemohon.status = Pemohon.Status.MENUNGGU
    pemohon.alasan_penolakan = ""
    pemohon.diverifikasi_oleh = None
    pemohon.diverifikasi_pada = None
    pemohon.save()
    user = pemohon.user
    user.set_password(data["password"])
    user.save(update_fields=["password"])
    _history(pemohon, oleh=None, perubahan=changes)
    audit_log(
        actor=user,
        action="pendaftaran.daftar_ulang",
        target=pemohon,
        summary="Pendaftaran ulang pemohon",
        request=request,
        details={"diubah": sorted(changes)},
    )
    _notify(pemohon, "pendaftaran_diterima", status_url=reverse("accounts:status"))
    return pemohon


# --- decisions by the Dinas (ACC-3) -------------------------------------------------------
@transaction.atomic
def pendaftaran_approve(
    *, pemohon: Pemohon, actor: User, request: HttpRequest | None = None
) -> None:
    """Approve a pending registration: DISETUJUI, and send an activation link."""
    locked = _locked(pemohon)
    _require_status(locked, Pemohon.Status.MENUNGGU)
    locked.status = Pemohon.Status.DISETUJUI
    locked.diverifikasi_oleh = actor
    locked.diverifikasi_pada = timezone.now()
    locked.save()
    _history(locked, oleh=actor)
    audit_log(
        actor=actor,
        action="pendaftaran.setujui",
        target=locked,
        summary="Pendaftaran disetujui",
        request=request,
    )
    _send_activation(locked)
    _refresh(pemohon, locked)


@transaction.atomic
def pendaftaran_reject(
    *, pemohon: Pemohon, actor: User, alasan: str, request: HttpRequest | None = None
) -> None:
    """Reject a pending registration with a reason the applicant is told."""
    alasan = " ".join(str(alasan or "").split())
    if not alasan:
        raise ValidationError(gettext("Alasan penolakan wajib diisi."), code="alasan")
    locked = _locked(pemohon)
    _require_status(locked, Pemohon.Status.MENUNGGU)
    locked.status = Pemohon.Status.DITOLAK
    locked.alasan_penolakan = alasan
    locked.diverifikasi_oleh = actor
    locked.diverifikasi_pada = timezone.now()
    locked.save()
    _history(locked, oleh=actor, alasan=alasan)
    audit_log(
        actor=actor,
        action="pendaftaran.tolak",
        target=locked,
        summary="Pendaftaran tidak disetujui",
        request=request,
    )
    _notify(
        locked,
        "pendaftaran_ditolak",
        alasan=alasan,
        daftar_ulang_url=reverse("accounts:login"),
        link=reverse("accounts:login"),
    )
    _refresh(pemohon, locked)


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
        aktivasi_url=path,
        link=path,
        berlaku_hari=aktivasi_ttl().days,
    )


@transaction.atomic
def aktivasi_link_resend(*, pemohon: Pemohon, request: HttpRequest | None = None) -> None:
    """Send a fresh activation link to an approved applicant (*Kirim Ulang*).

    Refused within ``RESEND_COOLDOWN`` of the last link, so nobody can flood the
    applicant's phone from the status page.
    """
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
        action="aktivasi.kirim_ulang",
        target=locked,
        summary="Link aktivasi dikirim ulang",
        request=request,
    )
    _send_activation(locked)


class AktivasiHasil(enum.Enum):
    """The outcome of one activation attempt."""

    BERHASIL = "berhasil"
    SALAH = "salah"  # wrong mother's name; the token stays usable
    HABIS = "habis"  # wrong, and that was the last allowed attempt
    TIDAK_BERLAKU = "tidak_berlaku"  # unknown, used, voided or expired token


@dataclass(frozen=True)
class Aktivasi:
    """What :func:`aktivasi_process` did: the outcome and the token's applicant."""

    hasil: AktivasiHasil
    pemohon: Pemohon | None = None
    sisa: int = 0


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


@transaction.atomic
def aktivasi_process(*, token: str, nama_ibu: str, request: HttpRequest | None = None) -> Aktivasi:
    """Activate the account behind ``token`` if ``nama_ibu`` is the mother's name.

    Single use: the token is claimed with a conditional UPDATE, so two concurrent
    submissions cannot both activate. A wrong answer is counted on the token; the
    ``TokenAktivasi.MAX_GAGAL``-th voids it.
    """
    found = aktivasi_token_find(token)
    if found is None:
        return Aktivasi(AktivasiHasil.TIDAK_BERLAKU)
    pemohon = found.pemohon
    now = timezone.now()
    usable = TokenAktivasi.objects.filter(
        pk=found.pk,
        dipakai_pada__isnull=True,
        dibatalkan_pada__isnull=True,
        gagal__lt=TokenAktivasi.MAX_GAGAL,
        kedaluwarsa__gt=now,
    )
    if not nama_ibu_matches(pemohon, nama_ibu):
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
    locked = _locked(pemohon)
    _require_status(locked, Pemohon.Status.DISETUJUI)
    locked.status = Pemohon.Status.AKTIF
    locked.save()
    TokenAktivasi.objects.filter(
        pemohon=locked, dipakai_pada__isnull=True, dibatalkan_pada__isnull=True
    ).update(dibatalkan_pada=now)
    _history(locked)
    audit_log(
        actor=locked.user,
        action="pendaftaran.aktivasi",
        target=locked,
        summary="Akun pemohon diaktifkan",
        request=request,
    )
    return Aktivasi(AktivasiHasil.BERHASIL, locked)


# --- login (ACC-5) -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return make_password(uuid.uuid4().hex)


def pemohon_authenticate(*, nik: str, password: str) -> Pemohon | None:
    """The applicant with this NIK if ``password`` is theirs, else ``None``.

    An unknown NIK still costs one password-hash check, so the answer takes as long
    as for a known NIK. Staff accounts never authenticate here.
    """
    pemohon = Pemohon.objects.select_related("user").filter(nik=nik).first()
    if pemohon is None:
        check_password(password, _dummy_hash())
        return None
    user = pemohon.user
    valid = user.check_password(password)
    if not valid or not user.is_active or not user.is_pemohon:
        return None
    return pemohon


__all__ = [
    "Aktivasi",
    "AktivasiHasil",
    "aktivasi_link_resend",
    "aktivasi_process",
    "aktivasi_token_find",
    "aktivasi_token_issue",
    "nama_ibu_normalize",
    "pemohon_authenticate",
    "pendaftaran_approve",
    "pendaftaran_create",
    "pendaftaran_reject",
    "pendaftaran_resubmit",
]
