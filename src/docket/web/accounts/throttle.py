"""Count failed sign-ins per username and address, in the shared cache.

Keyed on both so one attacker cannot lock a user out from everywhere, and one address
cannot try many passwords for one user.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str, address: str) -> str:
    # Hashed: usernames may hold characters the cache backend refuses in keys.
    raw = f"{username.strip().lower()}|{address}".encode()
    return "docket:login-failures:" + hashlib.sha256(raw).hexdigest()


def is_blocked(username: str, address: str) -> bool:
    return failures(username, address) >= settings.DOCKET_LOGIN_FAILURE_LIMIT


def failures(username: str, address: str) -> int:
    value = cache.get(_key(username, address), 0)
    return int(value)


def record_failure(username: str, address: str) -> int:
    key = _key(username, address)
    window = settings.DOCKET_LOGIN_FAILURE_WINDOW
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add() and incr(): start a new window.
        cache.set(key, 1, timeout=window)
        return 1


def clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))
