"""The CSV export of the report (BO-5, SEC-3): admins only, audited, streamed."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sintren.accounts.models import User
from sintren.backoffice.selectors_laporan import (
    KOLOM_CSV,
    Lingkup,
    Periode,
    laporan_baris_csv,
)
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction

BOM = "\ufeff"  # lets spreadsheet programs read the file as UTF-8


class _Baris:
    """A file-like object whose ``write`` returns the line (csv.writer writes one row)."""

    def write(self, value: str) -> str:
        return value


def _aman(nilai: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + nilai if nilai[:1] in {"=", "+", "-", "@", "\t", "\r"} else nilai


def laporan_ekspor(
    *, actor: User, periode: Periode, lingkup: Lingkup, layanan_id: int | None = None
) -> Iterator[str]:
    """The report's requests of ``periode`` as CSV lines, one request a line.

    Only an admin may export (SEC-3: exports are admin-only); anyone else gets
    ``PermissionDenied`` and nothing is written. The export is audited when it is asked
    for (``laporan.ekspor``, with the period and the service filter, never a row of
    data); the lines are then produced while the response streams. The columns carry
    no NIK, Nomor KK, name, contact or comment: see :data:`KOLOM_CSV`.
    """
    if actor.role != User.Role.ADMIN:
        raise PermissionDenied
    with transaction.atomic():
        audit_log(
            actor=actor,
            action=AuditAction.LAPORAN_EKSPOR,
            summary="Laporan pengajuan diekspor (CSV)",
            details={
                "dari": periode.dari.isoformat(),
                "sampai": periode.sampai.isoformat(),
                "layanan": layanan_id,
            },
        )
    return _baris(periode, lingkup)


def _baris(periode: Periode, lingkup: Lingkup) -> Iterator[str]:
    writer = csv.writer(_Baris())
    yield BOM + str(writer.writerow(KOLOM_CSV))
    for row in laporan_baris_csv(periode=periode, lingkup=lingkup):
        yield str(writer.writerow([_aman(cell) for cell in row]))
