"""Satisfaction rating of a finished request (X-9): who, when, once, and the page."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from sintren.accounts.models import Pemohon, User
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.pengajuan.models import Pengajuan, Penilaian
from sintren.pengajuan.penilaian import BELUM_SELESAI, BUKAN_PEMILIK, SUDAH_DINILAI
from sintren.pengajuan.services_penilaian import penilaian_kirim
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def selesai(pemohon: Pemohon) -> Pengajuan:
    return PengajuanFactory.create(pemohon=pemohon, selesai=True)


def _code(exc: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return exc.value.code


def test_owner_rates_a_finished_request_once_and_it_is_audited(
    pemohon: Pemohon, selesai: Pengajuan
) -> None:
    penilaian = penilaian_kirim(
        actor=pemohon.user, pengajuan=selesai, nilai=4, komentar="  Ramah dan cepat. "
    )
    assert (penilaian.nilai, penilaian.komentar, penilaian.oleh) == (
        4, "Ramah dan cepat.", pemohon.user)  # fmt: skip
    event = AuditEvent.objects.get(action=AuditAction.PENILAIAN_KIRIM)
    assert event.details == {"kode": selesai.kode, "nilai": 4, "komentar": True}
    assert "Ramah" not in str(event.details) + event.summary
    with pytest.raises(ValidationError) as second:
        penilaian_kirim(actor=pemohon.user, pengajuan=selesai, nilai=1)
    assert _code(second) == SUDAH_DINILAI
    assert Penilaian.objects.get().nilai == 4


@pytest.mark.parametrize("status", ["dikirim", "diproses", "terbit", "siap_diambil", "ditolak"])
def test_refused_before_the_request_is_finished(pemohon: Pemohon, status: str) -> None:
    item = PengajuanFactory.create(pemohon=pemohon, **{status: True})
    with pytest.raises(ValidationError) as exc:
        penilaian_kirim(actor=pemohon.user, pengajuan=item, nilai=5)
    assert _code(exc) == BELUM_SELESAI
    assert not Penilaian.objects.exists()


def test_refused_for_someone_elses_request_and_for_staff(
    pemohon_lain: Pemohon, selesai: Pengajuan, verifikator: User
) -> None:
    for actor in (pemohon_lain.user, verifikator):
        with pytest.raises(ValidationError) as exc:
            penilaian_kirim(actor=actor, pengajuan=selesai, nilai=5)
        assert _code(exc) == BUKAN_PEMILIK
    assert not Penilaian.objects.exists()


@pytest.mark.parametrize("nilai", [0, 6, -1, "x", None])
def test_value_outside_one_to_five_is_refused(
    pemohon: Pemohon, selesai: Pengajuan, nilai: object
) -> None:
    with pytest.raises(ValidationError) as exc:
        penilaian_kirim(actor=pemohon.user, pengajuan=selesai, nilai=nilai)  # type: ignore[arg-type]
    assert _code(exc) == "nilai"


def test_comment_longer_than_500_characters_is_refused(
    pemohon: Pemohon, selesai: Pengajuan
) -> None:
    with pytest.raises(ValidationError) as exc:
        penilaian_kirim(actor=pemohon.user, pengajuan=selesai, nilai=5, komentar="a" * 501)
    assert _code(exc) == "komentar"


def test_database_keeps_one_rating_per_request_and_values_in_range(selesai: Pengajuan) -> None:
    Penilaian.objects.create(pengajuan=selesai, nilai=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penilaian.objects.create(pengajuan=selesai, nilai=3)
    other = PengajuanFactory.create(selesai=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Penilaian.objects.create(pengajuan=other, nilai=6)


# --- the page ---------------------------------------------------------------------------------
def _detail(client: Client, item: Pengajuan) -> str:
    return client.get(reverse("pengajuan:detail", args=[item.kode])).content.decode()


def test_detail_page_offers_stars_with_labels_only_when_finished(
    client: Client, pemohon: Pemohon, selesai: Pengajuan
) -> None:
    client.force_login(pemohon.user)
    page = _detail(client, selesai)
    assert "Penilaian Layanan" in page
    assert page.count('type="radio" name="nilai"') == 5
    assert "5 dari 5 bintang: Sangat puas" in page
    assert "1 dari 5 bintang: Sangat tidak puas" in page
    diproses = PengajuanFactory.create(pemohon=pemohon, diproses=True)
    assert "Penilaian Layanan" not in _detail(client, diproses)


def test_post_rates_and_the_page_thanks_instead_of_the_form(
    client: Client, pemohon: Pemohon, selesai: Pengajuan
) -> None:
    client.force_login(pemohon.user)
    url = reverse("pengajuan:penilaian", args=[selesai.kode])
    response = client.post(url, {"nilai": "4", "komentar": "Terima kasih"})
    assert response.status_code == 302
    assert response["Location"].endswith("#penilaian")
    page = _detail(client, selesai)
    assert "Terima kasih, penilaian Anda sudah kami terima." in page
    assert "4 dari 5 bintang" in page
    assert 'type="radio" name="nilai"' not in page
    again = client.post(url, {"nilai": "1"}, follow=True).content.decode()
    assert "sudah Anda nilai" in again
    assert Penilaian.objects.get(pengajuan=selesai).nilai == 4


def test_post_without_stars_shows_a_message_not_an_error(
    client: Client, pemohon: Pemohon, selesai: Pengajuan
) -> None:
    client.force_login(pemohon.user)
    url = reverse("pengajuan:penilaian", args=[selesai.kode])
    page = client.post(url, {"nilai": "9"}, follow=True)
    assert page.status_code == 200
    assert "Pilih nilai 1 sampai 5 bintang." in page.content.decode()
    assert not Penilaian.objects.exists()


def test_post_on_someone_elses_request_is_not_found(
    client: Client, pemohon_lain: Pemohon, selesai: Pengajuan
) -> None:
    client.force_login(pemohon_lain.user)
    response = client.post(reverse("pengajuan:penilaian", args=[selesai.kode]), {"nilai": "5"})
    assert response.status_code == 404
    assert not Penilaian.objects.exists()
