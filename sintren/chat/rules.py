"""When a request's chat is open (MSG-1), as data.

The chat opens once the request has been sent (a draft is the applicant's own work, no
staff member sees it) and stays open until the request is closed; a closed request
(*Ditolak*, *Selesai*, *Dihapus*) keeps its thread, read-only.
"""

from __future__ import annotations

from sintren.pengajuan.choices import StatusPengajuan

Status = StatusPengajuan

# Before sending: no thread yet, nobody to talk to.
BELUM_DIBUKA = frozenset({Status.DRAF})
# Closed: the history stays readable, nobody writes any more.
DITUTUP = frozenset({Status.DITOLAK, Status.SELESAI, Status.DIHAPUS})


def chat_terbuka(status: str) -> bool:
    """Whether messages may be sent about a request in ``status``."""
    return status not in BELUM_DIBUKA and status not in DITUTUP


def chat_ditutup(status: str) -> bool:
    """Whether the request is closed (its thread is read-only)."""
    return status in DITUTUP
