"""Database sessions that bring their signed-in account along, in one plain query.

Each signed-in request loads its session, then its user: on PostgreSQL two round trips
before the page has read anything of its own, each costing about a third of a trivial
request's time at 50 connections. The session's row keeps its account's id in a column
(``models.Session``), so one query reads the session with the account and its
permissions, and the auth backend takes the account from the store (see ``backends``).
The query is plain SQL: the ORM spends several times longer building one than the
database takes to answer it. Saving, expiry and clearing are Django's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from docket.web.accounts.backends import user_columns, user_from
from docket.web.accounts.models import Session


def _account_id(data: dict[str, Any]) -> int | None:
    try:
        return int(data[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


class SessionStore(DatabaseSessionStore):
    account: User | None = None
    """The account the session signs in, as its row was loaded: unchecked, for the backend."""

    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Session:
        session = super().create_model_instance(data)
        assert isinstance(session, Session)
        session.account_id = _account_id(data)
        return session

    def _get_session_from_db(self) -> Any:
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        sql = (
            f"SELECT {user_columns()}, s.session_key, s.session_data"
            f" FROM {quote(model._meta.db_table)} s"
            f" LEFT JOIN {quote(User._meta.db_table)} u ON u.id = s.account_id"
            " WHERE s.session_key = %s AND s.expire_date > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            found = cursor.fetchone()
        if found is None:
            self._session_key = None
            return None
        self.account = user_from(found[:-2])
        row = list(found[-2:])
        return model.from_db(connection.alias, ["session_key", "session_data"], row)
