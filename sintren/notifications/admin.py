"""Staff views of the outbox (delivery status, "kirim ulang") and the message texts."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template import TemplateSyntaxError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sintren.notifications.models import Notifikasi, TemplatPesan
from sintren.notifications.rendering import compile_check
from sintren.notifications.services import notifikasi_resend

# Fields of Pesan that no staff page may display (the secrets waiting for delivery).
HIDDEN_FIELDS = frozenset({"rahasia"})


class TemplatPesanForm(forms.ModelForm[TemplatPesan]):
    """Refuse a text that is not valid template syntax, with a clear message."""

    class Meta:
        model = TemplatPesan
        fields = ["key", "channel", "aktif", "subject", "body"]

    def _check(self, field: str) -> str:
        value = str(self.cleaned_data.get(field, ""))
        try:
            compile_check(value)
        except TemplateSyntaxError as exc:
            raise forms.ValidationError(
                _("Format templat tidak valid: %(galat)s"), params={"galat": exc}
            ) from exc
        return value

    def clean_subject(self) -> str:
        return self._check("subject")

    def clean_body(self) -> str:
        return self._check("body")


@admin.register(TemplatPesan)
class TemplatPesanAdmin(admin.ModelAdmin[TemplatPesan]):
    form = TemplatPesanForm
    list_display = ["key", "channel", "subject", "aktif", "updated_at"]
    list_filter = ["channel", "aktif"]
    search_fields = ["key", "subject", "body"]
    readonly_fields = ["keterangan", "updated_at"]
    fields = ["key", "channel", "aktif", "subject", "body", "keterangan", "updated_at"]


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin[Notifikasi]):
    """The outbox, read-only. ``rahasia`` (live links and codes) is never shown."""

    exclude = ["rahasia"]
    list_display = [
        "id",
        "created_at",
        "event",
        "channel",
        "recipient",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "channel", "event", "delivered_via"]
    search_fields = ["=recipient", "event", "=dedup_key", "=external_id"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    actions = ["kirim_ulang"]
    ordering = ["-created_at", "-id"]

    def get_readonly_fields(self, request: HttpRequest, obj: Notifikasi | None = None) -> list[str]:
        return [field.name for field in Notifikasi._meta.fields if field.name not in HIDDEN_FIELDS]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Notifikasi | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notifikasi | None = None) -> bool:
        # A message's page is view-only: saving the whole row would overwrite what a
        # delivery worker wrote meanwhile (status, wiped secrets). "Kirim ulang" on the
        # list (obj is None) still needs the change permission.
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description="galat terakhir")
    def short_error(self, obj: Notifikasi) -> str:
        return obj.last_error[:80]

    @admin.action(description="Kirim ulang pesan yang gagal", permissions=["change"])
    def kirim_ulang(self, request: HttpRequest, queryset: QuerySet[Notifikasi]) -> None:
        count = notifikasi_resend(
            pesan_ids=queryset.values_list("pk", flat=True), actor=request.user
        )
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext(
                "%(n)d pesan dijadwalkan untuk dikirim ulang.",
                "%(n)d pesan dijadwalkan untuk dikirim ulang.",
                count,
            )
            % {"n": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        if skipped:
            self.message_user(
                request,
                _(
                    "%(n)d pesan dilewati karena statusnya bukan Gagal atau tautan/kode "
                    "rahasianya sudah dihapus."
                )
                % {"n": skipped},
                messages.WARNING,
            )
