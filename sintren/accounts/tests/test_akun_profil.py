"""ACC-11: the applicant's profile page, and who may open the account pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sintren.accounts.models import AnggotaGrup, GrupPemohon, Pemohon
from sintren.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/pemohon/profil/"
PAGES = ["profil", "ganti_hp", "ganti_hp_kode", "ganti_password"]


def test_profile_shows_the_data_regions_and_links(client, pemohon, wilayah_pekalongan):
    grup = GrupPemohon.objects.create(
        nama="Puskesmas Karanganyar", wilayah=wilayah_pekalongan.parent
    )
    AnggotaGrup.objects.create(grup=grup, pemohon=pemohon)
    client.force_login(pemohon.user)
    page = client.get(URL).content.decode()
    for text in (
        pemohon.nik,
        pemohon.nama_lengkap,
        pemohon.nomor_hp,
        pemohon.email,
        "JAWA TENGAH",
        "KABUPATEN PEKALONGAN",
        "Karanganyar",
        "Karangsari",
        "Aktif",
        "Puskesmas Karanganyar \N{EN DASH} Karanganyar",
        reverse("accounts:ganti_hp"),
        reverse("accounts:ganti_password"),
        "melalui Dinas",
    ):
        assert text in page, text
    assert "<input" not in page.split('id="judul-profil"')[1].split("</section>")[0]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_goes_to_login_with_next(client, name):
    path = reverse(f"accounts:{name}")
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={path}"


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["staff", "menunggu", "ditolak", "no_profile"])
def test_others_get_404(client, verifikator, wilayah_pekalongan, name, who):
    from sintren.accounts.tests.factories import PemohonFactory

    if who == "staff":
        user = verifikator
    elif who == "no_profile":
        user = UserFactory.create()
    else:
        user = PemohonFactory.create(status=getattr(Pemohon.Status, who.upper())).user
    client.force_login(user)
    assert client.get(reverse(f"accounts:{name}")).status_code == 404
    assert client.post(reverse("accounts:mode"), {"mode": "pribadi"}).status_code == 404
