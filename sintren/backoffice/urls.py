"""URLs of the back office (``/backoffice/``); every page needs a staff login."""

from django.urls import path

from sintren.backoffice.views import (
    katalog,
    keluaran,
    kependudukan,
    konten,
    laporan,
    masuk,
    pendaftaran,
    pengajuan,
    umum,
)

app_name = "backoffice"

urlpatterns = [
    path("", umum.dashboard, name="dashboard"),
    path("login/", masuk.login_view, name="login"),
    path("login/otp/", masuk.login_otp, name="login_otp"),
    path("otp/daftar/", masuk.otp_daftar, name="otp_daftar"),
    path("logout/", masuk.logout_view, name="logout"),
    path("pendaftaran/", pendaftaran.pendaftaran_list, name="pendaftaran_list"),
    path("pendaftaran/<int:pk>/", pendaftaran.pendaftaran_detail, name="pendaftaran_detail"),
    path(
        "pendaftaran/<int:pk>/setujui/",
        pendaftaran.pendaftaran_setujui,
        name="pendaftaran_setujui",
    ),
    path("pendaftaran/<int:pk>/tolak/", pendaftaran.pendaftaran_tolak, name="pendaftaran_tolak"),
    path(
        "pendaftaran/<int:pk>/cocokkan/",
        pendaftaran.pendaftaran_cocokkan,
        name="pendaftaran_cocokkan",
    ),
    path("pengajuan/", pengajuan.pengajuan_list, name="pengajuan_list"),
    path("pengajuan/<str:kode>/", pengajuan.pengajuan_detail, name="pengajuan_detail"),
    path("pengajuan/<str:kode>/ambil/", pengajuan.pengajuan_ambil_view, name="pengajuan_ambil"),
    path("pengajuan/<str:kode>/lepas/", pengajuan.pengajuan_lepas_view, name="pengajuan_lepas"),
    path("pengajuan/<str:kode>/aksi/", pengajuan.pengajuan_aksi, name="pengajuan_aksi"),
    path(
        "pengajuan/<str:kode>/perbaikan/",
        pengajuan.pengajuan_perbaikan,
        name="pengajuan_perbaikan",
    ),
    path(
        "pengajuan/<str:kode>/berkas/<int:pk>/",
        pengajuan.pengajuan_berkas,
        name="pengajuan_berkas",
    ),
    path(
        "pengajuan/<str:kode>/berkas/<int:pk>/thumb/",
        pengajuan.pengajuan_berkas_thumb,
        name="pengajuan_berkas_thumb",
    ),
    path("pengajuan/<str:kode>/chat/", pengajuan.pengajuan_chat, name="pengajuan_chat"),
    path(
        "pengajuan/<str:kode>/chat/daftar/",
        pengajuan.pengajuan_chat_daftar,
        name="pengajuan_chat_daftar",
    ),
    # Issued documents of a request (OUT-1, OUT-3): views/keluaran.py
    path("pengajuan/<str:kode>/keluaran/", keluaran.keluaran, name="keluaran"),
    path(
        "pengajuan/<str:kode>/keluaran/terbitkan/",
        keluaran.keluaran_terbitkan,
        name="keluaran_terbitkan",
    ),
    path(
        "pengajuan/<str:kode>/keluaran/<int:pk>/",
        keluaran.keluaran_dokumen,
        name="keluaran_dokumen",
    ),
    path(
        "pendaftaran/<int:pk>/cek-kependudukan/",
        pendaftaran.pendaftaran_cek_kependudukan,
        name="cek_kependudukan_pendaftaran",
    ),
    path(
        "pengajuan/<str:kode>/cek-kependudukan/",
        kependudukan.cek_kependudukan_pengajuan,
        name="cek_kependudukan_pengajuan",
    ),
    path("laporan/", laporan.laporan_view, name="laporan"),
    path("laporan/csv/", laporan.laporan_csv, name="laporan_csv"),
    path("audit/", umum.audit_list, name="audit_list"),
    path("pesan/", umum.pesan_status, name="pesan_list"),
    path("pesan/<int:pk>/kirim-ulang/", umum.pesan_kirim_ulang, name="pesan_kirim_ulang"),
    # Catalogue and content (BO-4), admins only: views/katalog.py, views/konten.py
    path("katalog/", katalog.katalog_index, name="katalog_index"),
    path("katalog/layanan/baru/", katalog.katalog_layanan_baru, name="katalog_layanan_baru"),
    path("katalog/layanan/<int:pk>/", katalog.katalog_layanan_ubah, name="katalog_layanan_ubah"),
    path(
        "katalog/layanan/<int:pk>/hapus/",
        katalog.katalog_layanan_hapus,
        name="katalog_layanan_hapus",
    ),
    path("katalog/hari-tutup/", katalog.katalog_hari_tutup, name="katalog_hari_tutup"),
    path(
        "katalog/hari-tutup/<int:pk>/hapus/",
        katalog.katalog_hari_tutup_hapus,
        name="katalog_hari_tutup_hapus",
    ),
    path("katalog/informasi/", konten.katalog_informasi, name="katalog_informasi"),
    path("katalog/informasi/baru/", konten.katalog_informasi_baru, name="katalog_informasi_baru"),
    path(
        "katalog/informasi/<int:pk>/",
        konten.katalog_informasi_ubah,
        name="katalog_informasi_ubah",
    ),
    path(
        "katalog/informasi/<int:pk>/hapus/",
        konten.katalog_informasi_hapus,
        name="katalog_informasi_hapus",
    ),
    path("katalog/templat/", konten.katalog_templat, name="katalog_templat"),
    path(
        "katalog/templat/<slug:key>/<slug:channel>/",
        konten.katalog_templat_ubah,
        name="katalog_templat_ubah",
    ),
    path("katalog/grup/", konten.katalog_grup, name="katalog_grup"),
    path("katalog/grup/baru/", konten.katalog_grup_baru, name="katalog_grup_baru"),
    path("katalog/grup/<int:pk>/", konten.katalog_grup_ubah, name="katalog_grup_ubah"),
    path(
        "katalog/grup/<int:pk>/anggota/",
        konten.katalog_grup_anggota,
        name="katalog_grup_anggota",
    ),
    path(
        "katalog/grup/anggota/<int:pk>/",
        konten.katalog_grup_anggota_ubah,
        name="katalog_grup_anggota_ubah",
    ),
]
