"""A URLconf with a plain admin site holding this app's ModelAdmins.

The project's ``/admin/`` adds the back office's second factor; these tests check the
notifications admin itself, so they mount it on an unprotected site of their own.
"""

from django.contrib.admin import AdminSite
from django.urls import include, path

from sintren.notifications.admin import NotifikasiAdmin, TemplatPesanAdmin
from sintren.notifications.models import Notifikasi, TemplatPesan

site = AdminSite(name="admin")
site.register(Notifikasi, NotifikasiAdmin)
site.register(TemplatPesan, TemplatPesanAdmin)

# The site's own pages, which the shared templates (header, error pages) link to.
urlpatterns = [
    path("admin/", site.urls),
    path("", include("sintren.public.urls")),
    path("pemohon/", include("sintren.accounts.urls")),
]
