"""SEC-1: an applicant reaches only their own requests (in group mode: the group's).

Anything else is a 404 (never a 403 that confirms it exists), for every page and method,
and changes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.accounts.modes import SESSION_KEY
from sintren.accounts.tests.factories import PemohonFactory
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]
PAGES = ["detail", "edit", "kirim", "kirim_ulang", "hapus"]
POST_ONLY = ("kirim", "kirim_ulang")


def _login(client: Client, pemohon: Any, grup: GrupPemohon | None = None) -> Client:
    client.force_login(pemohon.user)
    if grup is not None:
        session = client.session
        session[SESSION_KEY] = grup.pk
        session.save()
    return client


def _answers(client: Client, kode: str) -> list[int]:
    codes = []
    for name in PAGES:
        url = reverse(f"pengajuan:{name}", args=[kode])
        if name not in POST_ONLY:
            codes.append(client.get(url).status_code)
        if name != "detail":  # the detail page takes no POST (405 for any code)
            codes.append(client.post(url, {"persetujuan": "on", "subjek_nama": "X"}).status_code)
    return codes


def _unchanged(pengajuan: Any) -> None:
    status, detail = pengajuan.status, pengajuan.detail
    pengajuan.refresh_from_db()
    assert (pengajuan.status, pengajuan.detail) == (status, detail)
    assert pengajuan.dihapus_pada is None


def test_another_applicant_gets_404_everywhere(client, pemohon, pemohon_lain, layanan):
    milik_a = PengajuanFactory.create(pemohon=pemohon, layanan=layanan)
    assert set(_answers(_login(client, pemohon_lain), milik_a.kode)) == {404}
    _unchanged(milik_a)
    assert milik_a.kode not in client.get(reverse("pengajuan:list")).content.decode()


def test_the_owner_is_let_in(client, pemohon, layanan):
    """Positive control: the 404s above are about the person, not broken pages."""
    milik = PengajuanFactory.create(pemohon=pemohon, layanan=layanan)
    client = _login(client, pemohon)
    for name in ("detail", "edit", "hapus"):
        assert client.get(reverse(f"pengajuan:{name}", args=[milik.kode])).status_code == 200


def test_unknown_and_deleted_requests_are_404(client, pemohon, layanan):
    dihapus = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, dihapus=True)
    client = _login(client, pemohon)
    assert set(_answers(client, dihapus.kode)) == {404}
    assert set(_answers(client, "AKL33269999")) == {404}


def test_personal_requests_stay_out_of_group_mode_and_back(client, pemohon, layanan, grup, anggota):
    pribadi = PengajuanFactory.create(pemohon=pemohon, layanan=layanan)
    grup_punya = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, grup=grup)
    client = _login(client, pemohon)
    assert set(_answers(client, grup_punya.kode)) == {404}
    client = _login(client, pemohon, grup)
    assert set(_answers(client, pribadi.kode)) == {404}
    _unchanged(pribadi)
    _unchanged(grup_punya)


def test_group_members_share_the_groups_requests(client, pemohon, layanan, grup, anggota):
    rekan = PemohonFactory.create(aktif=True)
    AnggotaGrup.objects.create(grup=grup, pemohon=rekan)
    milik_rekan = PengajuanFactory.create(pemohon=rekan, layanan=layanan, grup=grup)
    client = _login(client, pemohon, grup)
    assert client.get(reverse("pengajuan:detail", args=[milik_rekan.kode])).status_code == 200
    assert milik_rekan.kode in client.get(reverse("pengajuan:list")).content.decode()


@pytest.mark.usefixtures("anggota")
def test_other_groups_and_former_members_get_404(
    client, pemohon, layanan, grup, wilayah_pekalongan
):
    lain = GrupPemohon.objects.create(nama="RSUD Kajen", wilayah=wilayah_pekalongan)
    orang_lain = PemohonFactory.create(aktif=True)
    AnggotaGrup.objects.create(grup=lain, pemohon=orang_lain)
    milik_lain = PengajuanFactory.create(pemohon=orang_lain, layanan=layanan, grup=lain)
    milik_grup = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, grup=grup)
    client = _login(client, pemohon, grup)
    assert set(_answers(client, milik_lain.kode)) == {404}
    # A forged session naming the other group falls back to the personal mode.
    client = _login(client, pemohon, lain)
    assert set(_answers(client, milik_lain.kode)) == {404}
    # Membership ended: the group's requests are gone for this applicant.
    AnggotaGrup.objects.filter(grup=grup, pemohon=pemohon).update(aktif=False)
    client = _login(client, pemohon, grup)
    assert set(_answers(client, milik_grup.kode)) == {404}
    _unchanged(milik_grup)


@pytest.mark.parametrize("status", ["menunggu", "disetujui", "ditolak"])
def test_inactive_accounts_reach_no_request(client, layanan, status, wilayah_pekalongan):
    pemohon = PemohonFactory.create(status=status)
    milik = PengajuanFactory.create(pemohon=pemohon, layanan=layanan)
    client.force_login(pemohon.user)
    assert set(_answers(client, milik.kode)) == {404}
    assert client.get(reverse("pengajuan:list")).status_code == 404


def test_staff_reach_no_applicant_page(client, verifikator, pemohon, layanan):
    milik = PengajuanFactory.create(
        pemohon=pemohon, layanan=layanan, status=StatusPengajuan.DIKIRIM
    )
    client.force_login(verifikator)
    assert set(_answers(client, milik.kode)) == {404}
