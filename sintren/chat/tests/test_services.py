"""MSG-1 services and selectors: sending, the staff reply's notification, read marks,
unread counts, closed requests, empty messages, the rate limit."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sintren.chat.models import ISI_MAX, Pesan
from sintren.chat.selectors import pesan_belum_dibaca_count, pesan_for
from sintren.chat.services import CHAT_PER_PENGGUNA, pesan_kirim, pesan_tandai_dibaca
from sintren.core.models import AuditEvent
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def terkirim(pemohon):
    """A sent request of the ``pemohon`` persona."""
    return PengajuanFactory.create(pemohon=pemohon, dikirim=True)


def test_applicant_sends_and_staff_replies(pemohon, verifikator, terkirim):
    tanya = pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="  Kapan selesai?  ")
    jawab = pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Besok siang.")
    assert (tanya.isi, tanya.dari_petugas, tanya.pengirim) == (
        "Kapan selesai?",
        False,
        pemohon.user,
    )
    assert (jawab.dari_petugas, jawab.pengirim) == (True, verifikator)
    assert pesan_for(terkirim) == [tanya, jawab]
    events = AuditEvent.objects.filter(action="chat.kirim").order_by("id")
    assert [e.details["pesan_id"] for e in events] == [tanya.pk, jawab.pk]
    assert all("Kapan" not in str(e.details) + e.summary for e in events)  # never the text


def test_staff_reply_notifies_the_applicant_once_until_read(pemohon, verifikator, terkirim):
    pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="Halo")
    assert not Notifikasi.objects.exists()  # the applicant's own message tells nobody
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Balasan pertama")
    wa = Notifikasi.objects.get(event="chat_balasan", channel="whatsapp")
    assert wa.recipient == pemohon.nomor_hp
    assert terkirim.kode in wa.body
    assert f"/pemohon/pengajuan/{terkirim.kode}/#chat" in wa.body
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Balasan kedua")
    assert Notifikasi.objects.filter(event="chat_balasan", channel="whatsapp").count() == 1
    pesan_tandai_dibaca(actor=pemohon.user, pengajuan=terkirim)
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Balasan ketiga")
    assert Notifikasi.objects.filter(event="chat_balasan", channel="whatsapp").count() == 2


def test_unread_counts_per_side(pemohon, verifikator, terkirim):
    lain = PengajuanFactory.create(pemohon=pemohon, dikirim=True)
    pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="Tanya")
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Jawab 1")
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Jawab 2")
    pesan_kirim(actor=verifikator, pengajuan=lain, isi="Jawab lain")
    ids = [terkirim.pk, lain.pk]
    assert pesan_belum_dibaca_count(pemohon.user, ids) == {terkirim.pk: 2, lain.pk: 1}
    assert pesan_belum_dibaca_count(verifikator, ids) == {terkirim.pk: 1}
    assert pesan_tandai_dibaca(actor=pemohon.user, pengajuan=terkirim) == 2
    assert pesan_belum_dibaca_count(pemohon.user, ids) == {lain.pk: 1}
    assert pesan_tandai_dibaca(actor=verifikator, pengajuan=terkirim) == 1
    assert pesan_belum_dibaca_count(verifikator, ids) == {}
    assert pesan_belum_dibaca_count(pemohon.user, []) == {}


@pytest.mark.parametrize("trait", ["selesai", "ditolak", "dihapus"])
def test_closed_request_is_read_only(pemohon, verifikator, trait):
    tutup = PengajuanFactory.create(pemohon=pemohon, **{trait: True})
    for actor in (pemohon.user, verifikator):
        with pytest.raises(ValidationError) as caught:
            pesan_kirim(actor=actor, pengajuan=tutup, isi="Masih bisa?")
        assert caught.value.code == "status"
        assert "hanya dapat dibaca" in caught.value.messages[0]
    assert not Pesan.objects.exists()


def test_draft_has_no_chat_yet(pemohon):
    draf = PengajuanFactory.create(pemohon=pemohon)
    with pytest.raises(ValidationError) as caught:
        pesan_kirim(actor=pemohon.user, pengajuan=draf, isi="Halo")
    assert caught.value.code == "status"
    assert not Pesan.objects.exists()


@pytest.mark.parametrize("isi", ["", "   ", "\n\t\n"])
def test_empty_message_is_refused(pemohon, terkirim, isi):
    with pytest.raises(ValidationError) as caught:
        pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi=isi)
    assert caught.value.messages == ["Pesan tidak boleh kosong."]
    assert not Pesan.objects.exists()


def test_too_long_message_is_refused(pemohon, terkirim):
    pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="a" * ISI_MAX)
    with pytest.raises(ValidationError) as caught:
        pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="a" * (ISI_MAX + 1))
    assert caught.value.code == "panjang"
    assert Pesan.objects.count() == 1


def test_rate_limit_per_person(pemohon, verifikator, terkirim):
    for nomor in range(CHAT_PER_PENGGUNA.max_failures):
        pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi=f"Pesan {nomor}")
    with pytest.raises(ValidationError) as caught:
        pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="Satu lagi")
    assert caught.value.code == "batas"
    assert "Terlalu banyak pesan" in caught.value.messages[0]
    assert Pesan.objects.count() == CHAT_PER_PENGGUNA.max_failures
    pesan_kirim(actor=verifikator, pengajuan=terkirim, isi="Petugas tetap bisa membalas")


def test_refused_messages_do_not_use_the_quota(pemohon, terkirim):
    for _ in range(CHAT_PER_PENGGUNA.max_failures + 5):
        with pytest.raises(ValidationError):
            pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi=" ")
    pesan_kirim(actor=pemohon.user, pengajuan=terkirim, isi="Masih bisa")
