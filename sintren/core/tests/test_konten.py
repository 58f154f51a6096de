"""The content version (sintren/core/konten.py): read without writing, bumped by edits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sintren.catalog.tests.factories import KategoriLayananFactory, LayananFactory
from sintren.core import konten
from sintren.core.konten import (
    CACHE_KEY,
    konten_berubah,
    konten_build,
    konten_kunci,
    konten_memo_clear,
    konten_versi,
    konten_versi_naik,
    konten_versi_waktu,
)
from sintren.informasi.models import Informasi

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


@pytest.fixture(autouse=True)
def own_cache(settings: Any) -> Iterator[None]:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"konten-{id(settings)}",
        }
    }
    konten_memo_clear()
    yield
    konten_memo_clear()


def _another_process() -> None:
    """Forget what this process read, as a process that starts now would."""
    konten_memo_clear()


def test_reading_a_missing_version_writes_nothing_and_stays_stable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = konten_versi()
    assert cache.get(CACHE_KEY) is None  # made up, not written
    assert konten_versi() == first
    monkeypatch.setattr(konten, "CHECK_SECONDS", 0.0)
    assert konten_versi() == first  # read again: still missing, still the same


@pytest.mark.django_db
def test_reading_with_the_database_cache_writes_nothing(settings: Any) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sintren_cache",
        }
    }
    call_command("createcachetable")  # absent when the suite runs with Redis
    konten_memo_clear()
    with CaptureQueriesContext(connection) as queries:
        konten_kunci()
        konten_kunci()
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert writes == []
    assert len(queries.captured_queries) == 1  # one read, then this process's copy


def test_a_bump_is_shared_and_never_goes_back(monkeypatch: pytest.MonkeyPatch) -> None:
    before = konten_versi()
    bumped = konten_versi_naik()
    assert bumped != before
    assert cache.get(CACHE_KEY) == bumped
    _another_process()
    assert konten_versi() == bumped
    cache.delete(CACHE_KEY)  # culled
    monkeypatch.setattr(konten, "CHECK_SECONDS", 0.0)
    assert konten_versi() not in {before, bumped}


def test_other_processes_see_a_bump_after_the_check_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    konten_versi_naik()
    mine = konten_versi()
    cache.set(CACHE_KEY, "1.lain", None)  # another process bumped
    assert konten_versi() == mine  # trusted for CHECK_SECONDS
    monkeypatch.setattr(konten, "CHECK_SECONDS", 0.0)  # as if that much time had passed
    assert konten_versi() == "1.lain"


def test_the_key_holds_version_deploy_and_year() -> None:
    versi = konten_versi_naik()
    key = konten_kunci()
    assert key.startswith(f"{versi}|{konten_build()}|")
    assert abs(konten_versi_waktu(versi) - time.time()) < 5
    assert konten_versi_waktu("bukan-versi") == 0


def test_the_deploy_fingerprint_follows_the_office_settings(settings: Any) -> None:
    before = konten_build()
    settings.SINTREN = {**settings.SINTREN, "OFFICE_NAME": "Dinas Lain"}
    assert konten_build() != before


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_an_edit_bumps_the_shared_version() -> None:
    before = konten_versi()
    KategoriLayananFactory()
    assert cache.get(CACHE_KEY) not in {None, before}
    assert konten_versi() == cache.get(CACHE_KEY)


@pytest.mark.django_db
def test_in_a_transaction_each_edit_moves_this_process_and_the_commit_bumps_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    seen = {konten_versi()}
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(3):
            LayananFactory(nama=f"Layanan {n}")
            seen.add(konten_versi())
        assert cache.get(CACHE_KEY) is None  # nothing shared before the commit
        Informasi.objects.create(judul="Baru", isi="isi")
        seen.add(konten_versi())
    assert len(seen) == 5  # every edit: a new version for this process
    assert len(callbacks) == 1  # and one shared bump at the commit
    assert cache.get(CACHE_KEY) == konten_versi()
    assert konten_versi() not in seen


@pytest.mark.django_db
def test_a_rolled_back_edit_queues_no_shared_bump(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                Informasi.objects.create(judul="Batal", isi="isi")
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []


@pytest.mark.django_db
def test_deleting_content_counts_as_an_edit() -> None:
    item = Informasi.objects.create(judul="Hapus", isi="isi")
    before = konten_versi()
    item.delete()
    assert konten_versi() != before


@pytest.mark.django_db
def test_the_seed_loaders_bump_only_when_something_changed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from sintren.informasi.seeding import informasi_load

    with django_capture_on_commit_callbacks() as first:
        assert informasi_load().berubah
    assert len(first) == 1
    with django_capture_on_commit_callbacks() as second:
        assert not informasi_load().berubah
    assert second == []


def test_berubah_outside_any_request_or_transaction_writes_the_cache() -> None:
    konten_berubah()
    assert cache.get(CACHE_KEY) == konten_versi()


@pytest.mark.django_db
def test_a_change_in_a_nested_block_stays_after_the_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A change made in a savepoint, or in Django's ``atomic(savepoint=False)`` around an
    m2m write, stays this process's version after the block, also with a version in the
    shared cache (Redis) and once the check interval is over."""
    shared = konten_versi_naik()
    with transaction.atomic():
        konten_berubah()
        inside = konten_versi()
    assert inside != shared
    assert konten_versi() == inside
    with transaction.atomic(savepoint=False):
        konten_berubah()
        m2m = konten_versi()
    assert konten_versi() == m2m != inside
    monkeypatch.setattr(konten, "CHECK_SECONDS", 0.0)  # the shared cache is read again
    assert konten_versi() == m2m  # nothing newer there
    with transaction.atomic():
        assert konten_versi() == m2m  # into a nested block: the same version
    cache.set(CACHE_KEY, "1.lain", None)  # another process bumped
    assert konten_versi() == "1.lain"
