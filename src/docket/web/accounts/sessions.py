"""Database sessions, loaded with one plain query instead of the ORM's.

Each signed-in request loads its session first; the ORM spends several times longer
building that query than the database takes to answer it. Saving, expiry and clearing are
Django's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        model = self.model
        connection = connections[router.db_for_read(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        sql = (
            f"SELECT session_key, session_data FROM {table}"
            " WHERE session_key = %s AND expire_date > %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is not None:  # ``load()`` reads only the data
            return model.from_db(connection.alias, ["session_key", "session_data"], row)
        self._session_key = None
        return None
