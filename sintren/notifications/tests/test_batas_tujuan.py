"""At most SINTREN_PESAN_PER_TUJUAN_PER_HARI messages to one phone number or email a day."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from freezegun import freeze_time

from sintren.core.models import BatasPercobaan
from sintren.core.tests.concurrency import run_concurrently
from sintren.notifications.choices import Kanal
from sintren.notifications.models import Notifikasi
from sintren.notifications.services import notifikasi_queue

PHONE = "+6281234567890"
OTHER = "+6289876543210"
EMAIL = "siti@example.id"
CAP = 3


@pytest.fixture(autouse=True)
def _cap(settings):
    settings.SINTREN_PESAN_PER_TUJUAN_PER_HARI = CAP


def _send(phone: str | None = PHONE, email: str | None = None, **extra) -> list[Notifikasi]:
    return notifikasi_queue(
        event="pendaftaran_ditolak", context={"alasan": "x"}, phone=phone, email=email, **extra
    )


class RollbackError(Exception):
    pass


def _send_then_fail() -> None:
    with transaction.atomic():
        _send()
        raise RollbackError


@pytest.mark.django_db
def test_the_message_after_the_cap_is_not_queued_and_others_are_unaffected(caplog):
    for _ in range(CAP):
        assert len(_send()) == 1
    with caplog.at_level(logging.WARNING, logger="sintren.notifications.services"):
        assert _send() == []
    assert Notifikasi.objects.filter(recipient=PHONE).count() == CAP
    assert [r.getMessage() for r in caplog.records] == [
        "Event pendaftaran_ditolak: whatsapp message not queued, "
        "the recipient's daily limit is reached"
    ]
    assert PHONE not in caplog.text
    assert PHONE.lstrip("+") not in caplog.text

    assert len(_send(OTHER)) == 1
    # The number is capped, its email address is not: the email still goes.
    rows = _send(PHONE, EMAIL)
    assert [p.channel for p in rows] == [Kanal.EMAIL]


@pytest.mark.django_db
def test_email_addresses_are_counted_case_insensitively():
    for n in range(CAP):
        assert len(_send(None, EMAIL if n % 2 else EMAIL.upper())) == 1
    assert _send(None, " Siti@Example.ID ") == []


@pytest.mark.django_db
def test_the_cap_ends_with_its_day():
    start = timezone.now()
    with freeze_time(start):
        for _ in range(CAP):
            _send()
        assert _send() == []
    with freeze_time(start + timedelta(hours=23, minutes=59)):
        assert _send() == []
    with freeze_time(start + timedelta(hours=24, seconds=1)):
        assert len(_send()) == 1


@pytest.mark.django_db
def test_rolled_back_and_deduplicated_events_use_no_slot():
    for _ in range(CAP + 2):
        with pytest.raises(RollbackError):
            _send_then_fail()
    for _ in range(CAP + 2):
        _send(dedup_key="pendaftaran:1:ditolak")
    assert Notifikasi.objects.count() == 1
    assert len(_send()) == 1
    assert len(_send()) == 1
    assert _send() == []


@pytest.mark.django_db
def test_the_count_is_stored_without_the_recipient():
    _send(PHONE, EMAIL)
    hashes = list(BatasPercobaan.objects.values_list("scope", "key_hash"))
    assert len(hashes) == 2
    for scope, key_hash in hashes:
        assert scope == "pesan.tujuan"
        assert "81234567890" not in key_hash
        assert "siti" not in key_hash


@pytest.mark.django_db(transaction=True)
def test_concurrent_events_at_the_boundary_never_pass_the_cap():
    _send()  # one slot used; CAP - 1 left for the threads
    threads = CAP + 3

    def event() -> int:
        with transaction.atomic():
            return len(_send())

    outcomes = run_concurrently(event, threads=threads)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0] * (threads - CAP + 1) + [1] * (CAP - 1)
    assert Notifikasi.objects.filter(recipient=PHONE).count() == CAP
    assert len(_send(OTHER)) == 1
