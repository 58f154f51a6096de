"""Writes of the chat (MSG-1): send a message, mark a thread read.

Services take a typed actor, never a request; the caller has loaded the request through
its access-checking getter (applicants: ``pengajuan_get_for_user``). Audit rows name the
request and the message by id and code only, never the text.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sintren.accounts.models import User
from sintren.chat.models import ISI_MAX, Pesan
from sintren.chat.rules import chat_ditutup, chat_terbuka
from sintren.core.audit import audit_log
from sintren.core.choices import AuditAction
from sintren.core.ratelimit import Limit, quota_take
from sintren.notifications.choices import Event
from sintren.notifications.services import notifikasi_queue
from sintren.pengajuan.models import Pengajuan

CHAT_SCOPE = "chat"
# At most 20 messages in 10 minutes per person; the count restarts after the window.
CHAT_PER_PENGGUNA = Limit("pengguna", max_failures=20, window_seconds=10 * 60, lock_seconds=None)


def _side(actor: User) -> bool:
    """``True`` for a staff member, ``False`` for an applicant; anyone else is refused."""
    if actor.is_petugas:
        return True
    if actor.is_pemohon:
        return False
    raise ValidationError(gettext("Anda tidak dapat mengirim pesan."), code="peran")


def _status_check(pengajuan: Pengajuan) -> None:
    if chat_terbuka(pengajuan.status):
        return
    if chat_ditutup(pengajuan.status):
        message = gettext(
            "Pengajuan ini berstatus %(status)s; chat sudah ditutup dan hanya dapat dibaca."
        )
    else:
        message = gettext(
            "Chat dapat digunakan setelah pengajuan dikirim (status saat ini: %(status)s)."
        )
    raise ValidationError(message % {"status": pengajuan.get_status_display()}, code="status")


def _isi_clean(isi: str) -> str:
    text = str(isi or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(gettext("Pesan tidak boleh kosong."), code="kosong")
    if len(text) > ISI_MAX:
        raise ValidationError(
            gettext("Pesan terlalu panjang (paling banyak %(max)d karakter).") % {"max": ISI_MAX},
            code="panjang",
        )
    return text


def _notify_balasan(pengajuan: Pengajuan) -> None:
    """Tell the applicant a staff member answered (WhatsApp, and email when set)."""
    pemohon = pengajuan.pemohon
    # The contact of a group request may be the subject's family, not the member.
    nama = pemohon.nama_lengkap if pengajuan.nomor_hp == pemohon.nomor_hp else pengajuan.subjek_nama
    url = reverse("pengajuan:detail", kwargs={"kode": pengajuan.kode})
    notifikasi_queue(
        event=Event.CHAT_BALASAN,
        context={"nama": nama, "kode_pengajuan": pengajuan.kode, "pengajuan_url": f"{url}#chat"},
        phone=pengajuan.nomor_hp,
        email=pengajuan.email or None,
        user=pemohon.user,
    )


@transaction.atomic
def pesan_kirim(*, actor: User, pengajuan: Pengajuan, isi: str) -> Pesan:
    """Send a chat message about ``pengajuan`` as the applicant or a staff member.

    Refused with a ``ValidationError`` (nothing written) when the text is empty or too
    long (code ``kosong``/``panjang``), the chat is not open (code ``status``: a draft,
    or a closed request), or the sender has used up :data:`CHAT_PER_PENGGUNA` (code
    ``batas``). The request row is locked, so a message never lands after the request
    was closed. A staff reply queues ``chat_balasan`` to the request's contact, once
    per batch of replies the applicant has not read yet (the applicant's daily message
    cap is kept for status news). Audited without the text.
    """
    dari_petugas = _side(actor)
    text = _isi_clean(isi)
    locked = (
        Pengajuan.objects.select_for_update(of=("self",))
        .select_related("layanan", "pemohon__user")
        .get(pk=pengajuan.pk)
    )
    _status_check(locked)
    lockout = quota_take(CHAT_SCOPE, per=((CHAT_PER_PENGGUNA, str(actor.pk)),))
    if lockout is not None:
        jam = timezone.localtime(lockout.until).strftime("%H.%M")
        raise ValidationError(
            gettext(
                "Terlalu banyak pesan dalam waktu singkat. Silakan coba lagi setelah pukul "
                "%(jam)s WIB."
            )
            % {"jam": jam},
            code="batas",
        )
    sudah_diberi_tahu = (
        dari_petugas
        and Pesan.objects.filter(
            pengajuan=locked, dari_petugas=True, dibaca_pemohon_pada__isnull=True
        ).exists()
    )
    pesan = Pesan.objects.create(
        pengajuan=locked, pengirim=actor, dari_petugas=dari_petugas, isi=text
    )
    audit_log(
        actor=actor,
        action=AuditAction.CHAT_KIRIM,
        target=locked,
        summary="Pesan chat dikirim",
        details={"kode": locked.kode, "pesan_id": pesan.pk, "dari_petugas": dari_petugas},
    )
    if dari_petugas and not sudah_diberi_tahu:
        _notify_balasan(locked)
    return pesan


def pesan_tandai_dibaca(*, actor: User, pengajuan: Pengajuan) -> int:
    """Mark the other side's messages of ``pengajuan`` as seen by ``actor``'s side.

    The applicant side reads the staff's messages, the staff side the applicant's (one
    staff member reading counts for all). Returns how many were newly marked. Not
    audited: it records a view, not a decision.
    """
    now = timezone.now()
    if _side(actor):
        rows = Pesan.objects.filter(
            pengajuan=pengajuan, dari_petugas=False, dibaca_petugas_pada__isnull=True
        )
        return rows.update(dibaca_petugas_pada=now)
    rows = Pesan.objects.filter(
        pengajuan=pengajuan, dari_petugas=True, dibaca_pemohon_pada__isnull=True
    )
    return rows.update(dibaca_pemohon_pada=now)
