"""The authentication backend: Django's, loading what every applicant page needs at once.

Every page behind a login reads the user, the applicant profile (``user.pemohon``) and,
for the mode menu (ACC-7), whether the applicant has an active group membership. Django's
``ModelBackend.get_user`` reads only the user, and the other two cost a query each on
every page. :class:`SintrenBackend` reads all three in one query: the profile by a join
(``None``-cached for staff, who have none) and the membership as an ``EXISTS`` column,
``ada_grup_aktif``, which :func:`sintren.accounts.modes.modes_for` reads before asking for
the groups themselves.

Building that query's SQL took the ORM about 3 ms on every request, more than running it.
The SQL is therefore compiled once per database connection (:class:`_UserQuery`) and
each request only runs it with the user's id and turns the row into objects the way the
ORM's own iterator does (same converters, same related-object caching).
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists, OuterRef
from django.db.models.query import get_related_populators

from sintren.accounts.models import AnggotaGrup, User

BACKEND = "sintren.accounts.backends.SintrenBackend"
GRUP_ATTR = "ada_grup_aktif"
_PLACEHOLDER_ID = -7_340_019  # never a user's id: marks the id's place among the parameters


def user_queryset() -> Any:
    """The user with the applicant profile and the active-group flag (one query)."""
    # Correlated on the joined profile's id (not on the user through a second join of
    # the profiles): PostgreSQL plans it in half the time, on every request.
    keanggotaan = AnggotaGrup.objects.filter(
        pemohon_id=OuterRef("pemohon__id"), aktif=True, grup__aktif=True
    )
    return User._default_manager.select_related("pemohon").annotate(
        **{GRUP_ATTR: Exists(keanggotaan)}
    )


class _UserQuery:
    """:func:`user_queryset` for one id, compiled once for one database connection."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        query = user_queryset().filter(pk=_PLACEHOLDER_ID).query
        compiler = query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        places = [i for i, value in enumerate(params) if value == _PLACEHOLDER_ID]
        if len(places) != 1:  # pragma: no cover - the query above has one id parameter
            raise RuntimeError("the user query's id parameter was not found")
        self.params, self.place = list(params), places[0]
        self.compiler = compiler
        klass_info = compiler.klass_info
        assert klass_info is not None
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in compiler.select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, compiler.select, alias)  # type: ignore[call-arg]
        self.annotations = list(compiler.annotation_col_map.items())

    def get(self, user_id: int) -> User | None:
        params = list(self.params)
        params[self.place] = user_id
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = next(iter(self.compiler.results_iter(results=[[row]])))
        user = User.from_db(self.alias, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, user)
        for name, position in self.annotations:
            setattr(user, name, row[position])
        return user


_compiled: WeakKeyDictionary[BaseDatabaseWrapper, _UserQuery] = WeakKeyDictionary()


def _user_query(alias: str) -> _UserQuery:
    connection = connections[alias]  # one per thread: the compiler is never shared
    compiled = _compiled.get(connection)
    if compiled is None:
        compiled = _compiled[connection] = _UserQuery(alias)
    return compiled


class SintrenBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` also loads the profile and the group flag."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:  # a session holding something else: no user
            return None
        user = _user_query(router.db_for_read(User)).get(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
