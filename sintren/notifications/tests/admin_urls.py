"""A URLconf with a plain admin site holding this app's ModelAdmins.

The project's ``/admin/`` adds the back office's second factor; these tests check the
notifications admin itself, so they mount it on an unprotected site of their own.
"""

from django.contrib.admin import AdminSite
from django.urls import path

from sintren.notifications.admin import PesanAdmin, TemplatPesanAdmin
from sintren.notifications.models import Pesan, TemplatPesan

site = AdminSite(name="admin")
site.register(Pesan, PesanAdmin)
site.register(TemplatPesan, TemplatPesanAdmin)

urlpatterns = [path("admin/", site.urls)]
