"""Full-text search over RFCs: SQLite FTS5 or PostgreSQL full-text, one interface.

``index_rfc`` is imported lazily so the app package can be imported before Django's app
registry is ready (``INSTALLED_APPS`` names it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docket.web.proposals.models import Revision, Rfc
    from docket.web.search.engine import SearchResults


def index_rfc(rfc: Rfc, revision: Revision) -> None:
    """Index ``revision`` as ``rfc``'s text; call inside the transaction that saves it."""
    from docket.web.search.engine import index_rfc as _index_rfc

    _index_rfc(rfc, revision)


def search(
    query: str,
    *,
    state: str | None = None,
    author: str | None = None,
    limit: int = 20,
    offset: int = 0,
    snippets: bool = True,
) -> SearchResults:
    """Ranked matches for ``query`` in web-search syntax; see ``engine.search``."""
    from docket.web.search.engine import search as _search

    return _search(query, state=state, author=author, limit=limit, offset=offset, snippets=snippets)


def matching_ids(query: str, *, limit: int) -> list[int]:
    """Ids of the best ``limit`` matches, best first, with no snippets (cheap)."""
    from docket.web.search.engine import matching_ids as _matching_ids

    return _matching_ids(query, limit=limit)


def snippets_for(query: str, rfc_ids: list[int]) -> dict[int, str]:
    """Highlighted excerpts (safe HTML) for the RFCs a page shows; see ``engine.snippets_for``."""
    from docket.web.search.engine import snippets_for as _snippets_for

    return _snippets_for(query, rfc_ids)


__all__ = ["index_rfc", "matching_ids", "search", "snippets_for"]
