"""The list page's text filter, through the search app's ranked full-text search."""

from __future__ import annotations

from docket.web.search import search

# The list page filters and sorts the matches itself, so it asks for many at once.
MAX_MATCHES = 1000


def matches(query: str) -> dict[int, str]:
    """RFC ids matching ``query``, best first, each with its highlighted snippet (safe HTML)."""
    return {hit.rfc.pk: hit.snippet for hit in search(query, limit=MAX_MATCHES).hits}
