"""REQ-2: with quota Q and N ≫ Q simultaneous attempts, exactly Q requests are created.

200 attempts go through the real view at one moment (threads released by a barrier,
each with its own logged-in browser session, each for another subject) against a daily
quota of 20. Exactly 20 requests exist afterwards, with 20 different codes in sequence;
every other attempt got the quota answer on the form; nobody got an error. Run on
SQLite (the default) and on PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from sintren.catalog.models import Layanan
from sintren.core.tests.concurrency import run_concurrently
from sintren.pengajuan.models import KuotaHarian, Pengajuan, RiwayatStatus, UrutanKode
from sintren.pengajuan.tests.helpers import HARI_KERJA, form_pengajuan

KUOTA = 20
ATTEMPTS = 200
HABIS = "Kuota pengajuan Akta Kelahiran hari ini sudah habis."
# The clock keeps ticking; the connection pool's own timing stays real.
REAL_TIME = ["psycopg_pool", "psycopg"]


@pytest.fixture
def patient_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """On PostgreSQL the 200 threads share this process's few pooled connections (each
    holds one for its whole request): on a busy machine the last ones wait longer than
    the pool's default 30 seconds for theirs."""
    pool = getattr(connection, "pool", None) if connection.vendor == "postgresql" else None
    if pool is not None:
        monkeypatch.setattr(pool, "timeout", 300)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("patient_pool")
def test_quota_holds_under_two_hundred_simultaneous_attempts(pemohon, layanan):
    Layanan.objects.filter(pk=layanan.pk).update(kuota_harian=KUOTA)
    clients = []
    for _ in range(ATTEMPTS):
        client = Client()
        client.force_login(pemohon.user)
        clients.append(client)
    numbers = itertools.count()
    url = reverse("pengajuan:baru", args=[layanan.slug])

    def attempt() -> tuple[str, Any]:
        n = next(numbers)  # itertools.count is atomic under the GIL
        response = clients[n].post(url, form_pengajuan(pemohon, subjek_nama=f"Anak Ke {n}"))
        if response.status_code == 302:
            return "dibuat", response["Location"]
        html = response.content.decode()
        if response.status_code == 200 and HABIS in html:
            return "habis", None
        return f"jawaban {response.status_code}", html[:500]

    with freeze_time(HARI_KERJA, tick=True, ignore=REAL_TIME):
        outcomes = run_concurrently(attempt, threads=ATTEMPTS, timeout=180)

    assert outcomes.errors == []
    counts = Counter(kind for kind, _ in outcomes.results)
    assert counts == {"dibuat": KUOTA, "habis": ATTEMPTS - KUOTA}, [
        r for r in outcomes.results if r[0] not in {"dibuat", "habis"}
    ][:3]
    kode = sorted(Pengajuan.objects.values_list("kode", flat=True))
    assert kode == [f"AKL3326{n:04d}" for n in range(1, KUOTA + 1)]
    assert (
        sorted(
            loc.rstrip("/").rsplit("/", 1)[-1] for kind, loc in outcomes.results if kind == "dibuat"
        )
        == kode
    )
    assert KuotaHarian.objects.get(layanan=layanan).terpakai == KUOTA
    assert UrutanKode.objects.get(kunci="AKL3326").nilai == KUOTA
    assert RiwayatStatus.objects.count() == KUOTA
