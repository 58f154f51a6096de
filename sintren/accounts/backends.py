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
ORM's own iterator does (same converters, same related-object caching). The login looks
the applicant up by NIK with the same query, compiled for that lookup
(:func:`user_by_nik`).

On PostgreSQL, planning the query took longer than running it (0.3 of 0.65 ms a
request at a million applicants): each server session gets it as a prepared statement
(``PREPARE``, once per physical connection, which the pool keeps) and runs
``EXECUTE`` with the id, outside transactions (inside one, the plain SQL runs: a
failing ``PREPARE`` must never abort someone's transaction). ``PREPARED_STATEMENTS =
False`` (``DATABASE_PREPARED_STATEMENTS=false``) turns this off for a connection
pooler that shares server sessions between clients (PgBouncer in transaction mode).
"""

from __future__ import annotations

import hashlib
from typing import Any
from weakref import WeakKeyDictionary

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Exists, OuterRef
from django.db.models.query import get_related_populators

from sintren.accounts.models import AnggotaGrup, User

BACKEND = "sintren.accounts.backends.SintrenBackend"
GRUP_ATTR = "ada_grup_aktif"
# Values no user has: each marks its lookup's place among the compiled query's parameters.
_PLACEHOLDERS: dict[str, Any] = {"pk": -7_340_019, "pemohon__nik": "\x00nik\x00"}


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
    """:func:`user_queryset` for one value of ``lookup`` (the id, or the applicant's NIK),
    compiled once for one database connection."""

    def __init__(self, alias: str, lookup: str = "pk") -> None:
        self.alias = alias
        placeholder = _PLACEHOLDERS[lookup]
        query = user_queryset().filter(**{lookup: placeholder}).query
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        self.sql: str = sql
        places = [i for i, value in enumerate(params) if value == placeholder]
        if len(places) != 1:  # pragma: no cover - the query above has one such parameter
            raise RuntimeError(f"the user query's {lookup} parameter was not found")
        self.params, self.place = list(params), places[0]
        self.compiler = compiler
        klass_info = compiler.klass_info
        assert klass_info is not None
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in compiler.select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, compiler.select, alias)  # type: ignore[call-arg]
        self.annotations = list(compiler.annotation_col_map.items())
        # What results_iter() would look up again for every row.
        self.converters = compiler.get_converters([s[0] for s in compiler.select])
        self.prepare: str | None = None
        self.execute: str = self.sql
        if connections[alias].vendor == "postgresql":
            self.prepare, self.execute = _prepared_forms(self.sql, len(params))

    def _statement(self) -> str:
        """The SQL to run now: ``EXECUTE`` of the prepared query when it can be."""
        wrapper = connections[self.alias]
        if (
            self.prepare is None
            or not getattr(settings, "PREPARED_STATEMENTS", True)
            or not wrapper.get_autocommit()
        ):
            return self.sql
        raw = wrapper.connection
        prepared = _prepared_on.get(raw)
        if prepared is None:
            prepared = _prepared_on[raw] = set()
        if self.prepare not in prepared:
            with raw.cursor() as cursor:  # set-up of the session, as Django's own SETs
                cursor.execute(self.prepare)
            prepared.add(self.prepare)
        return self.execute

    def get(self, value: Any) -> User | None:
        params = list(self.params)
        params[self.place] = value
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self._statement(), params)
            row = cursor.fetchone()
        if row is None:
            return None
        if self.converters:
            row = next(self.compiler.apply_converters([row], self.converters))
        user = User.from_db(self.alias, self.init_list, row[self.start : self.end])
        for populator in self.populators:
            populator.populate(row, user)
        for name, position in self.annotations:
            setattr(user, name, row[position])
        return user


_compiled: WeakKeyDictionary[BaseDatabaseWrapper, dict[str, _UserQuery]] = WeakKeyDictionary()
# The statements prepared on each PostgreSQL connection (psycopg's, one per server session).
_prepared_on: WeakKeyDictionary[Any, set[str]] = WeakKeyDictionary()


def _prepared_forms(sql: str, count: int) -> tuple[str | None, str]:
    """``PREPARE`` of ``sql`` (``count`` parameters) and its ``EXECUTE`` with ``%s`` for
    each parameter; no ``PREPARE`` for SQL this cannot rewrite safely."""
    if "%%" in sql or "$" in sql or sql.count("%s") != count:
        return None, sql
    name = "sintren_user_" + hashlib.sha256(sql.encode()).hexdigest()[:16]
    numbered = sql
    for number in range(1, count + 1):
        numbered = numbered.replace("%s", f"${number}", 1)
    return f"PREPARE {name} AS {numbered}", f"EXECUTE {name}({', '.join(['%s'] * count)})"


def _user_query(alias: str, lookup: str = "pk") -> _UserQuery:
    connection = connections[alias]  # one per thread: the compiler is never shared
    queries = _compiled.get(connection)
    if queries is None:
        queries = _compiled[connection] = {}
    compiled = queries.get(lookup)
    if compiled is None:
        compiled = queries[lookup] = _UserQuery(alias, lookup)
    return compiled


def user_by_nik(nik: str) -> User | None:
    """The user whose applicant profile has this NIK, loaded as :meth:`SintrenBackend.get_user`
    loads a user (profile joined and cached both ways, group flag), or ``None``.

    The login's lookup: one compiled query instead of the ORM building it each time.
    """
    return _user_query(router.db_for_read(User), "pemohon__nik").get(nik)


class SintrenBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` also loads the profile and the group flag."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:  # a session holding something else: no user
            return None
        user = _user_query(router.db_for_read(User)).get(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
