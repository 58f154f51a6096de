"""*Cek Data Kependudukan* on the registration detail and on a request (X-10)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from sintren.accounts.tests.factories import NAMA_IBU
from sintren.backoffice.models import PenugasanLayanan
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.kependudukan.models import PendudukDemo
from sintren.pengajuan.tests.factories import PengajuanFactory
from tests.test_urls_auth import STAFF_PAGES

pytestmark = pytest.mark.django_db

BUTTON = "Cek Data Kependudukan"
DOWN = "Layanan data kependudukan tidak dapat dihubungi"


def _cek_url(pemohon: Any) -> str:
    return reverse("backoffice:cek_kependudukan_pendaftaran", args=[pemohon.pk])


def _register(pemohon: Any, **changes: Any) -> None:
    PendudukDemo.objects.create(
        nik=pemohon.nik,
        nama_lengkap=pemohon.nama_lengkap,
        nomor_kk=pemohon.nomor_kk,
        tanggal_lahir=pemohon.tanggal_lahir,
        nama_ibu_kandung=changes.pop("ibu", NAMA_IBU),
        **changes,
    )


def _rows(html: str) -> str:
    return html.split('id="cek-kependudukan"', 1)[1].split("</section>", 1)[0]


def test_detail_page_has_the_button_and_every_view_is_audited(
    verifikator_client: Client, pemohon: Any
) -> None:
    url = reverse("backoffice:pendaftaran_detail", args=[pemohon.pk])
    for _ in range(2):
        html = verifikator_client.get(url).content.decode()
        assert BUTTON in html
        assert f'action="{_cek_url(pemohon)}"' in html
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.PENDAFTARAN_LIHAT, target_id=str(pemohon.pk)
        ).count()
        == 2
    )


def test_the_check_shows_each_field_and_never_the_mother_name(
    verifikator_client: Client, pemohon: Any
) -> None:
    _register(pemohon, ibu="Siti Maemunah")
    response = verifikator_client.post(_cek_url(pemohon))
    assert response.status_code == 200
    panel = _rows(response.content.decode())
    for label in ("NIK", "Nama Lengkap", "Nomor KK", "Tanggal Lahir", "Nama Ibu Kandung"):
        assert f'<th scope="row">{label}</th>' in panel
    assert "bo-cek-tidak_cocok" in panel
    assert "bo-cek-cocok" in panel
    assert "Ada data yang tidak cocok" in panel
    assert "Maemunah" not in response.content.decode()
    assert "Aminah" not in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.KEPENDUDUKAN_CEK).count() == 1


def test_a_nik_not_in_the_register(verifikator_client: Client, pemohon: Any) -> None:
    panel = _rows(verifikator_client.post(_cek_url(pemohon)).content.decode())
    assert "NIK ini tidak ada di data kependudukan." in panel
    assert panel.count("Tidak ada di data kependudukan") == 5


def test_register_down_gives_a_clear_message_not_an_error(
    verifikator_client: Client, pemohon: Any
) -> None:
    with override_settings(
        POPULATION_REGISTER="http",
        POPULATION_REGISTER_URL="http://127.0.0.1:9/tidak-ada",
        POPULATION_REGISTER_TIMEOUT=1,
    ):
        response = verifikator_client.post(_cek_url(pemohon))
    assert response.status_code == 200
    assert DOWN in _rows(response.content.decode())


def test_the_check_is_post_only_and_for_staff(client: Client, pemohon: Any) -> None:
    client.force_login(pemohon.user)
    response = client.post(_cek_url(pemohon))
    assert response.status_code == 302
    assert "/backoffice/login/" in response["Location"]
    assert not AuditEvent.objects.filter(action=AuditAction.KEPENDUDUKAN_CEK).exists()


def test_get_is_refused(verifikator_client: Client, pemohon: Any) -> None:
    assert verifikator_client.get(_cek_url(pemohon)).status_code == 405


def _pengajuan_for(verifikator: Any) -> Any:
    pengajuan = PengajuanFactory.create(dikirim=True)
    PenugasanLayanan.objects.create(petugas=verifikator, layanan=pengajuan.layanan)
    return pengajuan


def test_request_check_as_a_page_and_as_an_htmx_panel(
    verifikator_client: Client, verifikator: Any
) -> None:
    pengajuan = _pengajuan_for(verifikator)
    url = reverse("backoffice:cek_kependudukan_pengajuan", args=[pengajuan.kode])
    page = verifikator_client.post(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Cek Data Kependudukan</h1>" in html
    assert reverse("backoffice:pengajuan_detail", args=[pengajuan.kode]) in html
    assert "Tidak diperiksa" in _rows(html)
    panel = verifikator_client.post(url, headers={"HX-Request": "true"})
    assert panel.status_code == 200
    body = panel.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<section class="panel bo-kependudukan" id="cek-kependudukan"')
    assert f'hx-post="{url}"' in body
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.KEPENDUDUKAN_CEK, target_id=str(pengajuan.pk)
        ).count()
        == 2
    )


def test_request_of_another_service_is_not_found(
    verifikator_client: Client, wilayah_pekalongan: Any
) -> None:
    pengajuan = PengajuanFactory.create(dikirim=True)  # no assignment to this verifier
    url = reverse("backoffice:cek_kependudukan_pengajuan", args=[pengajuan.kode])
    assert verifikator_client.post(url).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.KEPENDUDUKAN_CEK).exists()


def test_the_url_walk_classifies_both_urls_as_staff_pages() -> None:
    names = {entry.full_name for entry in STAFF_PAGES}
    assert {
        "backoffice:cek_kependudukan_pendaftaran",
        "backoffice:cek_kependudukan_pengajuan",
    } <= names
