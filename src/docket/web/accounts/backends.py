"""Django's model backend, answering its two per-request questions in one query.

Every signed-in request loads the user, and most pages ask for the user's permissions.
``ModelBackend`` builds three queries through the ORM for them, which costs several times
what the database takes to answer (about 0.15 ms of ORM work per query at the time of
writing, against 0.03 ms for the database). Here one plain query loads the user with its
permissions. The answers are the same sets ``ModelBackend`` gives: the tests compare them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextvars import ContextVar
from functools import cache
from typing import Any, NamedTuple

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections


def _table(model: Any) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


# The user's permissions as one JSON array of "app_label.codename": each database spells
# the aggregate its own way, and PostgreSQL's is NULL when there are none.
_PERMISSIONS_JSON = {
    "sqlite": "json_group_array(ct.app_label || '.' || p.codename)",
    "postgresql": "json_agg(ct.app_label || '.' || p.codename)",
}


def _permissions_of(user: str) -> str:
    """SQL for the permission names ``user`` (an SQL expression for its id) holds."""
    return (
        f"FROM {_table(Permission)} p"
        f" JOIN {_table(ContentType)} ct ON ct.id = p.content_type_id"
        " WHERE p.id IN ("
        f"SELECT up.permission_id FROM {_table(User.user_permissions.through)} up"
        f" WHERE up.user_id = {user}"
        f" UNION SELECT gp.permission_id FROM {_table(Group.permissions.through)} gp"
        f" JOIN {_table(User.groups.through)} ug ON ug.group_id = gp.group_id"
        f" WHERE ug.user_id = {user})"
    )


class _UserRow(NamedTuple):
    """How to read a user row with a plain cursor: its columns and their converters.

    A raw queryset sets itself up again on every query, which cost more than the query
    (about 0.2 ms of CPU). The converters are the ones the ORM applies to these columns
    (SQLite's text dates and integer booleans), so the user is the ORM's.
    """

    select: str
    names: list[str]
    pk_at: int
    converters: list[tuple[int, list[Any], Any]]


@cache
def _user_row(alias: str) -> _UserRow:
    db = connections[alias]
    fields = User._meta.concrete_fields
    converters = []
    for at, field in enumerate(fields):
        column = field.get_col("u")
        found = db.ops.get_db_converters(column) + column.get_db_converters(db)
        if found:
            converters.append((at, found, column))
    select = ", ".join(f"u.{db.ops.quote_name(str(field.column))}" for field in fields)
    names = [field.attname for field in fields]
    return _UserRow(select, names, names.index(User._meta.pk.attname), converters)


def user_columns() -> str:
    """The select list of a user row (``u``) with its permission names, for ``user_from``."""
    aggregate = _PERMISSIONS_JSON[connection.vendor]
    return (
        f"{_user_row(connection.alias).select},"
        f" (SELECT {aggregate} {_permissions_of('u.id')}) AS docket_permissions"
    )


def user_from(row: Sequence[Any]) -> User | None:
    """The user in a row that starts with ``user_columns()``, its permissions kept for
    the request; ``None`` when the row's user columns are empty (an outer join)."""
    reading = _user_row(connection.alias)
    width = len(reading.names)
    values = list(row[:width])
    if values[reading.pk_at] is None:
        return None
    for at, converters, column in reading.converters:
        for convert in converters:
            values[at] = convert(values[at], column, connection)
    user = User.from_db(connection.alias, reading.names, values)
    names = row[width]
    if isinstance(names, str):  # SQLite's JSON is text; psycopg decodes PostgreSQL's
        names = json.loads(names)
    if not user.is_superuser:  # a superuser holds every permission: ModelBackend's query
        user._perm_cache = set(names or ())  # type: ignore[attr-defined]
    return user


# The session Django's get_user() is reading (set around it by our middleware). Its store
# loads the signed-in account with the session's own row, so get_user() takes it from there.
reading_session: ContextVar[Any] = ContextVar("docket_reading_session", default=None)


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        """The user and, in the same query, the permissions its groups and its own grant.

        Most pages ask for permissions, so loading them with the user saves a query (a
        round trip on PostgreSQL) on every signed-in page. A request's session brings
        its account along, which saves the query itself.
        """
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        account = getattr(reading_session.get(), "account", None)
        if account is not None and account.pk == pk:
            user: User | None = account
        else:
            sql = f"SELECT {user_columns()} FROM {_table(User)} u WHERE u.id = %s"
            with connection.cursor() as cursor:
                cursor.execute(sql, [pk])
                row = cursor.fetchone()
            user = None if row is None else user_from(row)
        if user is None or not self.user_can_authenticate(user):
            return None
        return user

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:  # every permission: ModelBackend's own query
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            sql = f"SELECT ct.app_label || '.' || p.codename {_permissions_of('%s')}"
            with connection.cursor() as cursor:
                cursor.execute(sql, [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {name for (name,) in cursor.fetchall()}
        return set(user_obj._perm_cache)
