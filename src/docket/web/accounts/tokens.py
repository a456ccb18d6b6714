"""Issue, check and revoke API tokens.

A token is ``dkt_<prefix>_<secret>``. The prefix is stored in clear to find the row; the
database keeps only sha256 of the whole token, so the token is shown once, at creation.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from docket.web.accounts.models import ApiToken

TOKEN_PREFIX = "dkt_"
_PREFIX_BYTES = 6
MAX_NAME_CHARS = 100
# A script calling the API in a loop would otherwise write a row on every request; "last
# used" to the minute is all the tokens page shows.
LAST_USED_PRECISION = timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; the second value is the only copy of the secret."""
    name = " ".join(name.split())[:MAX_NAME_CHARS] or "API token"
    while True:
        prefix = secrets.token_hex(_PREFIX_BYTES)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, digest=digest(raw))
    return token, raw


def authenticate(raw: str) -> User | None:
    """The active user a presented token belongs to, or ``None``; records its last use."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = raw[len(TOKEN_PREFIX) :].partition("_")
    if not prefix or not secret:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest(raw)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def revoke(user: User, token_id: int) -> bool:
    """Revoke one of ``user``'s own tokens; ``False`` if there is no such active token."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return updated == 1
