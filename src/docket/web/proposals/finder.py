"""The list page's text filter, through the search app's ranked full-text search."""

from __future__ import annotations

from docket.web.search import matching_ids, snippets_for

# The list page filters and sorts the matches itself, so it asks for many at once.
MAX_MATCHES = 1000


def matches(query: str) -> list[int]:
    """RFC ids matching ``query``, best first; ranking only, so it stays cheap."""
    return matching_ids(query, limit=MAX_MATCHES)


def snippets(query: str, rfc_ids: list[int]) -> dict[int, str]:
    """Highlighted excerpts (safe HTML) for the RFCs the page shows, and only those."""
    return snippets_for(query, rfc_ids)
