"""ACC-7: the personal mode and one mode per active group membership."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.accounts.modes import SESSION_KEY, modes_for
from sintren.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def grup(wilayah_pekalongan):
    return GrupPemohon.objects.create(nama="Pemerintah Desa Karangsari", wilayah=wilayah_pekalongan)


@pytest.fixture
def anggota(grup, pemohon):
    return AnggotaGrup.objects.create(grup=grup, pemohon=pemohon)


def _switch(client, target, next_url="/pemohon/profil/"):
    return client.post(reverse("accounts:mode"), {"mode": target, "next": next_url})


def _mode_line(client) -> str:
    html = client.get(reverse("accounts:profil")).content.decode()
    start = html.index('id="mode-aktif"')
    return html[start : html.index("</p>", start)]


def test_modes_of_a_member_are_personal_then_the_group(anggota, pemohon, grup):
    modes = modes_for(pemohon.user)
    assert [m.kind for m in modes] == ["pribadi", "grup"]
    assert modes[0].label == "Pemohon"
    assert modes[0].pilihan == "Pemohon Pribadi"
    assert modes[1].grup == grup
    assert modes[1].label == "Pemerintah Desa Karangsari \N{EN DASH} Karangsari"


def test_member_switches_to_the_group_and_back(client, anggota, pemohon, grup):
    client.force_login(pemohon.user)
    assert "Pemohon" in _mode_line(client)
    assert "Karangsari" not in _mode_line(client)

    response = _switch(client, str(grup.pk))
    assert response.status_code == 302
    assert response["Location"] == "/pemohon/profil/"
    assert client.session[SESSION_KEY] == grup.pk
    assert "Pemerintah Desa Karangsari \N{EN DASH} Karangsari" in _mode_line(client)
    page = client.get(reverse("accounts:profil")).content.decode()
    assert 'value="pribadi"' in page
    assert "Pemohon Pribadi" in page

    _switch(client, "pribadi")
    assert SESSION_KEY not in client.session
    assert "Karangsari" not in _mode_line(client)
    assert AuditEvent.objects.filter(action="akun.ganti_mode").count() == 2


def test_non_member_cannot_switch(client, pemohon_lain, grup, anggota):
    client.force_login(pemohon_lain.user)
    response = _switch(client, str(grup.pk))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    assert "Karangsari" not in _mode_line(client)
    # Nobody without a group sees a switch at all.
    assert 'name="mode"' not in client.get(reverse("accounts:profil")).content.decode()


@pytest.mark.parametrize("what", ["membership", "group"])
def test_inactive_membership_or_group_gives_no_mode(client, anggota, pemohon, grup, what):
    client.force_login(pemohon.user)
    _switch(client, str(grup.pk))
    assert SESSION_KEY in client.session
    if what == "membership":
        AnggotaGrup.objects.filter(pk=anggota.pk).update(aktif=False)
    else:
        GrupPemohon.objects.filter(pk=grup.pk).update(aktif=False)
    # The session still holds the id, but it is checked on every read.
    assert client.session[SESSION_KEY] == grup.pk
    assert "Karangsari" not in _mode_line(client)
    assert [m.kind for m in modes_for(pemohon.user)] == ["pribadi"]
    _switch(client, str(grup.pk))
    assert "Karangsari" not in _mode_line(client)


def test_forged_session_value_is_ignored(client, pemohon, grup):
    client.force_login(pemohon.user)
    session = client.session
    session[SESSION_KEY] = grup.pk
    session.save()
    assert "Karangsari" not in _mode_line(client)


def test_unsafe_next_goes_home_and_get_is_refused(client, anggota, pemohon, grup):
    client.force_login(pemohon.user)
    assert _switch(client, str(grup.pk), "https://evil.example/")["Location"] == "/"
    assert client.get(reverse("accounts:mode")).status_code == 405


def test_bad_target_gives_a_message_not_an_error(client, pemohon):
    client.force_login(pemohon.user)
    response = client.post(reverse("accounts:mode"), {"mode": "x' OR 1=1"}, follow=True)
    assert response.status_code == 200
    assert "Mode yang dipilih tidak tersedia" in response.content.decode()


def test_demo_group_has_an_active_member_with_a_group_mode(wilayah_pekalongan, verifikator):
    from sintren.accounts.demo_grup import DEMO_ANGGOTA, DEMO_GRUP_NAMA, demo_grup_load

    assert demo_grup_load(actor=verifikator) == 3
    assert demo_grup_load(actor=verifikator) == 0  # idempotent
    from sintren.accounts.models import Pemohon

    anggota = Pemohon.objects.get(nik=DEMO_ANGGOTA["nik"])
    assert anggota.is_aktif
    assert anggota.user.check_password(DEMO_ANGGOTA["password"])
    assert [m.label for m in modes_for(anggota.user)] == [
        "Pemohon",
        f"{DEMO_GRUP_NAMA} \N{EN DASH} Karangsari",
    ]
