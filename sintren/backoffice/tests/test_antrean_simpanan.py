"""Kept queue pages (sintren/core/simpanan.py): shown again until a registration changes.

These tests commit (``transaction=True``): inside a test transaction nothing is kept,
which is also why every other queue test sees freshly rendered pages.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.models import Pemohon, User
from sintren.accounts.selectors import ANTREAN_PENDAFTARAN
from sintren.accounts.services import pendaftaran_approve
from sintren.accounts.tests.factories import PemohonFactory, StaffFactory
from sintren.core import simpanan

pytestmark = pytest.mark.django_db(transaction=True)

LIST = reverse("backoffice:pendaftaran_list")


@pytest.fixture(autouse=True)
def _fresh() -> Any:
    simpanan.simpanan_kosongkan()
    cache.delete(simpanan._PREFIX + ANTREAN_PENDAFTARAN)
    yield
    simpanan.simpanan_kosongkan()


def _staff(name: str) -> tuple[User, Client]:
    user = StaffFactory.create(role=User.Role.VERIFIKATOR, first_name=name, last_name="")
    client = Client()
    client.force_login(user)
    client.get(LIST)  # the first page sets the CSRF cookie; it is not kept without it
    return user, client


def _get(client: Client, url: str = LIST) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def test_a_page_shown_again_runs_no_list_query(wilayah_pekalongan: Any) -> None:
    pending = PemohonFactory.create()
    _, client = _staff("Kenanga")
    first, rendered = _get(client)
    again, kept = _get(client)
    assert again == first
    assert pending.nama_lengkap in again
    assert kept < rendered  # session, user and the version only
    sql = [q["sql"] for q in _queries(client)]
    assert not any('ORDER BY "accounts_pemohon"' in q or "COUNT(" in q for q in sql), sql


def _queries(client: Client) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as ctx:
        client.get(LIST)
    return ctx.captured_queries


def test_a_changed_registration_shows_at_once(wilayah_pekalongan: Any) -> None:
    pending = PemohonFactory.create()
    user, client = _staff("Kenanga")
    before, _ = _get(client)
    assert "bo-status-menunggu" in before
    pendaftaran_approve(pemohon=pending, actor=user)
    after, _ = _get(client)
    assert after != before
    assert Pemohon.objects.get(pk=pending.pk).status == Pemohon.Status.DISETUJUI
    assert "bo-status-menunggu" not in after
    # A new registration, and a deleted one, change the page as well.
    baru = PemohonFactory.create()
    assert baru.nama_lengkap in _get(client)[0]
    baru.delete()
    assert baru.nama_lengkap not in _get(client)[0]


def test_each_staff_member_gets_their_own_page(wilayah_pekalongan: Any) -> None:
    PemohonFactory.create()
    _, ani = _staff("Kenanga")
    _, budi = _staff("Melati")
    page_ani, _ = _get(ani)
    page_budi, _ = _get(budi)
    assert "Kenanga" in page_ani
    assert "Melati" not in page_ani
    assert "Melati" in page_budi
    assert "Kenanga" not in page_budi


def test_filters_pages_and_searches_are_kept_apart(wilayah_pekalongan: Any) -> None:
    pending = PemohonFactory.create()
    _, client = _staff("Kenanga")
    aktif = PemohonFactory.create(aktif=True)
    all_rows, _ = _get(client)
    only_active, _ = _get(client, f"{LIST}?status=aktif")
    assert pending.nama_lengkap in all_rows
    assert pending.nama_lengkap not in only_active
    assert aktif.nama_lengkap in only_active
    response = client.post(LIST, {"q": aktif.nik, "status": ""})
    assert response.status_code == 302
    searched, _ = _get(client)
    assert aktif.nama_lengkap in searched
    assert pending.nama_lengkap not in searched


def test_a_page_with_a_message_is_rendered_and_the_message_shown_once(
    wilayah_pekalongan: Any,
) -> None:
    PemohonFactory.create()
    _, client = _staff("Kenanga")
    _get(client)
    client.post(LIST, {"q": "x", "status": ""})  # too short: an error message
    with_message, _ = _get(client)
    assert "Ketik minimal 3 huruf nama" in with_message
    without, _ = _get(client)
    assert "Ketik minimal 3 huruf nama" not in without  # shown once, then the kept page


def _kept_queries(client: Client) -> int:
    """Render the list for ``client``, then return the queries of showing it again."""
    _get(client)
    return _get(client)[1]


def _later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    now = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: now + seconds)


def test_a_kept_page_is_at_most_a_minute_old(
    wilayah_pekalongan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    PemohonFactory.create()
    _, client = _staff("Kenanga")
    kept = _kept_queries(client)
    _later(monkeypatch, simpanan.DETIK + 1)
    _, rendered = _get(client)
    assert rendered > kept


def test_the_process_keeps_a_bounded_number_of_pages(
    wilayah_pekalongan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(simpanan, "BATAS", 2)
    PemohonFactory.create()
    _, client = _staff("Kenanga")
    for status in ("", "menunggu", "aktif", "ditolak"):
        _get(client, f"{LIST}?status={status}")
    assert len(simpanan._pages) == 2


def test_bench_data_makes_kept_pages_old(wilayah_pekalongan: Any) -> None:
    from sintren.ops.management.commands.bench_data import bench_pemohon_create

    _staff("Kenanga")
    before = simpanan.versi(ANTREAN_PENDAFTARAN)
    bench_pemohon_create(3)
    assert simpanan.versi(ANTREAN_PENDAFTARAN) != before


def test_a_change_made_by_another_process_shows_within_a_second(
    wilayah_pekalongan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    PemohonFactory.create()
    _, client = _staff("Kenanga")
    kept = _kept_queries(client)
    # Another worker committed a change: only the shared version moved.
    cache.set(simpanan._PREFIX + ANTREAN_PENDAFTARAN, "versi-proses-lain", timeout=None)
    assert _get(client)[1] == kept  # trusted for PERCAYA seconds
    _later(monkeypatch, simpanan.PERCAYA + 0.1)
    _, rendered = _get(client)
    assert rendered > kept
    assert simpanan.versi(ANTREAN_PENDAFTARAN) == "versi-proses-lain"


def test_a_kept_page_is_compressed_once_for_browsers_that_accept_gzip(
    wilayah_pekalongan: Any,
) -> None:
    import gzip

    PemohonFactory.create()
    _, client = _staff("Kenanga")
    plain, _ = _get(client)
    packed = [client.get(LIST, headers={"accept-encoding": "gzip"}) for _ in range(2)]
    for response in packed:
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content).decode() == plain
    assert packed[0].content == packed[1].content  # one compressed copy
    assert client.get(LIST).content.decode() == plain  # and plain for the others
