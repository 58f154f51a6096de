"""The registration status machine as data (ACC-1…ACC-6).

``TRANSITIONS`` maps each status to the statuses it may move to and the roles that may
move it there. :func:`sintren.accounts.services.pemohon_transition` is the only code
that writes ``Pemohon.status``, and it asks :func:`allowed_next` first; pages show the
buttons :func:`allowed_next` returns and never compare statuses themselves.
"""

from __future__ import annotations

from sintren.accounts.models import Pemohon, User

Status = Pemohon.Status
Role = User.Role
SISTEM = "sistem"

STAFF = frozenset({Role.VERIFIKATOR, Role.ADMIN})
SELF = frozenset({Role.PEMOHON})

TRANSITIONS: dict[str, dict[str, frozenset[str]]] = {
    # Verification by the Dinas (ACC-3).
    Status.MENUNGGU: {Status.DISETUJUI: STAFF, Status.DITOLAK: STAFF},
    # Activation through the link, by the applicant (ACC-4).
    Status.DISETUJUI: {Status.AKTIF: SELF},
    # Re-registration after a proven login, by the applicant (ACC-6).
    Status.DITOLAK: {Status.MENUNGGU: SELF},
    Status.AKTIF: {},
}


def allowed_next(status: str, role: str) -> list[str]:
    """The statuses ``role`` may move a registration in ``status`` to, in table order."""
    return [to for to, roles in TRANSITIONS.get(status, {}).items() if role in roles]


def may_transition(status: str, to: str, role: str) -> bool:
    """Whether ``role`` may move a registration from ``status`` to ``to``."""
    return role in TRANSITIONS.get(status, {}).get(to, frozenset())
