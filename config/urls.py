"""Root URLconf: every app is mounted here; every pattern is named in its app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("sintren.public.urls")),
    path("wilayah/", include("sintren.regions.urls")),
    path("katalog/", include("sintren.catalog.urls")),
    path("pemohon/pengajuan/<str:kode>/dokumen/", include("sintren.documents.urls")),
    path("pemohon/pengajuan/<str:kode>/chat/", include("sintren.chat.urls")),
    path("pemohon/pengajuan/<str:kode>/dokumen-jadi/", include("sintren.keluaran.urls")),
    path("pemohon/pengajuan/", include("sintren.pengajuan.urls")),
    path("pemohon/", include("sintren.accounts.urls")),
    path("backoffice/", include("sintren.backoffice.urls")),
    path("verifikasi/", include("sintren.keluaran.urls_verifikasi")),
    path("admin/", admin.site.urls),
]

# The development outbox shows every message, links included, to whoever opens it: only
# where nothing is really sent (the outbox backend) of the embedded default.
if settings.EMBEDDED_DEFAULT and settings.NOTIFICATION_BACKEND == "dev":
    urlpatterns += [path("dev/", include("sintren.notifications.dev_urls"))]
