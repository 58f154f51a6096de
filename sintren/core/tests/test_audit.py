"""BO-1/BO-6: the audit log service and its read-only admin."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from sintren.backoffice.auth import OTP_KEY
from sintren.core.audit import MASK, audit_log
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent, BatasPercobaan

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def petugas() -> Any:
    return User.objects.create_user(
        username="verif1", password="Rahasia123!", role="verifikator", is_staff=True
    )


@pytest.fixture
def superuser() -> Any:
    return User.objects.create_superuser(username="admin1", password="Rahasia123!", role="admin")


def test_audit_log_records_actor_target_and_address(petugas: Any, settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    target = BatasPercobaan.objects.create(
        scope="x", key_hash="y" * 64, window_start="2025-01-01T00:00Z"
    )
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    event = audit_log(
        actor=petugas,
        action="pendaftaran.setujui",
        target=target,
        summary="Pendaftaran disetujui",
        request=request,
        details={"alasan": "lengkap"},
    )
    event.refresh_from_db()
    assert event.actor == petugas
    assert event.actor_label == "verif1"
    assert event.action == "pendaftaran.setujui"
    assert event.target_type == "core.bataspercobaan"
    assert event.target_id == str(target.pk)
    assert event.ip == "203.0.113.9"
    assert event.details == {"alasan": "lengkap"}
    assert event.created_at is not None


def test_system_and_anonymous_actors() -> None:
    assert audit_log(actor=None, action=AuditAction.PESAN_KIRIM_ULANG).actor_label == "sistem"
    event = audit_log(actor=AnonymousUser(), action=AuditAction.AKTIVASI_KIRIM_ULANG)
    assert event.actor is None
    assert event.actor_label == "sistem"
    assert event.ip is None


def test_applicants_are_labelled_by_id_not_by_name_or_nik() -> None:
    pemohon = User.objects.create_user(username="3326071708450001", password="x", role="pemohon")
    event = audit_log(actor=pemohon, action=AuditAction.AKUN_GANTI_MODE)
    assert event.actor_label == f"pemohon#{pemohon.pk}"
    assert "3326071708450001" not in event.actor_label


def test_nik_shaped_numbers_are_masked() -> None:
    event = audit_log(
        actor=None,
        action=AuditAction.PENDAFTARAN_LIHAT,
        summary="NIK 3326071708450001 dicek",
        details={"nik": "3326071708450001", "n": 3326071708450001, "list": ["3326071708450001"]},
    )
    event.refresh_from_db()
    assert event.summary == f"NIK {MASK} dicek"
    assert event.details == {"nik": MASK, "n": MASK, "list": [MASK]}


def test_admin_is_read_only_and_for_superusers(superuser: Any, petugas: Any) -> None:
    audit_log(actor=petugas, action="pendaftaran.tolak", summary="Ditolak")
    event = AuditEvent.objects.get()
    client = Client()
    client.force_login(superuser)
    session = client.session
    session[OTP_KEY] = superuser.pk  # passed the back office's second factor
    session.save()
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get(f"/admin/core/auditevent/{event.pk}/change/").status_code == 200
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.count() == 1

    staff = Client()
    petugas.is_superuser = False
    petugas.save()
    staff.force_login(petugas)
    assert staff.get("/admin/core/auditevent/").status_code in {302, 403}


def test_admin_role_without_superuser_cannot_read_the_log() -> None:
    admin_biasa = User.objects.create_user(
        username="admin2", password="Rahasia123!", role="admin", is_staff=True
    )
    audit_log(actor=admin_biasa, action=AuditAction.PETUGAS_LOGIN)
    client = Client()
    client.force_login(admin_biasa)
    session = client.session
    session[OTP_KEY] = admin_biasa.pk
    session.save()
    assert client.get("/admin/core/auditevent/").status_code == 403


@pytest.mark.django_db
def test_an_unknown_action_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"tidak\.dikenal"):
        audit_log(actor=None, action="tidak.dikenal")
    assert not AuditEvent.objects.exists()
