"""The population-register check of a registration or a request (X-10).

A verifier presses *Cek Data Kependudukan*; :func:`cek_kependudukan` asks the register
(:func:`~sintren.kependudukan.register.register_get`) and returns its per-field answer.
Every lookup counts against the staff member (an NIK lookup is personal data: a
verifier has no reason to run hundreds an hour) and is audited with its outcome,
never with the data checked.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.models import Pemohon
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.ratelimit import Limit, quota_take
from sintren.kependudukan.register import (
    DataCek,
    HasilCek,
    KependudukanError,
    RegisterTidakTersediaError,
    register_get,
)
from sintren.pengajuan.models import Pengajuan

CEK_SCOPE = "cek_kependudukan"
CEK_PER_PETUGAS = Limit("petugas", max_failures=60, window_seconds=3600, lock_seconds=None)


def data_pemohon(pemohon: Pemohon) -> DataCek:
    """A registration's data as checked: all five fields (the mother's name as its hash)."""
    return DataCek(
        nik=pemohon.nik,
        nama_lengkap=pemohon.nama_lengkap,
        nomor_kk=pemohon.nomor_kk,
        tanggal_lahir=pemohon.tanggal_lahir,
        nama_ibu_hash=pemohon.nama_ibu_hash or None,
    )


def data_pengajuan(pengajuan: Pengajuan) -> DataCek:
    """A request's subject as checked.

    The portal knows the birth date and the mother's name (hash) only of its own
    applicants: when the subject is the applicant they are checked too, otherwise they
    are *tidak diperiksa*. A subject without a NIK (a newborn) cannot be looked up.
    """
    if not pengajuan.subjek_nik:
        raise KependudukanError(
            gettext("Subjek pengajuan ini belum memiliki NIK; data kependudukan tidak dapat dicek.")
        )
    pemohon = pengajuan.pemohon
    sendiri = pemohon.nik == pengajuan.subjek_nik
    return DataCek(
        nik=pengajuan.subjek_nik,
        nama_lengkap=pengajuan.subjek_nama,
        nomor_kk=pengajuan.subjek_nomor_kk,
        tanggal_lahir=pemohon.tanggal_lahir if sendiri else None,
        nama_ibu_hash=(pemohon.nama_ibu_hash or None) if sendiri else None,
    )


def _target(pemohon: Pemohon | None, pengajuan: Pengajuan | None) -> models.Model:
    if (pemohon is None) == (pengajuan is None):
        raise ValueError("Give exactly one of pemohon and pengajuan.")
    target = pemohon if pemohon is not None else pengajuan
    assert target is not None
    return target


def cek_kependudukan(
    *, actor: Any, pemohon: Pemohon | None = None, pengajuan: Pengajuan | None = None
) -> HasilCek:
    """Check a registration (``pemohon``) or a request's subject (``pengajuan``).

    Staff only (``PermissionDenied`` otherwise). Raises
    :class:`~sintren.kependudukan.register.KependudukanError` with the message for the
    verifier when the per-staff limit (:data:`CEK_PER_PETUGAS`) is used up, the subject
    has no NIK, or the register cannot be reached. The register is asked outside any
    transaction (a web service may take seconds); the audit row records the outcome.
    """
    if not getattr(actor, "is_petugas", False) or not getattr(actor, "is_active", False):
        raise PermissionDenied
    target = _target(pemohon, pengajuan)
    details: dict[str, Any] = {"kode": pengajuan.kode} if pengajuan is not None else {}
    data = data_pemohon(pemohon) if pemohon is not None else data_pengajuan(_pengajuan(target))
    lockout = quota_take(CEK_SCOPE, per=((CEK_PER_PETUGAS, str(actor.pk)),))
    if lockout is not None:
        _log(actor, target, {**details, "hasil": "dibatasi"})
        raise KependudukanError(
            gettext(
                "Batas cek data kependudukan untuk akun Anda sudah tercapai. "
                "Coba lagi setelah pukul %(jam)s WIB."
            )
            % {"jam": timezone.localtime(lockout.until).strftime("%H.%M")}
        )
    try:
        hasil = register_get().cek(data)
    except RegisterTidakTersediaError:
        _log(actor, target, {**details, "hasil": "tidak_terhubung"})
        raise
    _log(actor, target, {**details, "ditemukan": hasil.ditemukan, "hasil": hasil.ringkas()})
    return hasil


def _pengajuan(target: models.Model) -> Pengajuan:
    assert isinstance(target, Pengajuan)
    return target


@transaction.atomic
def _log(actor: Any, target: models.Model, details: dict[str, Any]) -> None:
    audit_log(
        actor=actor,
        action=AuditAction.KEPENDUDUKAN_CEK,
        target=target,
        summary="Data kependudukan dicek",
        details=details,
    )
