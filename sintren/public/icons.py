"""The service icons shipped in ``static/img/ikon/`` (one SVG per name)."""

from __future__ import annotations

FALLBACK = "dokumen"

# Names used by the catalogue seed, plus plain aliases staff may type in the admin.
IKON = frozenset(
    {
        "akta-kelahiran",
        "akta-kematian",
        "anak",
        "bayi",
        "biodata",
        "cerai",
        "datang",
        "desa",
        "dokumen",
        "kartu-keluarga",
        "keluarga",
        "keluarga-hilang",
        "keluarga-ubah",
        "kematian",
        "kia",
        "ktp",
        "nikah",
        "perceraian",
        "perkawinan",
        "pindah",
        "rumah-sakit",
    }
)


def ikon_name(name: str) -> str:
    """The icon to show for ``name``: itself when shipped, else the generic document."""
    return name if name in IKON else FALLBACK
