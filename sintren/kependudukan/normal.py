"""How names are compared with the population register (X-10).

A register keeps names as the civil registry typed them; applicants type them their
own way. Case, runs of spaces and punctuation ("Ny. Sari" / "NY SARI", "Abdul-Karim" /
"Abdul Karim", "Ma'ruf" / "Maruf") are not a difference. The HTTP register service is
asked to compare with the same rule (docs/kependudukan.md).
"""

from __future__ import annotations

import re
import unicodedata

from sintren.accounts.models.pemohon import nama_ibu_normalize

_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc]")
_NOT_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def nama_normalize(value: str) -> str:
    """``value`` as compared: NFKC, apostrophes dropped, other punctuation a space,
    spaces collapsed, case-folded."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text))
    return _SPACES.sub(" ", text).strip().casefold()


def nama_sama(a: str, b: str) -> bool:
    """Whether two names are the same under :func:`nama_normalize` (empty never is)."""
    left, right = nama_normalize(a), nama_normalize(b)
    return bool(left) and left == right


def nama_ibu_varian(nama: str) -> list[str]:
    """The forms of a register's mother's name to try against the applicant's hash.

    The portal keeps only a hash of the name the applicant typed, normalised by
    :func:`~sintren.accounts.models.pemohon.nama_ibu_normalize` (case and spaces): the
    register's name is tried as it is and without its punctuation.
    """
    varian = [nama_ibu_normalize(nama), nama_normalize(nama)]
    return [item for index, item in enumerate(varian) if item and item not in varian[:index]]
