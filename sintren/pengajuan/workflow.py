"""The request status machine as data (REQ-8).

``TRANSITIONS`` maps each status to the statuses it may move to and the roles that may
move it there. :func:`sintren.pengajuan.services.pengajuan_transition` is the only code
that writes ``Pengajuan.status``, and it asks :func:`may_transition` first; pages show
the buttons :func:`allowed_next` returns and never compare statuses themselves.

A request is created as *Draf* (not a transition: it has no status before).
"""

from __future__ import annotations

from sintren.accounts.models import User
from sintren.pengajuan.choices import StatusPengajuan

Status = StatusPengajuan
Role = User.Role

STAFF = frozenset({Role.VERIFIKATOR, Role.ADMIN})
SELF = frozenset({Role.PEMOHON})

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    # The applicant sends (REQ-6) or deletes (REQ-7) a draft.
    Status.DRAF: {Status.DIKIRIM: SELF, Status.DIHAPUS: SELF},
    # A verifier takes a sent request (BO-3).
    Status.DIKIRIM: {Status.DIPROSES: STAFF},
    # The verifier's decision: back for correction, rejected, issued, ready for pickup,
    # or finished outright (a service without an output document).
    Status.DIPROSES: {
        Status.PERBAIKAN: STAFF,
        Status.DITOLAK: STAFF,
        Status.TERBIT: STAFF,
        Status.SIAP_DIAMBIL: STAFF,
        Status.SELESAI: STAFF,
    },
    # The applicant corrects and sends again.
    Status.PERBAIKAN: {Status.DIKIRIM: SELF},
    Status.TERBIT: {Status.SELESAI: STAFF},
    Status.SIAP_DIAMBIL: {Status.SELESAI: STAFF},
    Status.DITOLAK: {},
    Status.SELESAI: {},
    Status.DIHAPUS: {},
}

# Statuses in which the applicant may change the request's data (REQ-5 *Edit
# Pengajuan*). *Perlu Perbaikan* will allow the fields the verifier marked.
EDITABLE = frozenset({Status.DRAF})

# Transitions that need a note the applicant is told (the correction, the reason).
NEEDS_NOTE = frozenset({Status.PERBAIKAN, Status.DITOLAK})


def allowed_next(status: str, role: str) -> list[str]:
    """The statuses ``role`` may move a request in ``status`` to, in table order."""
    return [to for to, roles in TRANSITIONS.get(status, {}).items() if role in roles]


def may_transition(status: str, to: str, role: str) -> bool:
    """Whether ``role`` may move a request from ``status`` to ``to``."""
    return role in TRANSITIONS.get(status, {}).get(to, frozenset())


def is_editable(status: str) -> bool:
    """Whether the applicant may edit a request in ``status`` (*Edit Pengajuan*)."""
    return status in EDITABLE
