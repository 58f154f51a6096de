"""Private storage of issued documents (SEC-4, SEC-5).

Separate from the supporting documents' storage: the orphan sweep of that one would
remove every file no ``Berkas`` row points at. Files are written with
:func:`sintren.documents.storage.store_atomically` (temporary name, flush, link into
place) before the row that points to them commits, and are only served through the
access-checking views.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages

from sintren.documents.storage import (
    DIRECTORY_MODE,
    FILE_MODE,
    PrivateFileSystemStorage,
    random_name,
    store_atomically,
)

STORAGE_ALIAS = "keluaran"


def keluaran_storage() -> Storage:
    """``STORAGES["keluaran"]`` when a deployment configures one (object storage);
    otherwise local files under ``SINTREN_KELUARAN_ROOT`` (default ``DATA_DIR /
    "keluaran"``), outside the web root."""
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    root = getattr(settings, "SINTREN_KELUARAN_ROOT", settings.DATA_DIR / "keluaran")
    return PrivateFileSystemStorage(
        location=root,
        base_url=None,
        file_permissions_mode=FILE_MODE,
        directory_permissions_mode=DIRECTORY_MODE,
    )


def pdf_simpan(content: bytes) -> str:
    """Store ``content`` durably under a new random name; return that name."""
    return store_atomically(keluaran_storage(), random_name("pdf"), content)


def pdf_baca(name: str) -> bytes:
    """The bytes of a stored PDF (``FileNotFoundError`` when it is gone)."""
    with keluaran_storage().open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def pdf_hapus(name: str) -> None:
    """Remove a stored PDF; a file already gone is no error."""
    if name:
        storage = keluaran_storage()
        try:
            storage.delete(name)
        except FileNotFoundError:
            return


def lampiran_baca(ref: str) -> bytes:
    """Attachment loader for the email channel (``NOTIFICATION_LAMPIRAN``)."""
    return pdf_baca(ref)
