"""Search and indexing behind one interface, whichever database is in use."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from html import escape

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper

from docket.document import parse_document
from docket.web.proposals import reads
from docket.web.proposals.models import Revision, Rfc
from docket.web.search.backends import TABLE, Backend, Restriction, backend_for
from docket.web.search.cache import cached
from docket.web.search.excerpt import opening
from docket.web.search.models import SearchDocument
from docket.web.search.query import Query, parse_query
from docket.web.search.text import MARK_END, MARK_START, index_text


@dataclass(frozen=True)
class SearchHit:
    rfc: Rfc
    rank: float
    snippet: str  # safe HTML: escaped text with <mark> around the hits
    authors: tuple[str, ...] = ()  # the usernames of the RFC's editors


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    count: int
    limit: int
    offset: int


def snippet_html(marked: str) -> str:
    """Escape an excerpt, then turn the database's hit markers into ``<mark>`` tags."""
    html = escape(marked, quote=False)
    opened = html.count(MARK_START)
    html = html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return html + "</mark>" * max(0, opened - marked.count(MARK_END))


def _restriction(state: str | None, author: str | None) -> Restriction | None:
    if not state and not author:
        return None
    rfcs = Rfc.objects.all()
    if state:
        rfcs = rfcs.filter(state=state)
    if author:
        rfcs = rfcs.filter(authors__username=author)
    sql, params = rfcs.order_by().values("pk").query.sql_with_params()
    return Restriction(sql, params)


@dataclass(frozen=True)
class Ranking:
    """Every match of a query's wanted terms, best first, kept compact for the cache."""

    ids: array[int]
    ranks: array[float]

    @classmethod
    def of(cls, ranked: list[tuple[int, float]]) -> Ranking:
        return cls(array("q", (pk for pk, _ in ranked)), array("d", (r for _, r in ranked)))


def _ranking(connection: BaseDatabaseWrapper, backend: Backend, wanted: Query) -> Ranking:
    return cached(connection, ("ranking", wanted), lambda: Ranking.of(backend.ranking(wanted)))


def _allowed(
    connection: BaseDatabaseWrapper, state: str | None, author: str | None
) -> frozenset[int] | None:
    """The ids the list filters let through, or ``None`` when nothing is filtered."""
    within = _restriction(state, author)
    if within is None:
        return None

    def ids() -> frozenset[int]:
        with connection.cursor() as cursor:
            cursor.execute(within.sql, within.params)
            return frozenset(int(row[0]) for row in cursor.fetchall())

    return cached(connection, ("allowed", state, author), ids)


def _refined(
    ranking: Ranking, dropped: set[int], allowed: frozenset[int] | None, limit: int, offset: int
) -> tuple[list[tuple[int, float]], int]:
    """The page of ``ranking`` left after the exclusions and filters, and how many are left."""
    end = offset + limit
    if not dropped and allowed is None:
        page = zip(ranking.ids[offset:end], ranking.ranks[offset:end], strict=True)
        return list(page), len(ranking.ids)
    kept: list[tuple[int, float]] = []
    count = 0
    for at, pk in enumerate(ranking.ids):
        if pk in dropped or (allowed is not None and pk not in allowed):
            continue
        if offset <= count < end:
            kept.append((pk, ranking.ranks[at]))
        count += 1
    return kept, count


def _ranked_page(
    connection: BaseDatabaseWrapper,
    backend: Backend,
    parsed: Query,
    state: str | None,
    author: str | None,
    limit: int,
    offset: int,
) -> tuple[list[tuple[int, float]], int]:
    """A page of (id, rank), best first, and the count of all matches.

    Searches that want the same terms share one ranking, kept in the cache: a new
    exclusion, filter or page costs a look-up of what it drops instead of ranking every
    match again, which for a word in most RFCs is nearly all of a search's work.
    """
    if not parsed.refinable:
        found, count = backend.page(parsed, _restriction(state, author), limit, offset)
        return [(m.rfc_id, m.rank) for m in found], count
    ranking = _ranking(connection, backend, parsed.positive())
    exclusions = parsed.exclusions()
    dropped = set() if exclusions.empty else backend.ids(exclusions)
    return _refined(ranking, dropped, _allowed(connection, state, author), limit, offset)


def search(
    query: str,
    *,
    state: str | None = None,
    author: str | None = None,
    limit: int = 20,
    offset: int = 0,
    snippets: bool = True,
) -> SearchResults:
    """RFCs matching ``query`` (web-search syntax), best first, with highlighted excerpts.

    ``state`` and ``author`` (a username) narrow the results as the list page's filters do.
    A query with nothing searchable in it matches nothing rather than raising. With
    ``snippets=False`` every snippet is empty and the search is cheaper: ask
    ``snippets_for`` afterwards for the hits actually shown. The results are cached until
    the search generation next changes (see ``cache``). Treat them as read-only: other
    requests share them.
    """
    limit = max(1, limit)
    offset = max(0, offset)
    parsed = parse_query(query)
    if parsed.empty:
        return SearchResults([], 0, limit, offset)
    connection = connections[router.db_for_read(SearchDocument)]
    backend = backend_for(connection)

    def page() -> SearchResults:
        found, count = _ranked_page(connection, backend, parsed, state, author, limit, offset)
        hits = _hits(connection, backend, parsed, found, snippets)
        return SearchResults(hits, count, limit, offset)

    # Everything a hit shows (the RFC's row, its editors' usernames) changes the search
    # generation when it changes, so whole results can be kept, RFCs included.
    key = ("results", parsed, state or None, author or None, limit, offset, snippets)
    return cached(connection, key, page)


def _hits(
    connection: BaseDatabaseWrapper,
    backend: Backend,
    parsed: Query,
    found: list[tuple[int, float]],
    snippets: bool,
) -> list[SearchHit]:
    """The hits for a page of (id, rank): the RFCs' rows, editors and excerpts.

    A refinable query's hit shows what its wanted terms' hit shows: exclusions and
    filters decide which RFCs are on the page, not how one is ranked or highlighted. So
    refinements that leave a page as it was (an exclusion matching none of it, another
    filter) share its hits instead of cutting the same excerpts again; they are cut for
    the wanted terms alone, so a kept hit is what its key says.
    """

    shown = parsed.positive() if parsed.refinable else parsed

    def hits() -> list[SearchHit]:
        ids = [pk for pk, _ in found]
        excerpts = _excerpts(connection, backend, shown, ids) if snippets else {}
        rfcs, editors = reads.rfcs_by_id(ids), reads.editors_by_rfc(ids)
        return [
            SearchHit(
                rfcs[pk],
                rank,
                snippet_html(excerpts.get(pk, "")),
                tuple(e.username for e in editors[pk]),
            )
            for pk, rank in found
            if pk in rfcs
        ]

    if not parsed.refinable:
        return hits()
    return cached(connection, ("hits", shown, tuple(found), snippets), hits)


def matching_ids(query: str, *, limit: int) -> list[int]:
    """The ids of the best ``limit`` matches, best first: ranking only, no text, no ORM."""
    parsed = parse_query(query)
    if parsed.empty:
        return []
    limit = max(1, limit)
    connection = connections[router.db_for_read(SearchDocument)]
    backend = backend_for(connection)

    def ranked() -> tuple[int, ...]:
        found, _count = _ranked_page(connection, backend, parsed, None, None, limit, 0)
        return tuple(pk for pk, _ in found)

    return list(cached(connection, ("ids", parsed, limit), ranked))


def _excerpts(
    connection: BaseDatabaseWrapper, backend: Backend, parsed: Query, rfc_ids: list[int]
) -> dict[int, str]:
    """Marked excerpts of these matches: from the body, else the title, else the opening."""
    if not rfc_ids:
        return {}
    slots = ", ".join(["%s"] * len(rfc_ids))
    sql = f"SELECT rfc_id, title, body FROM {TABLE} WHERE rfc_id IN ({slots})"
    with connection.cursor() as cursor:
        cursor.execute(sql, rfc_ids)
        rows = cursor.fetchall()
    highlighter = backend.highlighter(parsed, (text for _pk, *texts in rows for text in texts))
    found = {}
    for pk, title, body in rows:
        marked = highlighter.excerpt(body) or highlighter.excerpt(title)
        found[int(pk)] = marked if marked is not None else opening(body)
    return found


def _matching(
    connection: BaseDatabaseWrapper, backend: Backend, parsed: Query, rfc_ids: list[int]
) -> list[int]:
    """Those of ``rfc_ids`` that match, read from the shared ranking when there is one."""
    if not parsed.refinable:
        kept = backend.matching(parsed, rfc_ids)
        return [pk for pk in rfc_ids if pk in kept]
    wanted = set(rfc_ids)
    ranked = {pk for pk in _ranking(connection, backend, parsed.positive()).ids if pk in wanted}
    exclusions = parsed.exclusions()
    if not exclusions.empty and ranked:
        ranked -= backend.matching(exclusions, sorted(ranked))
    return [pk for pk in rfc_ids if pk in ranked]


def snippets_for(query: str, rfc_ids: list[int]) -> dict[int, str]:
    """Highlighted excerpts (safe HTML) for these RFCs; ids that do not match are left out."""
    parsed = parse_query(query)
    if parsed.empty or not rfc_ids:
        return {}
    wanted = sorted(set(rfc_ids))
    connection = connections[router.db_for_read(SearchDocument)]
    backend = backend_for(connection)

    def excerpts() -> tuple[tuple[int, str], ...]:
        shown = _matching(connection, backend, parsed, wanted)
        return tuple(_excerpts(connection, backend, parsed, shown).items())

    found = cached(connection, ("snippets", parsed, tuple(wanted)), excerpts)
    return {pk: snippet_html(raw) for pk, raw in found}


def _author_names(text: str) -> str:
    doc = parse_document(text)
    return " ".join(str(person) for person in doc.authors)


def index_rfc(rfc: Rfc, revision: Revision) -> None:
    """Make ``revision`` the searchable text of ``rfc``, in the caller's transaction."""
    users = " ".join(f"{u.get_full_name()} {u.get_username()}".strip() for u in rfc.authors.all())
    SearchDocument.objects.update_or_create(
        rfc=rfc,
        defaults={
            "title": revision.title or rfc.title,
            "authors": f"{_author_names(revision.text)} {users}".strip(),
            "body": index_text(revision.text),
        },
    )
