"""Per-user API tokens, stored hashed so a database leak reveals none of them, and sessions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class ApiToken(models.Model):
    """One bearer token: the public ``prefix`` finds the row, ``digest`` proves the secret.

    The full token is ``dkt_<prefix>_<secret>``; only sha256 of the whole string is kept.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} (dkt_{self.prefix}_…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class Session(AbstractBaseSession):
    """Django's database session, with the signed-in account's id beside its data.

    The id is also inside the signed data, where SQL cannot see it; kept in a column, the
    session's row and its account's row come back in one query (see ``sessions``). No
    database constraint: a session naming a deleted account is only a session that
    signs nobody in, and the ORM still deletes an account's sessions with it.
    """

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
    )

    @classmethod
    def get_session_store_class(cls) -> type[SessionBase]:
        from docket.web.accounts.sessions import SessionStore

        return SessionStore
