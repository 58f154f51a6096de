"""Channel selection: dev outbox, live channels, a plugged-in gateway, misconfiguration."""

from __future__ import annotations

import pytest

from sintren.notifications import channels, delivery
from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi
from sintren.notifications.services import notifikasi_queue

SENT: list[int] = []


class RecordingChannel:
    """Another gateway, plugged in through NOTIFICATION_CHANNELS."""

    def send(self, pesan: Notifikasi) -> channels.Receipt:
        SENT.append(pesan.pk)
        return channels.Receipt(via="lain", external_id="x-1")


def test_backend_setting_picks_the_channel(settings):
    settings.NOTIFICATION_BACKEND = "dev"
    assert isinstance(channels.get_channel(Kanal.WHATSAPP), channels.DevOutboxChannel)
    assert isinstance(channels.get_channel(Kanal.EMAIL), channels.DevOutboxChannel)
    settings.NOTIFICATION_BACKEND = "live"
    settings.WHATSAPP_API_URL = "https://gateway.example/messages"
    assert isinstance(channels.get_channel(Kanal.WHATSAPP), channels.WhatsAppCloudChannel)
    assert isinstance(channels.get_channel(Kanal.EMAIL), channels.EmailChannel)


@pytest.mark.django_db
def test_plugged_in_gateway_delivers_through_the_same_machinery(settings):
    settings.NOTIFICATION_CHANNELS = {
        "whatsapp": "sintren.notifications.tests.test_channels.RecordingChannel"
    }
    pesan = notifikasi_queue(event="kode_ganti_hp", context={"kode": "1"}, phone="+628111")[0]
    assert delivery.deliver(pesan.pk).status == "sent"
    assert delivery.deliver(pesan.pk).status == "skipped"
    assert SENT.count(pesan.pk) == 1
    pesan.refresh_from_db()
    assert (pesan.delivered_via, pesan.external_id) == ("lain", "x-1")


@pytest.mark.django_db
def test_missing_gateway_url_keeps_the_message_for_a_retry(settings):
    settings.NOTIFICATION_BACKEND = "live"
    settings.WHATSAPP_API_URL = ""
    pesan = notifikasi_queue(event="kode_ganti_hp", context={"kode": "1"}, phone="+628111")[0]
    assert delivery.deliver(pesan.pk).status == "retry"
    pesan.refresh_from_db()
    assert pesan.status == StatusNotifikasi.PENDING
    assert "WHATSAPP_API_URL" in pesan.last_error
