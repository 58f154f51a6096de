"""Delivery against real local servers: the WhatsApp stub gateway and SMTP on loopback."""

from __future__ import annotations

import threading
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sintren.core.tests.concurrency import run_concurrently
from sintren.notifications import delivery
from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.services import notifikasi_queue
from sintren.notifications.tasks import deliver_due_pesan, deliver_pesan

from .conftest import WA_TOKEN

PHONE = "+6281234567890"
EMAIL = "siti@example.id"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _queue_wa(**context: str) -> Notifikasi:
    context = context or {"nama": "Siti", "aktivasi_url": "/pemohon/aktivasi/tok/"}
    return notifikasi_queue(event="pendaftaran_disetujui", context=context, phone=PHONE)[0]


class RollbackError(Exception):
    pass


def _queue_then_fail() -> None:
    with transaction.atomic():
        _queue_wa(nama="Batal")
        raise RollbackError


def _make_due(pesan: Notifikasi) -> None:
    """Let the backoff time pass."""
    Notifikasi.objects.filter(pk=pesan.pk).update(next_attempt_at=timezone.now())


@pytest.mark.django_db
def test_whatsapp_reaches_gateway_in_cloud_api_shape(wa_gateway):
    pesan = _queue_wa()
    assert deliver_pesan.call(pesan.pk) == "sent"

    assert len(wa_gateway.requests) == 1
    request = wa_gateway.requests[0]
    assert request.path == "/v21.0/123456/messages"
    assert request.headers["Authorization"] == f"Bearer {WA_TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.body["messaging_product"] == "whatsapp"
    assert request.body["to"] == "6281234567890"
    assert request.body["type"] == "text"
    assert request.body["text"]["preview_url"] is True
    assert "http://testserver/pemohon/aktivasi/tok/" in request.body["text"]["body"]
    pesan.refresh_from_db()
    assert pesan.status == StatusNotifikasi.SENT
    assert pesan.sent_at is not None
    assert pesan.attempts == 1
    assert pesan.external_id == "wamid.TEST1"
    assert pesan.delivered_via == "whatsapp-cloud"


@pytest.mark.django_db
def test_email_reaches_smtp_server_on_loopback(smtp_server):
    pesan = notifikasi_queue(
        event="reset_password", context={"nama": "Siti", "reset_url": "/reset/abc/"}, email=EMAIL
    )[0]
    assert deliver_pesan.call(pesan.pk) == "sent"

    assert len(smtp_server.messages) == 1
    envelope = smtp_server.messages[0]
    assert envelope.rcpt_tos == [EMAIL]
    message = message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(message["Subject"]))) == "Reset password SINTREN"
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    assert "http://testserver/reset/abc/" in payload.decode()
    pesan.refresh_from_db()
    assert (pesan.status, pesan.delivered_via) == (StatusNotifikasi.SENT, "email")


@pytest.mark.django_db
def test_email_to_unreachable_server_is_retried_without_leaking_the_address(settings):
    settings.NOTIFICATION_BACKEND = "live"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    pesan = notifikasi_queue(event="pendaftaran_diterima", context={}, email=EMAIL)[0]
    assert delivery.deliver(pesan.pk).status == "retry"
    pesan.refresh_from_db()
    assert pesan.status == StatusNotifikasi.PENDING
    assert pesan.last_error.startswith("email:")
    assert EMAIL not in pesan.last_error


@pytest.mark.django_db
def test_gateway_down_is_retried_with_backoff_and_delivered_exactly_once(wa_gateway):
    pesan = _queue_wa()
    wa_gateway.stop()  # connection refused

    delays = []
    for expected_attempts in (1, 2, 3):
        if expected_attempts == 3:
            wa_gateway.start()
            wa_gateway.mode = "error"  # up again, but answering HTTP 500
        before = timezone.now()
        assert delivery.deliver(pesan.pk).status == "retry"
        pesan.refresh_from_db()
        assert pesan.status == StatusNotifikasi.PENDING
        assert pesan.attempts == expected_attempts
        assert pesan.last_error
        assert PHONE.lstrip("+") not in pesan.last_error
        delays.append((pesan.next_attempt_at - before).total_seconds())
        # Not due yet: a second worker does nothing.
        assert delivery.deliver(pesan.pk).status == "skipped"
        _make_due(pesan)

    assert delays[0] == pytest.approx(30, abs=2)
    assert delays[1] == pytest.approx(60, abs=2)
    assert delays[2] == pytest.approx(120, abs=2)
    assert wa_gateway.requests == []

    wa_gateway.mode = "ok"
    assert delivery.deliver(pesan.pk).status == "sent"
    assert delivery.deliver(pesan.pk).status == "skipped"
    assert deliver_due_pesan() == 0
    assert len(wa_gateway.requests) == 1
    pesan.refresh_from_db()
    assert (pesan.status, pesan.attempts, pesan.last_error) == (StatusNotifikasi.SENT, 4, "")


@pytest.mark.django_db
def test_backoff_is_capped():
    assert delivery.backoff_delay(1) == timedelta(seconds=30)
    assert delivery.backoff_delay(4) == timedelta(seconds=240)
    assert delivery.backoff_delay(30) == timedelta(seconds=delivery.BACKOFF_MAX_SECONDS)


@pytest.mark.django_db
def test_message_fails_after_the_last_attempt(wa_gateway):
    wa_gateway.mode = "error"
    pesan = _queue_wa()
    Notifikasi.objects.filter(pk=pesan.pk).update(attempts=delivery.MAX_ATTEMPTS - 1)
    assert delivery.deliver(pesan.pk).status == "failed"
    pesan.refresh_from_db()
    assert (pesan.status, pesan.attempts) == (StatusNotifikasi.FAILED, delivery.MAX_ATTEMPTS)
    assert pesan.last_error == "gateway HTTP 500"


@pytest.mark.django_db
def test_rejected_number_fails_at_once(wa_gateway):
    wa_gateway.mode = "reject"
    pesan = _queue_wa()
    assert delivery.deliver(pesan.pk).status == "failed"
    pesan.refresh_from_db()
    assert (pesan.status, pesan.attempts, pesan.last_error) == (
        StatusNotifikasi.FAILED,
        1,
        "gateway HTTP 400",
    )


@pytest.mark.django_db
def test_failed_attempt_queues_the_next_one_with_run_after(wa_gateway, settings):
    settings.TASKS = DB_TASKS
    wa_gateway.stop()
    pesan = _queue_wa()
    assert deliver_pesan.call(pesan.pk) == "retry"
    pesan.refresh_from_db()
    queued = DBTaskResult.objects.get(task_path=deliver_pesan.module_path)
    assert queued.args_kwargs["args"] == [pesan.pk]
    assert queued.run_after == pesan.next_attempt_at


@pytest.mark.django_db
def test_sweeper_delivers_due_rows_and_releases_stuck_ones(wa_gateway):
    due = _queue_wa(nama="A")
    later = _queue_wa(nama="B")
    stuck = _queue_wa(nama="C")
    Notifikasi.objects.filter(pk=later.pk).update(
        next_attempt_at=timezone.now() + timedelta(hours=1)
    )
    Notifikasi.objects.filter(pk=stuck.pk).update(
        status=StatusNotifikasi.SENDING, claimed_at=timezone.now() - timedelta(minutes=11)
    )

    call_command("kirim_pesan")

    statuses = dict(Notifikasi.objects.values_list("pk", "status"))
    assert statuses == {
        due.pk: StatusNotifikasi.SENT,
        later.pk: StatusNotifikasi.PENDING,
        stuck.pk: StatusNotifikasi.SENT,
    }
    assert len(wa_gateway.requests) == 2


@pytest.mark.django_db
def test_recently_claimed_row_is_not_taken_by_the_sweeper(wa_gateway):
    pesan = _queue_wa()
    Notifikasi.objects.filter(pk=pesan.pk).update(
        status=StatusNotifikasi.SENDING, claimed_at=timezone.now() - timedelta(minutes=1)
    )
    assert deliver_due_pesan() == 0
    assert wa_gateway.requests == []


@pytest.mark.django_db
def test_dev_backend_keeps_messages_in_the_outbox(settings, wa_gateway):
    settings.NOTIFICATION_BACKEND = "dev"
    pesan = _queue_wa()
    assert deliver_pesan.call(pesan.pk) == "sent"
    pesan.refresh_from_db()
    assert (pesan.status, pesan.delivered_via) == (StatusNotifikasi.SENT, "dev-outbox")
    assert wa_gateway.requests == []


@pytest.mark.django_db(transaction=True)
def test_commit_delivers_and_rollback_delivers_nothing(wa_gateway, settings):
    settings.TASKS = IMMEDIATE_TASKS

    with pytest.raises(RollbackError):
        _queue_then_fail()
    assert Notifikasi.objects.count() == 0

    with transaction.atomic():
        pesan = _queue_wa(nama="Jadi")
        assert wa_gateway.requests == []  # nothing leaves before the commit
    assert len(wa_gateway.requests) == 1
    assert "Jadi" in wa_gateway.requests[0].body["text"]["body"]
    pesan.refresh_from_db()
    assert pesan.status == StatusNotifikasi.SENT


@pytest.mark.django_db(transaction=True)
def test_database_task_worker_delivers_a_committed_message(wa_gateway, settings):
    settings.TASKS = DB_TASKS
    pesan = _queue_wa()
    assert DBTaskResult.objects.filter(task_path=deliver_pesan.module_path).count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert len(wa_gateway.requests) == 1
    pesan.refresh_from_db()
    assert pesan.status == StatusNotifikasi.SENT


def _race(pesan_ids: list[int]) -> list[str]:
    """Two worker threads, each with its own connection, deliver the same messages."""
    step = threading.Barrier(2, timeout=10)  # both workers take each message together

    def worker() -> list[str]:
        statuses = []
        for pesan_id in pesan_ids:
            step.wait()
            statuses.append(delivery.deliver(pesan_id).status)
        return statuses

    return [
        status for statuses in run_concurrently(worker, threads=2).results for status in statuses
    ]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_workers_never_deliver_a_message_twice(wa_gateway):
    wa_gateway.delay = 0.2  # the first send is still in flight when the other worker tries
    rows = [
        notifikasi_queue(
            event="kode_ganti_hp", context={"kode": str(n)}, phone=f"+62812000000{n:02d}"
        )[0]
        for n in range(6)
    ]
    outcomes = _race([p.pk for p in rows])

    assert sorted(outcomes) == ["sent"] * 6 + ["skipped"] * 6
    sent_to = [r.body["to"] for r in wa_gateway.requests]
    assert sorted(sent_to) == sorted(p.recipient.lstrip("+") for p in rows)
    assert set(Notifikasi.objects.values_list("status", flat=True)) == {StatusNotifikasi.SENT}
    assert set(Notifikasi.objects.values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db(transaction=True)
def test_concurrent_sweepers_deliver_each_message_once(wa_gateway):
    rows = [
        notifikasi_queue(
            event="kode_ganti_hp", context={"kode": str(n)}, phone=f"+62813000000{n:02d}"
        )[0]
        for n in range(10)
    ]
    results = run_concurrently(deliver_due_pesan, threads=2).results
    assert sum(results) == 10
    assert len(wa_gateway.requests) == len(rows)
    assert Kanal.WHATSAPP in {p.channel for p in rows}


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL")
@pytest.mark.django_db
def test_retry_is_scheduled_on_rq_and_runs_from_there(wa_gateway, settings):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq.registry import ScheduledJobRegistry

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    wa_gateway.stop()
    pesan = _queue_wa()
    assert deliver_pesan.call(pesan.pk) == "retry"
    pesan.refresh_from_db()

    queue = django_rq.get_queue("default", job_class=Job)
    registry = ScheduledJobRegistry(queue=queue)
    jobs = [
        job
        for job in Job.fetch_many(registry.get_job_ids(), connection=queue.connection)
        if job is not None
        and list(job.args) == [pesan.pk]
        and job.func_name == deliver_pesan.module_path
    ]
    try:
        assert len(jobs) == 1
        scheduled = registry.get_scheduled_time(jobs[0])
        assert abs((scheduled - pesan.next_attempt_at).total_seconds()) < 1
        wa_gateway.start()
        _make_due(pesan)
        assert jobs[0].perform() == "sent"
        assert len(wa_gateway.requests) == 1
    finally:
        for job in jobs:
            registry.remove(job)
            job.delete()
