"""The template the workspace writes RFCs from (``DOCKET_TEMPLATE``, else Docket's own)."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from docket.template import Schema, default_schema, load_schema


def current_schema() -> Schema:
    return _schema_at(settings.DOCKET_TEMPLATE)


@lru_cache(maxsize=4)
def _schema_at(path: str) -> Schema:
    # Parsed once per process: the template does not change while the server runs.
    return load_schema(path) if path else default_schema()
