"""The applicant's request list (*Cek Pengajuan*) at scale: the same queries at any size,
keyset pages, and (on PostgreSQL) the requests read through the list's partial index in
the list's order, without a sort of all the applicant's requests."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.models import Pemohon
from sintren.accounts.modes import mode_pribadi
from sintren.catalog.models import Layanan
from sintren.core.pagination import keyset_page
from sintren.ops.bench_pengajuan import bench_pengajuan_create
from sintren.ops.management.commands.bench_data import bench_pemohon_create
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.selectors import LIST_ORDER, FilterPengajuan, pengajuan_list_for_user
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.views import PER_PAGE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]
LIST = reverse("pengajuan:list")
_NEXT = re.compile(r'href="\?([^"]*kursor=[^"]*)" rel="next"')
# session, user, applicant, the page, the side menu (services, their schedules, closure
# days, today's quota use), the mode switcher's groups, unread chat messages of the rows
MAX_QUERIES = 10


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["page"]  # every kind of page shows rows
    return [q["sql"] for q in ctx.captured_queries]


def _list_queries(client: Client, pemohon: Any, layanan: Layanan) -> dict[str, list[str]]:
    """The queries of every kind of list page."""
    client.get(LIST)  # the first request after force_login starts the session policy
    kode = Pengajuan.objects.filter(pemohon=pemohon).order_by("pk").values_list("kode")[0][0]
    found = _NEXT.search(client.get(LIST).content.decode())
    assert found is not None
    return {
        "first": _queries(client, LIST),
        "status": _queries(client, f"{LIST}?status=dikirim"),
        "kode": _queries(client, f"{LIST}?kode={kode}"),
        "layanan": _queries(client, f"{LIST}?layanan={layanan.pk}"),
        "cursor": _queries(client, LIST + "?" + html.unescape(found[1])),
    }


def test_list_query_count_does_not_grow_with_the_table(
    client: Client, pemohon: Any, pemohon_lain: Any, layanan: Layanan
) -> None:
    client.force_login(pemohon.user)
    PengajuanFactory.create_batch(PER_PAGE + 5, pemohon=pemohon, layanan=layanan, dikirim=True)
    small = _list_queries(client, pemohon, layanan)
    PengajuanFactory.create_batch(150, pemohon=pemohon, layanan=layanan, dikirim=True)
    PengajuanFactory.create_batch(150, pemohon=pemohon_lain, layanan=layanan, dikirim=True)
    large = _list_queries(client, pemohon, layanan)
    for kind, queries in large.items():
        assert len(queries) == len(small[kind]), (kind, small[kind], queries)
        assert len(queries) <= MAX_QUERIES, (kind, queries)
        for sql in queries:
            assert "OFFSET" not in sql.upper(), sql
            assert "COUNT(*)" not in sql.upper(), sql


def test_list_reads_the_requests_through_the_partial_index(
    wilayah_pekalongan: Any, layanan: Layanan
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("EXPLAIN plans are checked on PostgreSQL")
    bench_pemohon_create(300, seed=4)
    bench_pengajuan_create(20_000, seed=4)  # runs ANALYZE
    top = Pengajuan.objects.values("pemohon").annotate(n=Count("id")).order_by("-n")[0]
    assert top["n"] > 3 * PER_PAGE
    user = Pemohon.objects.get(pk=top["pemohon"]).user
    kode = Pengajuan.objects.filter(pemohon=top["pemohon"]).values_list("kode", flat=True)[0]

    def page(cursor: str | None = None, **filters: Any) -> Any:
        queryset = pengajuan_list_for_user(user, mode_pribadi(), FilterPengajuan(**filters))
        return keyset_page(queryset, LIST_ORDER, cursor, PER_PAGE, namespace="pengajuan")

    first = page()
    with CaptureQueriesContext(connection) as ctx:
        page()
        page(first.next_cursor)
        page(status="selesai")
        page(kode=kode)
    plans = []
    with connection.cursor() as cursor:
        for query in ctx.captured_queries:
            cursor.execute("EXPLAIN " + query["sql"])
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    for plan in plans:
        assert "Seq Scan on pengajuan_pengajuan" not in plan, plan
    for plan in plans[:3]:  # pages of the list: the index gives the order
        assert "pengajuan_pemohon_daftar_idx" in plan, plan
        assert "Sort" not in plan, plan
