"""pesan_queue: rows written with the event's transaction; pesan_resend; selectors."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.selectors import pesan_for_user
from sintren.notifications.services import notifikasi_queue, notifikasi_resend

PHONE = "+6281234567890"
EMAIL = "siti@example.id"

pytestmark = pytest.mark.django_db


class RollbackError(Exception):
    pass


def _queue_then_fail() -> None:
    with transaction.atomic():
        notifikasi_queue(event="kode_ganti_hp", context={"kode": "1"}, phone=PHONE)
        raise RollbackError


def _user(username: str = "pemohon1"):
    return get_user_model().objects.create(username=username)


def test_queue_writes_whatsapp_and_email_rows_with_absolute_links():
    user = _user()
    rows = notifikasi_queue(
        event="pendaftaran_disetujui",
        context={"nama": "Siti", "aktivasi_url": "/pemohon/aktivasi/tok/"},
        phone=PHONE,
        email=EMAIL,
        user=user,
    )
    assert [(p.channel, p.recipient) for p in rows] == [
        (Kanal.WHATSAPP, PHONE),
        (Kanal.EMAIL, EMAIL),
    ]
    for pesan in rows:
        pesan.refresh_from_db()
        assert pesan.status == StatusNotifikasi.PENDING
        assert pesan.attempts == 0
        assert pesan.user == user
        assert pesan.event == "pendaftaran_disetujui"
        assert "http://testserver/pemohon/aktivasi/tok/" in pesan.body
    assert rows[1].subject == "Aktivasi akun SINTREN"
    assert rows[0].subject == ""


def test_queue_skips_channels_without_recipient_or_text():
    rows = notifikasi_queue(
        event="kode_ganti_hp", context={"kode": "123456"}, phone=PHONE, email=EMAIL
    )
    assert [p.channel for p in rows] == [Kanal.WHATSAPP]
    assert notifikasi_queue(event="pendaftaran_diterima", context={}) == []


def test_unknown_event_is_an_error():
    with pytest.raises(ValueError, match="tidak_dikenal"):
        notifikasi_queue(event="tidak_dikenal", context={}, phone=PHONE)
    assert Notifikasi.objects.count() == 0


def test_rolled_back_event_leaves_no_row_and_queues_no_delivery(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RollbackError):
        _queue_then_fail()
    assert Notifikasi.objects.count() == 0
    assert callbacks == []


def test_committed_event_queues_one_delivery_per_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notifikasi_queue(
            event="pendaftaran_ditolak", context={"alasan": "x"}, phone=PHONE, email=EMAIL
        )
    assert len(callbacks) == 2


def test_dedup_key_queues_an_event_only_once():
    first = notifikasi_queue(
        event="kode_ganti_hp", context={"kode": "1"}, phone=PHONE, dedup_key="k1"
    )
    again = notifikasi_queue(
        event="kode_ganti_hp", context={"kode": "1"}, phone=PHONE, dedup_key="k1"
    )
    assert len(first) == 1
    assert again == []
    assert Notifikasi.objects.count() == 1


def test_resend_puts_only_failed_messages_back_in_the_queue(django_capture_on_commit_callbacks):
    failed = Notifikasi.objects.create(
        channel=Kanal.WHATSAPP,
        recipient=PHONE,
        body="x",
        event="e",
        status=StatusNotifikasi.FAILED,
        attempts=8,
        last_error="gateway HTTP 500",
    )
    sent = Notifikasi.objects.create(
        channel=Kanal.WHATSAPP, recipient=PHONE, body="y", event="e", status=StatusNotifikasi.SENT
    )
    with django_capture_on_commit_callbacks() as callbacks:
        count = notifikasi_resend(pesan_ids=[failed.pk, sent.pk])
    assert count == 1
    assert len(callbacks) == 1
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == (StatusNotifikasi.PENDING, 0, "")
    assert sent.status == StatusNotifikasi.SENT


def test_pesan_for_user_returns_only_that_users_messages_newest_first():
    siti, budi = _user("siti"), _user("budi")
    older = notifikasi_queue(event="kode_ganti_hp", context={"kode": "1"}, phone=PHONE, user=siti)[
        0
    ]
    newer = notifikasi_queue(event="kode_ganti_hp", context={"kode": "2"}, phone=PHONE, user=siti)[
        0
    ]
    notifikasi_queue(event="kode_ganti_hp", context={"kode": "3"}, phone=PHONE, user=budi)
    assert list(pesan_for_user(siti)) == [newer, older]
