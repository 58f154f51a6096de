"""Admins manage applicant groups and members in the Django admin (ACC-7)."""

from __future__ import annotations

import pytest

from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.backoffice.auth import OTP_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    session = client.session
    session[OTP_KEY] = admin.pk  # passed the second factor
    session.save()
    return client


def _autocomplete(client, term):
    params = {
        "term": term,
        "app_label": "accounts",
        "model_name": "anggotagrup",
        "field_name": "pemohon",
    }
    return client.get("/admin/autocomplete/", params)


def test_member_picker_finds_applicants_by_name_not_nik(admin_client, pemohon):
    results = _autocomplete(admin_client, pemohon.nama_lengkap.split()[-1]).json()["results"]
    assert {"id": str(pemohon.pk), "text": f"{pemohon.nama_lengkap} \N{EN DASH} Karangsari"} in (
        results
    )
    assert _autocomplete(admin_client, pemohon.nik).json()["results"] == []


def test_admin_creates_a_group_with_a_member(admin_client, admin, pemohon, wilayah_pekalongan):
    assert admin_client.get("/admin/accounts/gruppemohon/add/").status_code == 200
    data = {
        "nama": "RSUD Kajen (loket kelahiran)",
        "keterangan": "",
        "wilayah": wilayah_pekalongan.parent.parent.pk,
        "aktif": "on",
        "anggota-TOTAL_FORMS": "1",
        "anggota-INITIAL_FORMS": "0",
        "anggota-MIN_NUM_FORMS": "0",
        "anggota-MAX_NUM_FORMS": "1000",
        "anggota-0-pemohon": str(pemohon.pk),
        "anggota-0-aktif": "on",
    }
    response = admin_client.post("/admin/accounts/gruppemohon/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    grup = GrupPemohon.objects.get()
    anggota = AnggotaGrup.objects.get()
    assert (anggota.grup, anggota.pemohon_id, anggota.ditambahkan_oleh) == (grup, pemohon.pk, admin)
    assert admin_client.get("/admin/accounts/gruppemohon/").status_code == 200
    assert admin_client.get("/admin/accounts/anggotagrup/").status_code == 200


def test_applicant_list_is_read_only_and_hides_the_nik(admin_client, pemohon):
    page = admin_client.get("/admin/accounts/pemohon/").content.decode()
    assert pemohon.nama_lengkap in page
    assert pemohon.nik not in page
    assert admin_client.get("/admin/accounts/pemohon/add/").status_code == 403
