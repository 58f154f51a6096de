"""Staff views in the Django admin: delivery status, "kirim ulang", editing texts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi, TemplatPesan

pytestmark = [pytest.mark.django_db, pytest.mark.urls("sintren.notifications.tests.admin_urls")]


def _failed() -> Notifikasi:
    return Notifikasi.objects.create(
        channel=Kanal.WHATSAPP,
        recipient="+6281234567890",
        body="isi",
        event="pendaftaran_disetujui",
        status=StatusNotifikasi.FAILED,
        attempts=8,
        last_error="gateway HTTP 500",
    )


def test_changelist_shows_status_attempts_and_error(admin_client):
    _failed()
    response = admin_client.get(reverse("admin:notifications_notifikasi_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "gateway HTTP 500" in html
    assert "Gagal" in html
    assert "pendaftaran_disetujui" in html


def test_kirim_ulang_action_requeues_failed_messages(
    admin_client, django_capture_on_commit_callbacks
):
    failed = _failed()
    sent = Notifikasi.objects.create(
        channel=Kanal.EMAIL, recipient="a@b.id", body="x", event="e", status=StatusNotifikasi.SENT
    )
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(
            reverse("admin:notifications_notifikasi_changelist"),
            {"action": "kirim_ulang", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 pesan dijadwalkan untuk dikirim ulang." in html
    assert "1 pesan dilewati" in html
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (StatusNotifikasi.PENDING, 0)
    assert sent.status == StatusNotifikasi.SENT
    assert len(callbacks) == 1


def test_staff_cannot_add_or_delete_outbox_rows(admin_client):
    pesan = _failed()
    assert admin_client.get(reverse("admin:notifications_notifikasi_add")).status_code == 403
    url = reverse("admin:notifications_notifikasi_delete", args=[pesan.pk])
    assert admin_client.get(url).status_code == 403


def test_template_edit_refuses_broken_syntax_with_clear_message(admin_client):
    templat = TemplatPesan.objects.get(key="reset_password", channel=Kanal.WHATSAPP)
    url = reverse("admin:notifications_templatpesan_change", args=[templat.pk])
    data = {
        "key": templat.key,
        "channel": templat.channel,
        "aktif": "on",
        "subject": "",
        "body": "Link {% if %}",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Format templat tidak valid" in response.content.decode()
    templat.refresh_from_db()
    assert "{% if %}" not in templat.body

    data["body"] = "Buka {{ reset_url }}"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    templat.refresh_from_db()
    assert templat.body == "Buka {{ reset_url }}"
