"""URLs of the back office (``/backoffice/``); every page needs a staff login."""

from django.urls import path

from sintren.backoffice.views import masuk, pendaftaran, umum

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
    path("audit/", umum.audit_list, name="audit_list"),
    path("pesan/", umum.pesan_status, name="pesan_list"),
    path("pesan/<int:pk>/kirim-ulang/", umum.pesan_kirim_ulang, name="pesan_kirim_ulang"),
]
