"""The registration queue at scale: keyset pages, indexed search, bounded counts.

The list must cost the same number of queries at any table size, never run OFFSET or
an unbounded COUNT(*), and (on PostgreSQL) read ``accounts_pemohon`` through an index.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.models import Pemohon
from sintren.accounts.selectors import pendaftaran_queue
from sintren.core.pagination import keyset_page
from sintren.ops.management.commands.bench_data import bench_pemohon_create
from sintren.regions.models import Wilayah

LIST = reverse("backoffice:pendaftaran_list")
_CURSOR_LINK = re.compile(r'href="\?([^"]*kursor=[^"]*)" rel="(next|prev)"')


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> int:
    """Pages of 10 rows, so that a small table has several."""
    monkeypatch.setattr("sintren.backoffice.views.pendaftaran.PER_PAGE", 10)
    return 10


def _links(response: Any) -> dict[str, str]:
    """The *Berikutnya* / *Sebelumnya* links of a list page: {"next": "?…", "prev": "?…"}."""
    text = response.content.decode()
    return {rel: "?" + html.unescape(query) for query, rel in _CURSOR_LINK.findall(text)}


def _pks(response: Any) -> list[int]:
    return [p.pk for p in response.context["page"]]


def _search(client: Client, q: str, status: str = "") -> None:
    response = client.post(LIST, {"q": q, "status": status})
    assert response.status_code == 302


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_pages_of_fifty_with_next_and_previous_links(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    bench_pemohon_create(120)
    expected = list(pendaftaran_queue().values_list("pk", flat=True))
    first = verifikator_client.get(LIST)
    assert _pks(first) == expected[:50]
    assert set(_links(first)) == {"next"}
    assert "Sebelumnya" not in first.content.decode()
    second = verifikator_client.get(LIST + _links(first)["next"])
    assert _pks(second) == expected[50:100]
    assert set(_links(second)) == {"next", "prev"}
    assert "Halaman pertama" in second.content.decode()
    third = verifikator_client.get(LIST + _links(second)["next"])
    assert _pks(third) == expected[100:]
    assert set(_links(third)) == {"prev"}
    back = verifikator_client.get(LIST + _links(third)["prev"])
    assert _pks(back) == expected[50:100]
    back = verifikator_client.get(LIST + _links(back)["prev"])
    assert _pks(back) == expected[:50]
    assert set(_links(back)) == {"next"}


def test_links_keep_the_status_and_carry_no_personal_data(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    bench_pemohon_create(150, seed=3)
    aktif = list(pendaftaran_queue(status="aktif").values_list("pk", flat=True))
    assert len(aktif) > 50
    first = verifikator_client.get(LIST, {"status": "aktif"})
    link = _links(first)["next"]
    assert link.startswith("?status=aktif&kursor=")
    second = verifikator_client.get(LIST + link)
    assert _pks(second) == aktif[50:100]
    assert all(p.status == "aktif" for p in second.context["page"])
    for pemohon in first.context["page"]:
        assert pemohon.nik not in link
        assert pemohon.nama_lengkap not in link


def test_a_forged_or_stale_cursor_shows_the_first_page(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    bench_pemohon_create(60)
    first = _pks(verifikator_client.get(LIST))
    for cursor in ("rubbish", "eyJrIjpbMCwiMjAyNS0wMS0wMSIsMV0sImQiOiJuIn0:1x:forged"):
        response = verifikator_client.get(LIST, {"kursor": cursor})
        assert response.status_code == 200
        assert _pks(response) == first
    # A cursor of the unfiltered list does not apply to a status-filtered one.
    link = _links(verifikator_client.get(LIST))["next"]
    response = verifikator_client.get(LIST + link.replace("?", "?status=menunggu&", 1))
    assert _pks(response) == list(
        pendaftaran_queue(status="menunggu").values_list("pk", flat=True)[:50]
    )


def test_search_by_nik_or_nomor_kk_finds_the_exact_rows(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    bench_pemohon_create(200)
    target = Pemohon.objects.order_by("pk")[137]
    _search(verifikator_client, target.nik)
    assert _pks(verifikator_client.get(LIST)) == [target.pk]
    same_kk = set(Pemohon.objects.filter(nomor_kk=target.nomor_kk).values_list("pk", flat=True))
    _search(verifikator_client, target.nomor_kk)
    assert set(_pks(verifikator_client.get(LIST))) == same_kk
    prefix = target.nik[:14]
    _search(verifikator_client, prefix)
    found = verifikator_client.get(LIST).context["page"]
    assert target.pk in {p.pk for p in found}
    assert all(p.nik.startswith(prefix) for p in found)


def test_search_by_part_of_the_name_across_pages(
    verifikator_client: Client, wilayah_pekalongan: Wilayah, small_pages: int
) -> None:
    bench_pemohon_create(400, seed=7)
    matches = list(pendaftaran_queue(q="sri").values_list("pk", flat=True))
    assert len(matches) > 2 * small_pages
    _search(verifikator_client, "  SrI ")
    first = verifikator_client.get(LIST)
    assert _pks(first) == matches[:small_pages]
    second = verifikator_client.get(LIST + _links(first)["next"])
    assert _pks(second) == matches[small_pages : 2 * small_pages]
    assert all("sri" in p.nama_lengkap.lower() for p in second.context["page"])


def test_a_name_search_needs_three_letters(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    bench_pemohon_create(10)
    response = verifikator_client.post(LIST, {"q": "ab", "status": ""}, follow=True)
    assert "Ketik minimal 3 huruf nama" in response.content.decode()
    assert len(_pks(response)) == 10  # the list, unsearched
    assert len(_pks(verifikator_client.get(LIST))) == 10


def test_the_count_stops_at_a_thousand(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    bench_pemohon_create(1001)
    text = verifikator_client.get(LIST).content.decode()
    assert "Lebih dari 1.000 pendaftaran" in text
    menunggu = Pemohon.objects.filter(status="menunggu").count()
    assert menunggu < 1000
    text = verifikator_client.get(LIST, {"status": "menunggu"}).content.decode()
    assert f"{menunggu} pendaftaran" in text


def _list_queries(client: Client, first_nik: Callable[[], str]) -> dict[str, list[str]]:
    """The queries of every kind of list page, the search kept in the session."""
    got: dict[str, list[str]] = {}
    client.get(LIST)  # the first request after force_login starts the session policy
    got["first"] = _queries(client, LIST)
    got["status"] = _queries(client, f"{LIST}?status=aktif")
    link = _links(client.get(LIST))["next"]
    got["cursor"] = _queries(client, LIST + link)
    _search(client, "wati")
    got["name"] = _queries(client, LIST)
    _search(client, first_nik())
    got["nik"] = _queries(client, LIST)
    _search(client, "", "")
    return got


def test_query_count_does_not_grow_with_the_table(
    verifikator_client: Client, wilayah_pekalongan: Wilayah, small_pages: int
) -> None:
    def nik() -> str:
        return Pemohon.objects.order_by("-pk").values_list("nik", flat=True)[0]

    bench_pemohon_create(30)
    small = _list_queries(verifikator_client, nik)
    bench_pemohon_create(270)
    large = _list_queries(verifikator_client, nik)
    for kind, queries in large.items():
        assert len(queries) == len(small[kind]), (kind, small[kind], queries)
        assert len(queries) <= 4, (kind, queries)  # session, user, page, bounded count
        for sql in queries:
            upper = sql.upper()
            assert "OFFSET" not in upper, sql
            if "COUNT(" in upper:
                assert "LIMIT 1001" in upper, sql  # a bounded count, never the whole table


@pytest.mark.django_db
def test_queue_reads_the_table_through_an_index(wilayah_pekalongan: Wilayah) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    bench_pemohon_create(20_000, seed=11)  # runs ANALYZE
    nik = Pemohon.objects.order_by("pk").values_list("nik", flat=True)[9_999]
    cases = {
        "first": pendaftaran_queue(),
        "status": pendaftaran_queue(status="ditolak"),
        "nik": pendaftaran_queue(q=nik),
        "name": pendaftaran_queue(q="xyzq"),
    }
    first = keyset_page(pendaftaran_queue())
    ditolak = keyset_page(pendaftaran_queue(status="ditolak"))
    with CaptureQueriesContext(connection) as ctx:
        for qs in cases.values():
            keyset_page(qs)
        assert keyset_page(pendaftaran_queue(), cursor=first.next_cursor).has_previous
        page = keyset_page(pendaftaran_queue(status="ditolak"), cursor=ditolak.next_cursor)
        assert page.has_previous
    assert len(ctx.captured_queries) == len(cases) + 2
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            cursor.execute("EXPLAIN " + query["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Seq Scan on accounts_pemohon" not in plan, plan
            assert "accounts_pemohon" in plan


def test_queue_rows_show_each_registration_escaped_with_its_link(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    """The rows built in Python (antrean_tags) carry what the template used to write."""
    from sintren.accounts.tests.factories import PemohonFactory

    pemohon = PemohonFactory.create(
        nama_lengkap="Sri <b>Rahayu</b> & Anak", wilayah=wilayah_pekalongan
    )
    page = verifikator_client.get(LIST).content.decode()
    row = next(r for r in page.split("<tr>") if f"/{pemohon.pk}/" in r)
    detail = reverse("backoffice:pendaftaran_detail", args=[pemohon.pk])
    assert f'<a href="{detail}">Sri &lt;b&gt;Rahayu&lt;/b&gt; &amp; Anak</a>' in row
    assert "<b>" not in row
    assert f'<td data-label="NIK" class="bo-mono">{pemohon.nik}</td>' in row
    assert f'<td data-label="Desa/Kelurahan">{html.escape(wilayah_pekalongan.name)}</td>' in row
    status = pemohon.get_status_display()
    assert f'<span class="bo-status bo-status-{pemohon.status}">{status}</span>' in row
    assert '<td data-label="Umur">0 menit</td>' in row


def test_an_empty_queue_says_so(verifikator_client: Client) -> None:
    page = verifikator_client.get(LIST + "?status=ditolak").content.decode()
    assert '<td colspan="6">Tidak ada pendaftaran.</td>' in page
