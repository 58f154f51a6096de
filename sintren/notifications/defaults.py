"""Built-in message texts, in Indonesian, for every event.

``load_templat_pesan`` copies them into ``TemplatPesan`` rows that admins can edit; an
event without a row falls back to the text here. Every template also receives
``app_name``, ``office_name``, ``region_name``, ``call_center`` and ``site_url``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sintren.notifications.choices import Kanal

WA = Kanal.WHATSAPP
EMAIL = Kanal.EMAIL

_SALAM = "Yth. {{ nama }},"
_PENUTUP_WA = "_Pesan otomatis {{ app_name }} {{ region_name }}. Mohon tidak membalas pesan ini._"
_PENUTUP_EMAIL = (
    "Hormat kami,\n{{ office_name }}\n\n"
    "Email ini dikirim otomatis oleh {{ app_name }}; mohon tidak membalas email ini.\n"
    "Layanan informasi (WhatsApp): {{ call_center }}"
)


@dataclass(frozen=True)
class DefaultTemplat:
    """A built-in text of one event on one channel."""

    key: str
    channel: str
    body: str
    subject: str = ""
    keterangan: str = ""


def _pair(
    key: str, variables: str, subject: str, wa: str | None, email: str
) -> list[DefaultTemplat]:
    """The WhatsApp (optional) and email texts of one event."""
    help_text = f"Variabel: {variables}."
    items = []
    if wa is not None:
        items.append(DefaultTemplat(key, WA, f"{wa}\n\n{_PENUTUP_WA}", "", help_text))
    items.append(DefaultTemplat(key, EMAIL, f"{email}\n\n{_PENUTUP_EMAIL}", subject, help_text))
    return items


DEFAULTS: list[DefaultTemplat] = [
    *_pair(
        "pendaftaran_diterima",
        "{{ nama }}, {{ status_url }}",
        "Pendaftaran {{ app_name }} diterima",
        f"{_SALAM}\n\nPendaftaran Anda sebagai Pemohon *{{{{ app_name }}}}* sudah kami terima "
        "dan akan diverifikasi oleh petugas Dinas pada hari dan jam kerja.\n\n"
        "Setelah disetujui, link aktivasi akun dikirim melalui WhatsApp/email.\n"
        "Cek status pendaftaran: {{ status_url }}",
        f"{_SALAM}\n\nPendaftaran Anda sebagai Pemohon {{{{ app_name }}}} sudah kami terima "
        "dan akan diverifikasi oleh petugas Dinas pada hari dan jam kerja.\n\n"
        "Setelah disetujui, link aktivasi akun akan dikirim melalui WhatsApp dan email.\n\n"
        "Cek status pendaftaran:\n{{ status_url }}",
    ),
    *_pair(
        "pendaftaran_disetujui",
        "{{ nama }}, {{ aktivasi_url }}, {{ berlaku_hari }}",
        "Aktivasi akun {{ app_name }}",
        f"{_SALAM}\n\nPendaftaran Anda *disetujui*. Aktifkan akun {{{{ app_name }}}} "
        "melalui link berikut:\n{{ aktivasi_url }}\n\n"
        "Link berlaku {{ berlaku_hari|default:7 }} hari dan hanya dapat dipakai sekali. "
        "Jika link belum bisa diklik, simpan dahulu nomor ini di kontak Anda.",
        f"{_SALAM}\n\nPendaftaran Anda sebagai Pemohon {{{{ app_name }}}} telah disetujui.\n"
        "Silakan aktifkan akun Anda melalui link berikut:\n\n{{ aktivasi_url }}\n\n"
        "Pada halaman aktivasi Anda diminta mengisi Nama Ibu Kandung. Link berlaku "
        "{{ berlaku_hari|default:7 }} hari dan hanya dapat dipakai sekali.",
    ),
    *_pair(
        "pendaftaran_ditolak",
        "{{ nama }}, {{ alasan }}, {{ daftar_ulang_url }}",
        "Pendaftaran {{ app_name }} tidak disetujui",
        f"{_SALAM}\n\nMohon maaf, pendaftaran Anda *tidak disetujui*.\n"
        "Alasan: {{ alasan }}\n\n"
        "Silakan perbaiki data dan daftar ulang melalui:\n{{ daftar_ulang_url }}",
        f"{_SALAM}\n\nMohon maaf, pendaftaran Anda sebagai Pemohon {{{{ app_name }}}} "
        "tidak disetujui.\n\nAlasan: {{ alasan }}\n\n"
        "Silakan perbaiki data Anda dan lakukan Daftar Ulang melalui:\n{{ daftar_ulang_url }}",
    ),
    *_pair(
        "pendaftaran_nik_dipakai",
        "{{ nama }}, {{ login_url }}, {{ lupa_password_url }}",
        "Ada pendaftaran baru dengan NIK Anda di {{ app_name }}",
        f"{_SALAM}\n\nSeseorang baru saja mengisi formulir pendaftaran *{{{{ app_name }}}}* "
        "dengan NIK Anda. Data Anda tidak diubah.\n\n"
        "Jika itu Anda: login dengan NIK dan Kata Kunci Anda:\n{{ login_url }}\n"
        "Lupa Kata Kunci? {{ lupa_password_url }}\n\n"
        "Jika bukan Anda, abaikan pesan ini.",
        f"{_SALAM}\n\nSeseorang baru saja mengisi formulir pendaftaran {{{{ app_name }}}} "
        "dengan NIK Anda. Data Anda tidak diubah.\n\n"
        "Jika itu Anda, login dengan NIK dan Kata Kunci Anda:\n{{ login_url }}\n\n"
        "Lupa Kata Kunci? Gunakan:\n{{ lupa_password_url }}\n\n"
        "Jika bukan Anda, abaikan email ini.",
    ),
    *_pair(
        "reset_password",
        "{{ nama }}, {{ reset_url }}, {{ berlaku_jam }}",
        "Reset password {{ app_name }}",
        f"{_SALAM}\n\nKami menerima permintaan reset password akun {{{{ app_name }}}} Anda.\n"
        "Buka link berikut untuk membuat password baru:\n{{ reset_url }}\n\n"
        "Link berlaku {{ berlaku_jam|default:24 }} jam dan hanya dapat dipakai sekali. "
        "Jika Anda tidak meminta reset password, abaikan pesan ini.",
        f"{_SALAM}\n\nKami menerima permintaan reset password akun {{{{ app_name }}}} Anda.\n"
        "Buka link berikut untuk membuat password baru:\n\n{{ reset_url }}\n\n"
        "Link berlaku {{ berlaku_jam|default:24 }} jam dan hanya dapat dipakai sekali. "
        "Jika Anda tidak meminta reset password, abaikan email ini.",
    ),
    DefaultTemplat(
        "kode_ganti_hp",
        WA,
        "Kode ganti nomor HP {{ app_name }}: *{{ kode }}*\n\n"
        "Kode berlaku {{ berlaku_menit|default:10 }} menit. "
        "Jangan berikan kode ini kepada siapa pun, termasuk petugas.\n\n" + _PENUTUP_WA,
        "",
        "Variabel: {{ kode }}, {{ berlaku_menit }}.",
    ),
    *_pair(
        "nomor_hp_diganti",
        "{{ nama }}",
        "Nomor HP akun {{ app_name }} diganti",
        f"{_SALAM}\n\nNomor HP (WhatsApp) akun {{{{ app_name }}}} Anda baru saja diganti. "
        "Mulai sekarang notifikasi dikirim ke nomor yang baru.\n\n"
        "Jika Anda tidak melakukan perubahan ini, segera hubungi layanan informasi "
        "{{ call_center }}.",
        f"{_SALAM}\n\nNomor HP (WhatsApp) akun {{{{ app_name }}}} Anda baru saja diganti. "
        "Mulai sekarang notifikasi WhatsApp dikirim ke nomor yang baru.\n\n"
        "Jika Anda tidak melakukan perubahan ini, segera hubungi layanan informasi "
        "{{ call_center }}.",
    ),
    *_pair(
        "pengajuan_dikirim",
        "{{ nama }}, {{ kode_pengajuan }}, {{ layanan }}, {{ pengajuan_url }}",
        "Pengajuan {{ kode_pengajuan }} diterima",
        f"{_SALAM}\n\nPengajuan *{{{{ layanan }}}}* dengan kode *{{{{ kode_pengajuan }}}}* "
        "sudah kami terima dan akan diproses pada hari dan jam kerja.\n\n"
        "Pantau pengajuan Anda: {{ pengajuan_url }}",
        f"{_SALAM}\n\nPengajuan {{{{ layanan }}}} dengan kode {{{{ kode_pengajuan }}}} sudah "
        "kami terima dan akan diproses pada hari dan jam kerja.\n\n"
        "Pantau pengajuan Anda:\n{{ pengajuan_url }}",
    ),
    *_pair(
        "pengajuan_status",
        "{{ nama }}, {{ kode_pengajuan }}, {{ layanan }}, {{ status }}, {{ catatan }}, "
        "{{ pengajuan_url }}",
        "Status pengajuan {{ kode_pengajuan }}: {{ status }}",
        f"{_SALAM}\n\nStatus pengajuan *{{{{ kode_pengajuan }}}}* ({{{{ layanan }}}}) "
        "sekarang: *{{ status }}*.{% if catatan %}\nCatatan: {{ catatan }}{% endif %}\n\n"
        "Detail: {{ pengajuan_url }}",
        f"{_SALAM}\n\nStatus pengajuan {{{{ kode_pengajuan }}}} ({{{{ layanan }}}}) sekarang: "
        "{{ status }}.{% if catatan %}\n\nCatatan: {{ catatan }}{% endif %}\n\n"
        "Detail pengajuan:\n{{ pengajuan_url }}",
    ),
    *_pair(
        "pengajuan_perbaikan",
        "{{ nama }}, {{ kode_pengajuan }}, {{ layanan }}, {{ catatan }}, {{ pengajuan_url }}",
        "Pengajuan {{ kode_pengajuan }} perlu diperbaiki",
        f"{_SALAM}\n\nPengajuan *{{{{ kode_pengajuan }}}}* ({{{{ layanan }}}}) *perlu "
        "diperbaiki*.\nCatatan petugas: {{ catatan }}\n\n"
        "Perbaiki pengajuan Anda di: {{ pengajuan_url }}",
        f"{_SALAM}\n\nPengajuan {{{{ kode_pengajuan }}}} ({{{{ layanan }}}}) perlu diperbaiki.\n\n"
        "Catatan petugas: {{ catatan }}\n\n"
        "Silakan perbaiki pengajuan Anda melalui:\n{{ pengajuan_url }}",
    ),
    *_pair(
        "pengajuan_dikirim_ulang",
        "{{ nama }}, {{ kode_pengajuan }}, {{ layanan }}, {{ pengajuan_url }}",
        "Perbaikan pengajuan {{ kode_pengajuan }} diterima",
        f"{_SALAM}\n\nPerbaikan pengajuan *{{{{ kode_pengajuan }}}}* ({{{{ layanan }}}}) "
        "sudah kami terima dan akan diperiksa kembali pada hari dan jam kerja.\n\n"
        "Pantau pengajuan Anda: {{ pengajuan_url }}",
        f"{_SALAM}\n\nPerbaikan pengajuan {{{{ kode_pengajuan }}}} ({{{{ layanan }}}}) sudah "
        "kami terima dan akan diperiksa kembali oleh Verifikator Dinas pada hari dan jam "
        "kerja.\n\nPantau pengajuan Anda:\n{{ pengajuan_url }}",
    ),
    *_pair(
        "chat_balasan",
        "{{ nama }}, {{ kode_pengajuan }}, {{ pengajuan_url }}",
        "Pesan baru untuk pengajuan {{ kode_pengajuan }}",
        f"{_SALAM}\n\nAda pesan baru dari petugas untuk pengajuan *{{{{ kode_pengajuan }}}}*.\n"
        "Baca dan balas di: {{ pengajuan_url }}",
        f"{_SALAM}\n\nAda pesan baru dari petugas untuk pengajuan {{{{ kode_pengajuan }}}}.\n\n"
        "Baca dan balas pesan tersebut melalui:\n{{ pengajuan_url }}",
    ),
    *_pair(
        "dokumen_terbit",
        "{{ nama }}, {{ kode_pengajuan }}, {{ layanan }}, {{ berlaku_sampai }}, "
        "{{ pengajuan_url }}",
        "Dokumen pengajuan {{ kode_pengajuan }} sudah terbit",
        f"{_SALAM}\n\nDokumen untuk pengajuan *{{{{ kode_pengajuan }}}}* ({{{{ layanan }}}}) "
        "sudah terbit dan dapat diunduh sampai *{{ berlaku_sampai }}*.\n\n"
        "Unduh di: {{ pengajuan_url }}",
        f"{_SALAM}\n\nDokumen untuk pengajuan {{{{ kode_pengajuan }}}} ({{{{ layanan }}}}) "
        "sudah terbit dan dapat diunduh sampai {{ berlaku_sampai }}.\n\n"
        "Unduh dokumen melalui:\n{{ pengajuan_url }}",
    ),
    *_pair(
        "dokumen_akan_kedaluwarsa",
        "{{ nama }}, {{ kode_pengajuan }}, {{ berlaku_sampai }}, {{ pengajuan_url }}",
        "Dokumen {{ kode_pengajuan }} segera tidak dapat diunduh",
        f"{_SALAM}\n\nDokumen pengajuan *{{{{ kode_pengajuan }}}}* hanya dapat diunduh "
        "sampai *{{ berlaku_sampai }}*. Segera unduh di: {{ pengajuan_url }}",
        f"{_SALAM}\n\nDokumen pengajuan {{{{ kode_pengajuan }}}} hanya dapat diunduh sampai "
        "{{ berlaku_sampai }}.\n\nSegera unduh dokumen Anda melalui:\n{{ pengajuan_url }}",
    ),
    DefaultTemplat(
        "dokumen_dikirim_email",
        EMAIL,
        f"{_SALAM}\n\nTerlampir dokumen TTE untuk pengajuan {{{{ kode_pengajuan }}}} "
        "({{ layanan }}), sesuai Pilihan Dokumen Jadi Anda.\n\n"
        "Simpan dokumen dengan aman dan jangan berikan kepada pihak yang tidak "
        "berkepentingan. Dokumen dapat dicetak pada kertas HVS 80 gram ukuran A4.\n\n"
        "Dokumen juga dapat diunduh satu kali sampai {{ berlaku_sampai }} melalui:\n"
        "{{ pengajuan_url }}\n\n" + _PENUTUP_EMAIL,
        "Dokumen TTE pengajuan {{ kode_pengajuan }}",
        "Variabel: {{ nama }}, {{ kode_pengajuan }}, {{ layanan }}, {{ berlaku_sampai }}, "
        "{{ pengajuan_url }}. Dokumen PDF dilampirkan otomatis.",
    ),
]

DEFAULTS_BY_KEY: dict[tuple[str, str], DefaultTemplat] = {
    (item.key, item.channel): item for item in DEFAULTS
}
EVENT_KEYS: list[str] = sorted({item.key for item in DEFAULTS})
