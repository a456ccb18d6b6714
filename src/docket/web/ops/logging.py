"""JSON log lines that carry the request id and never a secret.

Only named fields are written (never ``record.request`` or its headers), and anything in
a message that looks like a token, password or cookie is masked before it is written.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

from docket.web.ops import request_id

# Extra fields a caller may attach with ``logger.info(..., extra={...})``.
_EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "user_id", "remote_addr")

_SECRETS = [
    re.compile(r"dkt_[A-Za-z0-9_-]+"),
    re.compile(
        r"(?i)\b(password|passwd|secret|token|api[_-]?key|sessionid|csrftoken|authorization"
        r"|cookie)\b(\s*[=:]\s*|\"\s*:\s*\"?|'\s*:\s*'?)([^\s&,;\"']+)"
    ),
]


def redact(text: str) -> str:
    """Mask token-shaped strings and ``key=value`` pairs whose key names a secret."""
    text = _SECRETS[0].sub("dkt_[redacted]", text)
    return _SECRETS[1].sub(lambda m: f"{m.group(1)}{m.group(2)}[redacted]", text)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.current.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", request_id.current.get()),
            "message": redact(record.getMessage()),
        }
        for name in _EXTRA_FIELDS:
            if hasattr(record, name):
                value = getattr(record, name)
                entry[name] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)
