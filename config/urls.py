"""Root URLconf: every app is mounted here; every pattern is named in its app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("sintren.public.urls")),
    path("wilayah/", include("sintren.regions.urls")),
    path("katalog/", include("sintren.catalog.urls")),
    path("pemohon/", include("sintren.accounts.urls")),
    path("backoffice/", include("sintren.backoffice.urls")),
    path("admin/", admin.site.urls),
]

if settings.EMBEDDED_DEFAULT:
    urlpatterns += [path("dev/", include("sintren.notifications.dev_urls"))]
