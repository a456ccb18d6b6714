"""A process's own LISTEN connection, read without waiting.

A per-process cache that must forget what the database changed cannot ask the database
on every request: that round trip is what the cache is there to save. PostgreSQL pushes
a notification to every listening connection when a transaction that sent one commits,
so a listener reads what arrived since it last looked with ``PQconsumeInput``: a
``recv`` on a socket that libpq keeps non-blocking, never a round trip.

Notifications sent while no connection was listening are lost. So ``poll()`` answers
``None`` ("anything may have changed") the first time it listens, after a lost
connection and in a forked child, and the caller must then forget everything. TCP
keepalives and a user timeout make a dead server show up as a lost connection within
seconds rather than leaving a silent socket behind.
"""

from __future__ import annotations

import os
import select
import threading
from typing import Any

import psycopg
from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import sql

# Options Django adds for its own connections that a bare psycopg connection must not get.
_DJANGO_ONLY = ("context", "cursor_factory", "prepare_threshold", "server_side_binding")
_KEEPALIVE = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}


def connection_params(database: BaseDatabaseWrapper) -> dict[str, Any]:
    """What psycopg needs to reach the database ``database`` is configured for."""
    params = dict(database.get_connection_params())
    for name in _DJANGO_ONLY:
        params.pop(name, None)
    if params.get("host", "").startswith("/"):  # a Unix socket has no TCP to keep alive
        return params
    return {**_KEEPALIVE, **params}


class Listener:
    """LISTEN on ``channel`` over a connection of this process's own."""

    def __init__(self, database: BaseDatabaseWrapper, channel: str) -> None:
        self.database = database
        self.channel = channel
        self._connection: psycopg.Connection[Any] | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def poll(self) -> set[str] | None:
        """The payloads that arrived since the last poll, or ``None`` if some may be lost.

        Raises ``psycopg.Error`` when the database cannot be reached to start listening;
        the next poll tries again and answers ``None``.
        """
        with self._lock:
            if self._connection is None or self._pid != os.getpid():
                self._listen()
                return None
            pgconn = self._connection.pgconn
            try:
                # A server that ends the connection sends an error, then closes: libpq
                # reads the first and sees the close only on a second read.
                pgconn.consume_input()
                while select.select([pgconn.socket], [], [], 0)[0]:
                    pgconn.consume_input()
            except (psycopg.Error, OSError):
                self._drop()
                return None
            payloads = set()
            while (notice := pgconn.notifies()) is not None:
                payloads.add(notice.extra.decode())
            return payloads

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _listen(self) -> None:
        # A connection inherited through fork() belongs to the parent: leave it to it.
        if self._pid == os.getpid():
            self._drop()
        self._connection = None
        connection = psycopg.connect(**connection_params(self.database), autocommit=True)
        try:
            connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        except psycopg.Error:
            connection.close()
            raise
        self._connection, self._pid = connection, os.getpid()

    def _drop(self) -> None:
        if self._connection is not None:
            self._connection.close()
        self._connection = None
