from django.urls import URLPattern, URLResolver, path

from sintren.accounts.views import akun, login, password, registrasi

app_name = "accounts"

urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", login.login, name="login"),
    path("logout/", login.logout, name="logout"),
    path("daftar/", registrasi.daftar, name="daftar"),
    path("daftar/berhasil/", registrasi.daftar_berhasil, name="daftar_berhasil"),
    path("daftar-ulang/", registrasi.daftar_ulang, name="daftar_ulang"),
    path("status/", registrasi.status, name="status"),
    path("aktivasi/berhasil/", registrasi.aktivasi_berhasil, name="aktivasi_berhasil"),
    path("aktivasi/<str:token>/", registrasi.aktivasi, name="aktivasi"),
    path("profil/", akun.profil, name="profil"),
    path("mode/", akun.mode, name="mode"),
    path("ganti-hp/", akun.ganti_hp, name="ganti_hp"),
    path("ganti-hp/kode/", akun.ganti_hp_kode, name="ganti_hp_kode"),
    path("ganti-password/", password.ganti_password, name="ganti_password"),
    path("lupa-password/", password.lupa_password, name="lupa_password"),
    path("reset/<str:token>/", password.reset_password, name="reset_password"),
]
