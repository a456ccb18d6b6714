"""Per-user API tokens, stored hashed so a database leak reveals none of them."""

from __future__ import annotations

from django.conf import settings
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
