"""The registration queue: order, filters, search, detail, approve and reject."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sintren.accounts.models import Pemohon, RiwayatPendaftaran, User
from sintren.accounts.tests.factories import PemohonFactory, StaffFactory
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi
from sintren.regions.models import Wilayah

LIST = reverse("backoffice:pendaftaran_list")


def _pemohon(**traits: Any) -> Pemohon:
    return cast(Pemohon, PemohonFactory(**traits))


def _detail(pemohon: Pemohon) -> str:
    return reverse("backoffice:pendaftaran_detail", args=[pemohon.pk])


def _age(pemohon: Pemohon, days: int) -> None:
    moment = timezone.now() - timedelta(days=days)
    Pemohon.objects.filter(pk=pemohon.pk).update(dibuat=moment, diperbarui=moment)


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.nama_lengkap for p in response.context["page"]]


def test_queue_lists_pending_first_oldest_first(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    aktif = _pemohon(aktif=True, nama_lengkap="Aktif Lama")
    baru = _pemohon(nama_lengkap="Menunggu Baru")
    lama = _pemohon(nama_lengkap="Menunggu Lama")
    _age(aktif, 30)
    _age(baru, 1)
    _age(lama, 5)
    response = verifikator_client.get(LIST)
    assert response.status_code == 200
    assert _names(response) == ["Menunggu Lama", "Menunggu Baru", "Aktif Lama"]
    html = response.content.decode()
    assert lama.nik in html  # staff may see the NIK
    assert "Karangsari" in html


def test_queue_filters_by_status(verifikator_client: Client, wilayah_pekalongan: Wilayah) -> None:
    _pemohon(nama_lengkap="Satu Menunggu")
    _pemohon(ditolak=True, nama_lengkap="Dua Ditolak")
    response = verifikator_client.get(LIST, {"status": "ditolak"})
    assert _names(response) == ["Dua Ditolak"]
    response = verifikator_client.get(LIST, {"status": "bukan-status"})
    assert response.status_code == 200
    assert len(_names(response)) == 2  # an unknown status is ignored, never a 500


def test_search_is_posted_and_kept_in_the_session(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    dicari = _pemohon(nama_lengkap="Siti Dicari")
    _pemohon(nama_lengkap="Orang Lain")
    response = verifikator_client.post(LIST, {"q": dicari.nik, "status": ""})
    assert response.status_code == 302
    assert dicari.nik not in response["Location"]
    assert _names(verifikator_client.get(response["Location"])) == ["Siti Dicari"]
    verifikator_client.post(LIST, {"q": "orang lain", "status": ""})
    assert _names(verifikator_client.get(LIST)) == ["Orang Lain"]
    verifikator_client.post(LIST, {"q": "x", "hapus": "1", "status": ""})
    assert len(_names(verifikator_client.get(LIST))) == 2


def test_detail_shows_the_data_and_audits_the_view(
    verifikator_client: Client, verifikator: User, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    response = verifikator_client.get(_detail(pemohon))
    html = response.content.decode()
    for value in (pemohon.nik, pemohon.nomor_kk, pemohon.nama_lengkap, pemohon.nomor_hp):
        assert value in html
    assert pemohon.nama_ibu_hash not in html
    assert "argon2" not in html
    assert "Setujui" in html
    assert "Tolak" in html
    event = AuditEvent.objects.get(action="pendaftaran.lihat")
    assert event.actor == verifikator
    assert event.target_id == str(pemohon.pk)
    assert pemohon.nik not in event.summary


def test_detail_of_unknown_registration_is_404(verifikator_client: Client, db: None) -> None:
    response = verifikator_client.get(reverse("backoffice:pendaftaran_detail", args=[999999]))
    assert response.status_code == 404


def test_detail_highlights_what_a_re_registration_changed(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon(nama_lengkap="Nama Baru")
    RiwayatPendaftaran.objects.create(
        pemohon=pemohon,
        status=Pemohon.Status.MENUNGGU,
        perubahan={
            "nama_lengkap": ["Nama Lama", "Nama Baru"],
            "wilayah": ["33.26.07.2008", "33.26.07.2008"],
            "nama_ibu_kandung": ["(rahasia)", "(diubah)"],
        },
    )
    html = verifikator_client.get(_detail(pemohon)).content.decode()
    assert "Pendaftaran ulang: data yang berubah" in html
    assert "<del>Nama Lama</del>" in html
    assert "<ins>Nama Baru</ins>" in html
    assert "Karangsari (33.26.07.2008)" in html
    assert "Nama Ibu Kandung" in html


def test_approve_asks_for_confirmation_then_approves(
    verifikator_client: Client, verifikator: User, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    url = reverse("backoffice:pendaftaran_setujui", args=[pemohon.pk])
    page = verifikator_client.get(url)
    assert "Ya, Setujui" in page.content.decode()
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.MENUNGGU  # the GET changes nothing
    response = verifikator_client.post(url)
    assert response["Location"] == _detail(pemohon)
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DISETUJUI
    assert pemohon.diverifikasi_oleh == verifikator
    assert AuditEvent.objects.filter(
        action="pendaftaran.setujui", actor=verifikator, target_id=str(pemohon.pk)
    ).exists()
    assert Notifikasi.objects.filter(user=pemohon.user, event="pendaftaran_disetujui").exists()
    html = verifikator_client.get(_detail(pemohon)).content.decode()
    assert "Pendaftaran disetujui" in html
    assert "Pendaftaran disetujui (link aktivasi)" in html  # the message, by its label
    assert "pendaftaran_disetujui" not in html  # never the raw key
    assert "Ya, Setujui" not in html


def test_reject_requires_a_reason(verifikator_client: Client, wilayah_pekalongan: Wilayah) -> None:
    pemohon = _pemohon()
    url = reverse("backoffice:pendaftaran_tolak", args=[pemohon.pk])
    for alasan in ("", "   "):
        response = verifikator_client.post(url, {"alasan": alasan})
        assert response.status_code == 200
        assert "Alasan penolakan wajib diisi." in response.content.decode()
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.MENUNGGU
    assert not Notifikasi.objects.filter(user=pemohon.user).exists()
    assert not AuditEvent.objects.filter(action="pendaftaran.tolak").exists()


def test_reject_with_a_reason(
    verifikator_client: Client, verifikator: User, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    url = reverse("backoffice:pendaftaran_tolak", args=[pemohon.pk])
    response = verifikator_client.post(url, {"alasan": "Foto KK tidak terbaca"})
    assert response["Location"] == _detail(pemohon)
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DITOLAK
    assert pemohon.alasan_penolakan == "Foto KK tidak terbaca"
    assert AuditEvent.objects.filter(action="pendaftaran.tolak", actor=verifikator).exists()
    pesan = Notifikasi.objects.get(
        user=pemohon.user, event="pendaftaran_ditolak", channel="whatsapp"
    )
    assert "Foto KK tidak terbaca" in pesan.body


def test_decision_on_a_decided_registration_changes_nothing(
    verifikator_client: Client, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon(ditolak=True)
    before = Notifikasi.objects.count()
    for name, data in (("pendaftaran_setujui", {}), ("pendaftaran_tolak", {"alasan": "lagi"})):
        url = reverse(f"backoffice:{name}", args=[pemohon.pk])
        response = verifikator_client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "tindakan ini tidak dapat dilakukan" in response.content.decode()
        pemohon.refresh_from_db()
        assert pemohon.status == Pemohon.Status.DITOLAK
        assert pemohon.alasan_penolakan != "lagi"
    assert Notifikasi.objects.count() == before
    response = verifikator_client.get(reverse("backoffice:pendaftaran_setujui", args=[pemohon.pk]))
    assert response["Location"] == _detail(pemohon)


def test_two_verifiers_second_decision_is_refused(
    client: Client, verifikator: User, wilayah_pekalongan: Wilayah
) -> None:
    pemohon = _pemohon()
    other = Client()
    client.force_login(verifikator)
    other.force_login(cast(User, StaffFactory()))
    client.post(reverse("backoffice:pendaftaran_setujui", args=[pemohon.pk]))
    response = other.post(
        reverse("backoffice:pendaftaran_tolak", args=[pemohon.pk]), {"alasan": "Data salah"}
    )
    assert response.status_code == 302
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.DISETUJUI
    assert not Notifikasi.objects.filter(event="pendaftaran_ditolak").exists()
