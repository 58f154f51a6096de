"""The authentication backend: Django's, loading what every applicant page needs at once.

Every page behind a login reads the user, the applicant profile (``user.pemohon``) and,
for the mode menu (ACC-7), whether the applicant has an active group membership. Django's
``ModelBackend.get_user`` reads only the user, and the other two cost a query each on
every page. :class:`SintrenBackend` reads all three in one query: the profile by a join
(``None``-cached for staff, who have none) and the membership as an ``EXISTS`` column,
``ada_grup_aktif``, which :func:`sintren.accounts.modes.modes_for` reads before asking for
the groups themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef

from sintren.accounts.models import AnggotaGrup, User

BACKEND = "sintren.accounts.backends.SintrenBackend"
GRUP_ATTR = "ada_grup_aktif"


class SintrenBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` also loads the profile and the group flag."""

    def get_user(self, user_id: Any) -> User | None:
        keanggotaan = AnggotaGrup.objects.filter(
            pemohon__user_id=OuterRef("pk"), aktif=True, grup__aktif=True
        )
        try:
            user = (
                User._default_manager.select_related("pemohon")
                .annotate(**{GRUP_ATTR: Exists(keanggotaan)})
                .get(pk=user_id)
            )
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
