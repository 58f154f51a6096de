"""The searchable audit log (BO-6): filters, keyset pages and a constant query count."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sintren.accounts.actors import SYSTEM
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db

AUDIT = reverse("backoffice:audit_list")


def _ids(client: Client, **params: Any) -> list[int]:
    response = client.get(AUDIT, params)
    assert response.status_code == 200
    return [event.pk for event in response.context["page"]]


def _fill(n: int, actor: Any, target: Any = None) -> None:
    for _ in range(n):
        audit_log(actor=actor, action=AuditAction.PENDAFTARAN_LIHAT, target=target)


def test_search_by_actor_action_object_and_dates(
    admin_client_otp: Client, admin: Any, verifikator: Any, pemohon: Any
) -> None:
    pengajuan = PengajuanFactory.create(dikirim=True)
    lihat = audit_log(actor=verifikator, action=AuditAction.PENDAFTARAN_LIHAT, target=pemohon)
    kirim = audit_log(
        actor=pemohon.user, action=AuditAction.PENGAJUAN_KIRIM, target=pengajuan,
        details={"kode": pengajuan.kode},
    )  # fmt: skip
    sistem = audit_log(actor=SYSTEM, action=AuditAction.PENGAJUAN_HAPUS, target=pengajuan)
    lama = audit_log(actor=verifikator, action=AuditAction.KEPENDUDUKAN_CEK, target=pemohon)
    AuditEvent.objects.filter(pk=lama.pk).update(created_at=timezone.now() - timedelta(days=10))

    assert _ids(admin_client_otp, pelaku=verifikator.username.upper()) == [lihat.pk, lama.pk]
    assert _ids(admin_client_otp, pelaku="sistem") == [sistem.pk]
    assert _ids(admin_client_otp, pelaku=f"pemohon#{pemohon.user.pk}") == [kirim.pk]
    assert _ids(admin_client_otp, pelaku="tidak-ada") == []
    assert _ids(admin_client_otp, aksi="kependudukan.cek") == [lama.pk]
    assert _ids(admin_client_otp, aksi="dikirim") == [kirim.pk]  # part of a label or code
    assert _ids(admin_client_otp, objek=pengajuan.kode.lower()) == [sistem.pk, kirim.pk]
    assert _ids(admin_client_otp, objek=f"accounts.pemohon #{pemohon.pk}") == [lihat.pk, lama.pk]
    assert _ids(admin_client_otp, objek="BUKANKODE") == []
    past = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert _ids(admin_client_otp, sampai=past) == [lama.pk]
    assert lama.pk not in _ids(admin_client_otp, dari=timezone.localdate().isoformat())


def test_a_reversed_date_range_is_a_clear_message(admin_client_otp: Client, admin: Any) -> None:
    response = admin_client_otp.get(AUDIT, {"dari": "2026-12-10", "sampai": "2026-12-01"})
    assert response.status_code == 200
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in response.content.decode()


def test_request_events_link_to_the_request_by_code(
    admin_client_otp: Client, admin: Any, wilayah_pekalongan: Any
) -> None:
    pengajuan = PengajuanFactory.create(dikirim=True)
    audit_log(
        actor=admin, action=AuditAction.PENGAJUAN_PROSES, target=pengajuan,
        details={"kode": pengajuan.kode},
    )  # fmt: skip
    html = admin_client_otp.get(AUDIT).content.decode()
    assert reverse("backoffice:pengajuan_detail", args=[pengajuan.kode]) in html


def test_keyset_pages_walk_the_whole_log_once(
    admin_client_otp: Client, admin: Any, verifikator: Any
) -> None:
    _fill(120, verifikator)
    seen: list[int] = []
    cursor = None
    for _ in range(4):
        response = admin_client_otp.get(
            AUDIT, {"pelaku": verifikator.username, **({"kursor": cursor} if cursor else {})}
        )
        page = response.context["page"]
        seen += [event.pk for event in page]
        cursor = page.next_cursor
        if cursor is None:
            break
        assert "kursor=" in response.content.decode()
        assert f"pelaku={verifikator.username}" in response.content.decode()
    expected = list(
        AuditEvent.objects.filter(actor=verifikator)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )
    assert seen == expected
    assert len(seen) == 120


def _queries(client: Client, **params: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(AUDIT, params).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_log(
    admin_client_otp: Client, admin: Any, verifikator: Any, pemohon: Any
) -> None:
    pengajuan = PengajuanFactory.create(dikirim=True)
    filters = [
        {},
        {"pelaku": verifikator.username, "aksi": "lihat"},
        {"objek": pengajuan.kode, "dari": "2020-01-01"},
    ]
    _fill(5, verifikator, pemohon)
    admin_client_otp.get(AUDIT)  # the session's first request renews it
    small = [_queries(admin_client_otp, **params) for params in filters]
    _fill(200, verifikator, pemohon)
    _fill(50, admin, pengajuan)
    large = [_queries(admin_client_otp, **params) for params in filters]
    assert small == large
    assert max(large) <= 8
