"""Django's PostgreSQL backend, checking a reused connection only after it sat idle.

With ``conn_health_checks`` Django sends ``SELECT 1`` at the start of every request that
reuses a connection, so a request never meets a connection the server dropped. On the
RFC page that round trip was a third of the database time. A connection that ended a
request cleanly a moment ago is as good as checked, so the check is made only when the
connection has been idle longer than ``RECENT`` seconds, which is when a restart or an
idle timeout on the server could have dropped it.
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

RECENT = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    health_check_done: bool
    last_good: float | None = None
    """When a request last finished with this connection open and without errors."""

    def close_if_unusable_or_obsolete(self) -> None:
        super().close_if_unusable_or_obsolete()
        usable = self.connection is not None and not self.errors_occurred
        self.last_good = time.monotonic() if usable else None

    def close_if_health_check_failed(self) -> None:
        recent = self.last_good is not None and time.monotonic() - self.last_good < RECENT
        if recent and self.connection is not None and not self.health_check_done:
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close(self) -> None:
        self.last_good = None
        super().close()
