"""The audit log page (admins only) and the notification delivery status page."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sintren.accounts.models import Pemohon, User
from sintren.core.audit import audit_log
from sintren.core.masking import mask_recipient
from sintren.core.models import AuditEvent
from sintren.notifications.choices import Kanal, StatusNotifikasi
from sintren.notifications.models import Notifikasi

AUDIT = reverse("backoffice:audit_list")
PESAN = reverse("backoffice:pesan_list")


def test_audit_page_is_for_admins_only(verifikator_client: Client) -> None:
    response = verifikator_client.get(AUDIT)
    assert response.status_code == 403


def test_audit_page_filters_by_actor_action_and_date(
    admin_client_otp: Client, admin: User, verifikator: User, pemohon: Pemohon
) -> None:
    audit_log(actor=verifikator, action="pendaftaran.lihat", target=pemohon, summary="dilihat")
    audit_log(actor=admin, action="pesan.kirim_ulang", summary="ulang")
    old = audit_log(actor=verifikator, action="pendaftaran.setujui", target=pemohon)
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))

    def actions(**params: str) -> list[str]:
        response = admin_client_otp.get(AUDIT, params)
        assert response.status_code == 200
        return [event.action for event in response.context["page"]]

    assert actions(pelaku=verifikator.username) == ["pendaftaran.lihat", "pendaftaran.setujui"]
    assert actions(aksi="kirim_ulang") == ["pesan.kirim_ulang"]
    today = timezone.localdate().isoformat()
    assert "pendaftaran.setujui" not in actions(dari=today)
    past = (timezone.localdate() - timedelta(days=5)).isoformat()
    assert actions(sampai=past, pelaku=verifikator.username) == ["pendaftaran.setujui"]
    response = admin_client_otp.get(AUDIT, {"dari": "bukan-tanggal"})
    assert response.status_code == 200
    assert "Tanggal tidak valid." in response.content.decode()


def test_mask_recipient_hides_most_of_the_address() -> None:
    assert mask_recipient("+6281234567890") == "+62812*****890"
    assert mask_recipient("budi.santoso@contoh.id") == "b***@contoh.id"
    assert "1234567" not in mask_recipient("+6281234567890")


def _pesan(status: str, **extra: object) -> Notifikasi:
    return Notifikasi.objects.create(
        channel=Kanal.WHATSAPP,
        recipient="+6281234567890",
        body="Isi pesan",
        event="pendaftaran_disetujui",
        status=status,
        **extra,
    )


def test_pesan_page_shows_delivery_status_with_masked_recipients(
    verifikator_client: Client,
) -> None:
    _pesan(StatusNotifikasi.FAILED, attempts=5, last_error="gateway 503")
    _pesan(StatusNotifikasi.SENT, attempts=1)
    html = verifikator_client.get(PESAN).content.decode()
    assert "+62812*****890" in html
    assert "+6281234567890" not in html
    assert "gateway 503" in html
    assert "Gagal" in html
    assert "Terkirim" in html
    assert "Kirim Ulang" not in html  # verifikators cannot requeue
    response = verifikator_client.get(PESAN, {"status": StatusNotifikasi.FAILED})
    assert [row["pesan"].status for row in response.context["rows"]] == [StatusNotifikasi.FAILED]


def test_admin_requeues_a_failed_message(admin_client_otp: Client, admin: User) -> None:
    failed = _pesan(StatusNotifikasi.FAILED, attempts=5, last_error="gateway 503")
    sent = _pesan(StatusNotifikasi.SENT, attempts=1)
    assert "Kirim Ulang" in admin_client_otp.get(PESAN).content.decode()
    response = admin_client_otp.post(reverse("backoffice:pesan_kirim_ulang", args=[failed.pk]))
    assert response["Location"] == PESAN
    failed.refresh_from_db()
    assert failed.status == StatusNotifikasi.PENDING
    assert failed.attempts == 0
    assert AuditEvent.objects.filter(action="pesan.kirim_ulang", actor=admin).exists()
    response = admin_client_otp.post(
        reverse("backoffice:pesan_kirim_ulang", args=[sent.pk]), follow=True
    )
    assert "Hanya pesan yang gagal dapat dikirim ulang." in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == StatusNotifikasi.SENT


def test_verifikator_cannot_requeue(verifikator_client: Client) -> None:
    failed = _pesan(StatusNotifikasi.FAILED)
    response = verifikator_client.post(reverse("backoffice:pesan_kirim_ulang", args=[failed.pk]))
    assert response.status_code == 403
    failed.refresh_from_db()
    assert failed.status == StatusNotifikasi.FAILED


def test_dashboard_counts(verifikator_client: Client, pemohon: Pemohon) -> None:
    _pesan(StatusNotifikasi.FAILED)
    response = verifikator_client.get(reverse("backoffice:dashboard"))
    counts = response.context["counts"]
    assert counts["pesan_gagal"] == 1
    assert counts["pendaftaran_menunggu"] == Pemohon.objects.filter(status="menunggu").count()
