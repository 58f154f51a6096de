"""OUT-2 under concurrency: 20 simultaneous downloads of one document, exactly one gets
the PDF. Real threads, each with its own database connection, released together by a
barrier; on SQLite (the default) and PostgreSQL (``DATABASE_URL``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from sintren.core.models import AuditEvent
from sintren.core.tests.concurrency import run_concurrently
from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.services import dokumen_unduh
from sintren.keluaran.tests.helpers import terbitkan

CLICKS = 20


@pytest.fixture
def patient_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the threads share the process's few pooled connections."""
    pool = getattr(connection, "pool", None) if connection.vendor == "postgresql" else None
    if pool is not None:
        monkeypatch.setattr(pool, "timeout", 300)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("patient_pool")
def test_twenty_concurrent_downloads_one_succeeds_in_the_service(
    pengajuan, verifikator, pemohon, pdf
):
    dokumen = terbitkan(pengajuan, verifikator, pdf)

    def click() -> bytes:
        fresh = DokumenTerbit.objects.select_related("pengajuan").get(pk=dokumen.pk)
        with dokumen_unduh(actor=pemohon.user, dokumen=fresh) as handle:
            return handle.read()

    outcomes = run_concurrently(click, threads=CLICKS)
    assert len(outcomes.results) == 1
    assert outcomes.results[0].startswith(b"%PDF-")
    assert len(outcomes.errors) == CLICKS - 1
    assert all(isinstance(e, ValidationError) for e in outcomes.errors), outcomes.errors
    assert all("sudah pernah diunduh" in e.messages[0] for e in outcomes.errors)  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="dokumen.unduh").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("patient_pool")
def test_twenty_concurrent_clicks_through_the_view(pengajuan, verifikator, pemohon, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    url = reverse("keluaran:unduh", kwargs={"kode": pengajuan.kode, "pk": dokumen.pk})
    clients = []
    for _ in range(CLICKS):
        client = Client()
        client.force_login(pemohon.user)
        clients.append(client)
    queue = list(clients)

    def click() -> tuple[int, Any]:
        response = queue.pop().post(url)  # list.pop is atomic under the GIL
        if response.status_code == 200:
            return 200, b"".join(response.streaming_content)  # type: ignore[attr-defined]
        return response.status_code, response.get("Location", "")

    outcomes = run_concurrently(click, threads=CLICKS)
    assert outcomes.errors == []
    ok = [body for status, body in outcomes.results if status == 200]
    assert len(ok) == 1
    assert ok[0].startswith(b"%PDF-")
    refused = [where for status, where in outcomes.results if status == 302]
    assert len(refused) == CLICKS - 1
    assert all(where.endswith("#dokumen-jadi") for where in refused)
