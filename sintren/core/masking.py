"""One way to show a NIK, a phone number or an email address partly hidden."""

from __future__ import annotations


def mask_phone(nomor: str) -> str:
    """A phone number with its middle hidden: ``+6281234567890`` → ``+62812*****890``."""
    nomor = str(nomor or "")
    if len(nomor) <= 8:
        return "*" * len(nomor)
    return nomor[:6] + "*" * (len(nomor) - 9) + nomor[-3:]


def mask_recipient(value: str) -> str:
    """A phone number or an email address with most of it hidden (``b***@contoh.id``)."""
    value = str(value or "")
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return mask_phone(value)


def mask_nik(nik: str) -> str:
    """A NIK with its middle hidden: ``3326074404930006`` → ``332607******0006``.

    The region code (first six digits) and the last four stay, so the applicant can
    recognise whose NIK it is on a receipt or a list that others may see; anything that
    is not 16 characters long is shown as it is (a dash when empty).
    """
    text = str(nik or "")
    if len(text) != 16:
        return text or "–"
    return f"{text[:6]}{'*' * 6}{text[-4:]}"


def mask_nama(nama: str) -> str:
    """A name with all but the first letter of each word hidden: ``Siti Aminah`` →
    ``S*** A*****``. Enough for the holder to recognise it, too little to learn it."""
    words = str(nama or "").split()
    return " ".join(word[:1] + "*" * max(len(word) - 1, 2) for word in words) or "–"
