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
) -> SearchResults:
    """Ranked matches for ``query`` in web-search syntax; see ``engine.search``."""
    from docket.web.search.engine import search as _search

    return _search(query, state=state, author=author, limit=limit, offset=offset)


__all__ = ["index_rfc", "search"]
