"""Private storage for supporting documents (DOC-3, SEC-4, SEC-5).

Files live outside the web root under random names and are only ever served through an
access-checking view: the storage has no URL. ``store_atomically`` makes a write
durable before the database row that points to it commits (SEC-5): the bytes go to a
temporary file in the target directory, are flushed to disk, and the file is then
linked into place under its final name (never overwriting one), and the directory
entry is flushed too. A crash leaves at most a ``.part`` file or an unreferenced file
for the orphan sweeper, never a row pointing at a missing or partial file.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

STORAGE_ALIAS = "berkas"
FILE_MODE = 0o640
DIRECTORY_MODE = 0o750
TEMP_PREFIX, TEMP_SUFFIX = ".", ".part"
_ATTEMPTS = 5


class PrivateFileSystemStorage(FileSystemStorage):
    """A ``FileSystemStorage`` without URLs: its files are served only by views that
    check permission (and set the SEC-4 headers), never from a public media URL."""

    def url(self, name: str | None) -> str:
        msg = "Private files have no URL; serve them through the access-checking view."
        raise NotImplementedError(msg)


def private_storage() -> Storage:
    """The storage of uploaded documents.

    ``STORAGES["berkas"]`` when a deployment configures one (S3-compatible object
    storage for the scale-out shape); otherwise local files under
    ``SINTREN_BERKAS_ROOT`` (default ``DATA_DIR / "berkas"``), outside the web root.
    """
    if STORAGE_ALIAS in settings.STORAGES:
        return storages[STORAGE_ALIAS]
    root = getattr(settings, "SINTREN_BERKAS_ROOT", settings.DATA_DIR / "berkas")
    return PrivateFileSystemStorage(
        location=root,
        base_url=None,
        file_permissions_mode=FILE_MODE,
        directory_permissions_mode=DIRECTORY_MODE,
    )


def random_name(extension: str = "jpg") -> str:
    """``ab/cd/<uuid4 hex>.<extension>``: unguessable, fanned out over two levels of
    directories taken from the name itself, so no directory grows too large."""
    token = uuid.uuid4().hex
    return f"{token[:2]}/{token[2:4]}/{token}.{extension}"


def store_atomically(storage: Storage, name: str, content: bytes) -> str:
    """Write ``content`` under ``name`` (or, if taken, a free variant of it) durably, and
    return the name actually stored. Other backends than the file system get a plain
    ``storage.save`` (object stores write whole objects atomically)."""
    if not isinstance(storage, FileSystemStorage):
        return storage.save(name, ContentFile(content))
    for _attempt in range(_ATTEMPTS):
        # Validates the name (no absolute paths, no "..") and skips one already taken.
        candidate = storage.get_available_name(name)
        if _write_new_file(storage, candidate, content):
            return candidate
    msg = f"No free name found for {name!r} after {_ATTEMPTS} attempts."
    raise FileExistsError(msg)


def _write_new_file(storage: FileSystemStorage, name: str, content: bytes) -> bool:
    """Temp file, fsync, link into place, fsync the directory. False if the name was
    taken in the meantime (nothing written then)."""
    final = Path(storage.path(name))  # refuses names that leave the storage root
    _make_directories(final.parent, storage.directory_permissions_mode)
    fd, temp_path = tempfile.mkstemp(dir=final.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_path, storage.file_permissions_mode or FILE_MODE)
        try:
            os.link(temp_path, final)  # unlike rename, never replaces an existing file
        except FileExistsError:
            return False
        except OSError:
            # A file system without hard links: rename (the name was free a moment ago).
            os.replace(temp_path, final)
    finally:
        Path(temp_path).unlink(missing_ok=True)
    _fsync_directory(final.parent)
    return True


def _make_directories(directory: Path, mode: int | None) -> None:
    """Create the missing directories, each with ``mode`` and its entry flushed."""
    missing: list[Path] = []
    while not directory.is_dir():
        missing.append(directory)
        directory = directory.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue  # made by a concurrent upload
        path.chmod(mode or DIRECTORY_MODE)  # mkdir's mode would be cut by the umask
        _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
