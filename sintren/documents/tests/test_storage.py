"""Private document storage: random names, no URLs, durable writes (DOC-3, SEC-4, SEC-5)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import InMemoryStorage

from sintren.documents.storage import (
    PrivateFileSystemStorage,
    private_storage,
    random_name,
    store_atomically,
)


@pytest.fixture
def berkas_root(settings, tmp_path: Path) -> Path:
    settings.SINTREN_BERKAS_ROOT = tmp_path / "berkas"
    return tmp_path / "berkas"


def files_under(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_random_name_is_fanned_out_uuid() -> None:
    names = {random_name() for _ in range(1000)}
    assert len(names) == 1000
    for name in names:
        match = re.fullmatch(r"([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{32})\.jpg", name)
        assert match
        assert match[3].startswith(match[1] + match[2])
    assert random_name("png").endswith(".png")


def test_private_storage_defaults_to_data_dir(settings) -> None:
    if hasattr(settings, "SINTREN_BERKAS_ROOT"):
        del settings.SINTREN_BERKAS_ROOT
    storage = private_storage()
    assert isinstance(storage, PrivateFileSystemStorage)
    assert Path(storage.location) == Path(settings.DATA_DIR) / "berkas"


def test_private_storage_has_no_url(berkas_root: Path) -> None:
    storage = private_storage()
    assert isinstance(storage, PrivateFileSystemStorage)
    assert Path(storage.location) == berkas_root
    with pytest.raises(NotImplementedError):
        storage.url("ab/cd/x.jpg")


def test_private_storage_uses_a_configured_backend(settings) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "berkas": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert isinstance(private_storage(), InMemoryStorage)


def test_store_atomically_writes_durably(berkas_root: Path) -> None:
    storage = private_storage()
    name = random_name()
    assert store_atomically(storage, name, b"isi berkas") == name
    path = berkas_root / name
    assert path.read_bytes() == b"isi berkas"
    assert files_under(berkas_root) == [name]  # no temporary file left behind
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o750
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o750
    with storage.open(name) as handle:
        assert handle.read() == b"isi berkas"


def test_store_atomically_never_overwrites(berkas_root: Path) -> None:
    storage = private_storage()
    first = store_atomically(storage, "ab/cd/sama.jpg", b"pertama")
    second = store_atomically(storage, "ab/cd/sama.jpg", b"kedua")
    assert first == "ab/cd/sama.jpg"
    assert second != first
    assert second.startswith("ab/cd/sama_")
    assert (berkas_root / first).read_bytes() == b"pertama"
    assert (berkas_root / second).read_bytes() == b"kedua"


@pytest.mark.parametrize(
    "name",
    ["../keluar.jpg", "ab/../../keluar.jpg", "/etc/keluar.jpg"],
    ids=["parent", "nested-parent", "absolute"],
)
def test_store_atomically_refuses_names_outside_the_root(berkas_root: Path, name: str) -> None:
    with pytest.raises(SuspiciousFileOperation):
        store_atomically(private_storage(), name, b"x")
    assert not (berkas_root.parent / "keluar.jpg").exists()


def test_failed_write_leaves_nothing(berkas_root: Path, monkeypatch) -> None:
    real_fsync = os.fsync

    def fsync_failing_for_files(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_for_files)
    with pytest.raises(OSError, match="No space"):
        store_atomically(private_storage(), "ab/cd/gagal.jpg", b"x" * 1000)
    monkeypatch.undo()
    assert (berkas_root / "ab" / "cd").is_dir()
    assert files_under(berkas_root) == []  # neither the temporary nor the final file


def test_other_backends_use_save() -> None:
    storage = InMemoryStorage()
    name = store_atomically(storage, "ab/cd/x.jpg", b"isi")
    assert name == "ab/cd/x.jpg"
    with storage.open(name) as handle:
        assert handle.read() == b"isi"
