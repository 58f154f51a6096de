"""Back-office models: the staff's second factor (TOTP devices), preset rejection reasons."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PerangkatTotp(models.Model):
    """A staff member's authenticator app (RFC 6238 TOTP, 6 digits, 30-second steps).

    ``secret`` is the base32 shared secret, kept in the database so the server can
    compute codes (production deployments should encrypt this column at rest; see
    ``docs/backoffice.md``). A device counts only once ``confirmed`` (the person typed a
    valid code from it). ``last_used_step`` is the time step of the last accepted code:
    a code is accepted only for a later step, so a code cannot be replayed.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="perangkat_totp",
        verbose_name="petugas",
    )
    secret = models.CharField("rahasia (base32)", max_length=64)
    confirmed = models.BooleanField("terkonfirmasi", default=False)
    last_used_step = models.BigIntegerField("langkah terakhir dipakai", null=True, blank=True)
    dibuat = models.DateTimeField(auto_now_add=True)
    dikonfirmasi_pada = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "perangkat autentikator"
        verbose_name_plural = "perangkat autentikator"

    def __str__(self) -> str:
        return f"Perangkat TOTP #{self.pk}"


class AlasanPenolakan(models.Model):
    """A preset reason for rejecting a registration, offered on the *Tolak* form.

    Verifiers pick one instead of typing the same sentence again and again (and may add
    a *Keterangan tambahan*); admins edit the list in the Django admin. The text is what
    the applicant is told, so it is written for the applicant. An inactive reason is no
    longer offered; past rejections keep their text (it is copied, not referenced).
    Offered in ``urutan`` order.
    """

    teks = models.CharField("teks alasan", max_length=300, unique=True)
    aktif = models.BooleanField("aktif", default=True)
    urutan = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        ordering = ["urutan", "pk"]
        verbose_name = "alasan penolakan"
        verbose_name_plural = "alasan penolakan"

    def __str__(self) -> str:
        return self.teks


class PenugasanLayanan(models.Model):
    """A service a verifier is assigned to (BO-1, BO-3): the verifier sees and handles
    the requests of that service, and of no other.

    Admins are not assigned: they see every service. Managed in the Django admin
    (*Penugasan layanan*); removing a row takes the service's requests out of the
    verifier's queue at once (requests already taken keep their ``petugas``, which an
    admin can release).
    """

    petugas = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="penugasan_layanan",
        verbose_name="petugas",
        limit_choices_to={"role": "verifikator"},
    )
    layanan = models.ForeignKey(
        "catalog.Layanan",
        on_delete=models.CASCADE,
        related_name="penugasan",
        verbose_name="layanan",
    )
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["petugas", "layanan"]
        verbose_name = "penugasan layanan"
        verbose_name_plural = "penugasan layanan"
        constraints = [
            models.UniqueConstraint(fields=["petugas", "layanan"], name="penugasan_layanan_unik")
        ]

    def __str__(self) -> str:
        return f"{self.petugas_id} → {self.layanan_id}"
