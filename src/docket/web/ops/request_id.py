"""The id of the request being served, visible to log records from any code."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

current: ContextVar[str] = ContextVar("docket_request_id", default="-")

# Accept a caller's id only if it is short and plain, so it cannot forge log lines.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def choose(incoming: str | None) -> str:
    """Keep a well-formed ``X-Request-ID`` from a proxy, else make a fresh one."""
    if incoming and _ACCEPTED.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex
