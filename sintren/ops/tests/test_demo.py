"""Demo applicants (OPS-1): every state, valid NIKs, working logins, idempotent."""

from __future__ import annotations

import pytest

from sintren.accounts.models import Pemohon
from sintren.accounts.validators import nik_parse
from sintren.ops.demo import DEMO_PEMOHON, demo_load, demo_logins

pytestmark = pytest.mark.django_db


def test_demo_applicants_in_every_state(wilayah_pekalongan):
    demo_load()
    again = demo_load()
    assert again == 0
    assert {p.status for p in Pemohon.objects.all()} == set(Pemohon.Status.values)
    for entry in DEMO_PEMOHON:
        pemohon = Pemohon.objects.get(nik=entry["nik"])
        assert pemohon.status == entry["status"]
        assert pemohon.nama_lengkap == entry["nama"]
        assert pemohon.user.check_password(entry["password"])
        info = nik_parse(entry["nik"], tanggal_lahir=pemohon.tanggal_lahir)
        assert info.sex == pemohon.jenis_kelamin
    ditolak = Pemohon.objects.get(status="ditolak")
    assert ditolak.alasan_penolakan
    assert any(entry["nik"] in line for line in demo_logins() for entry in DEMO_PEMOHON)


def test_demo_verifier_handles_every_service_idempotently(wilayah_pekalongan):
    from sintren.backoffice.models import PenugasanLayanan
    from sintren.catalog.tests.factories import LayananFactory

    LayananFactory.create_batch(2)
    demo_load()
    demo_load()
    assert PenugasanLayanan.objects.filter(petugas__username="verifikator").count() == 2
    LayananFactory.create()  # a service added later is assigned at the next load
    demo_load()
    assert PenugasanLayanan.objects.filter(petugas__username="verifikator").count() == 3
