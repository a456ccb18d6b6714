"""Full-text search in SQL, one class per database, one shape of answer.

SQLite uses an FTS5 table kept in step with ``SearchDocument`` by triggers; PostgreSQL a
generated, weighted ``tsvector`` column with a GIN index (both made by this app's
migrations). Either way, writing a ``SearchDocument`` row is the whole of indexing, so it
happens in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from docket.web.search.query import Query
from docket.web.search.text import MARK_END, MARK_START

TABLE = "docket_search_searchdocument"
FTS_TABLE = "docket_search_fts"
SNIPPET_TOKENS = 24


@dataclass(frozen=True)
class Match:
    """One matching RFC: its id, a score (higher is better) and a marked-up excerpt."""

    rfc_id: int
    rank: float
    snippet: str


@dataclass(frozen=True)
class Restriction:
    """SQL selecting the RFC ids a search may return (the list filters), with its params."""

    sql: str
    params: Sequence[Any]


class Backend(Protocol):
    def matches(
        self,
        query: Query,
        within: Restriction | None,
        limit: int,
        offset: int,
        snippets: bool = True,
    ) -> list[Match]: ...

    def count(self, query: Query, within: Restriction | None) -> int: ...

    def ranking(self, query: Query) -> list[tuple[int, float]]:
        """Every match's (id, score), best first: the whole order, for refinements to share."""
        ...

    def ids(self, query: Query) -> set[int]:
        """Every match's id, unranked."""
        ...

    def page(
        self, query: Query, within: Restriction | None, limit: int, offset: int, snippets: bool
    ) -> tuple[list[Match], int]:
        """``matches`` and the count of all matches, as cheaply as the database allows."""
        ...

    def snippets(self, query: Query, rfc_ids: list[int]) -> dict[int, str]: ...


def total_matches(
    backend: Backend, query: Query, within: Restriction | None, found: int, limit: int, offset: int
) -> int:
    """All matches' count, asking the database only when the page itself cannot tell."""
    if found < limit and (found or offset == 0):
        return offset + found
    return backend.count(query, within)


def _where(column: str, within: Restriction | None) -> tuple[str, list[Any]]:
    if within is None:
        return "", []
    return f" AND {column} IN ({within.sql})", list(within.params)


_FTS5_SNIPPET = f"snippet({FTS_TABLE}, -1, %s, %s, '…', {SNIPPET_TOKENS})"
# The weights migration 0002 configures as the table's ``rank``: title, authors, body.
# Calling bm25 directly ranks the same, about a quarter faster than the ``rank`` column,
# which looks its configuration up again for every matching row.
_FTS5_BM25 = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"


class SqliteBackend:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def matches(
        self,
        query: Query,
        within: Restriction | None,
        limit: int,
        offset: int,
        snippets: bool = True,
    ) -> list[Match]:
        extra, params = _where(f"{FTS_TABLE}.rowid", within)
        # Ranking first and highlighting the kept rows afterwards is cheaper than asking
        # for snippets in the ranking query, where the sorter can carry them for every match.
        sql = (
            f"SELECT {FTS_TABLE}.rowid, {_FTS5_BM25} AS score"
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{extra}"
            f" ORDER BY score, {FTS_TABLE}.rowid LIMIT %s OFFSET %s"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5(), *params, limit, offset])
            ranked = [(int(r[0]), -float(r[1])) for r in cursor.fetchall()]
        excerpts = self.snippets(query, [pk for pk, _ in ranked]) if snippets else {}
        return [Match(pk, rank, excerpts.get(pk, "")) for pk, rank in ranked]

    def page(
        self, query: Query, within: Restriction | None, limit: int, offset: int, snippets: bool
    ) -> tuple[list[Match], int]:
        # FTS5 counts without ranking in a fraction of a millisecond, so the count stays a
        # query of its own.
        found = self.matches(query, within, limit, offset, snippets)
        return found, total_matches(self, query, within, len(found), limit, offset)

    def snippets(self, query: Query, rfc_ids: list[int]) -> dict[int, str]:
        if not rfc_ids:
            return {}
        slots = ", ".join(["%s"] * len(rfc_ids))
        sql = (
            f"SELECT {FTS_TABLE}.rowid, {_FTS5_SNIPPET} FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid IN ({slots})"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [MARK_START, MARK_END, query.to_fts5(), *rfc_ids])
            return {int(r[0]): r[1] or "" for r in cursor.fetchall()}

    def count(self, query: Query, within: Restriction | None) -> int:
        extra, params = _where(f"{FTS_TABLE}.rowid", within)
        sql = f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{extra}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5(), *params])
            return int(cursor.fetchone()[0])

    def ranking(self, query: Query) -> list[tuple[int, float]]:
        sql = (
            f"SELECT {FTS_TABLE}.rowid, {_FTS5_BM25} AS score"
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score, {FTS_TABLE}.rowid"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5()])
            return [(int(r[0]), -float(r[1])) for r in cursor.fetchall()]

    def ids(self, query: Query) -> set[int]:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5()])
            return {int(r[0]) for r in cursor.fetchall()}


_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_TOKENS}, MinWords=8,"
    ' MaxFragments=2, FragmentDelimiter=" … "'
)


def _best_headline(body: str | None, title: str | None) -> str:
    """The body's excerpt, unless only the title holds a hit (then the title)."""
    if MARK_START not in (body or "") and MARK_START in (title or ""):
        return title or ""
    return body or ""


# ts_headline re-parses the whole text it is given (about 1.5 ms for a typical RFC), so the
# body is cut to a window around the first likely hit before it is highlighted.
WINDOW_BEFORE = 150
WINDOW_CHARS = 600
MIN_LOCATOR = 3


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


class PostgresBackend:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    @contextmanager
    def _indexed(self) -> Iterator[CursorWrapper]:
        """A cursor whose queries use the GIN index.

        The vectors live out of line (TOAST), so the heap looks tiny and the planner picks
        a sequential scan that de-toasts every row: ten times slower at 10,000 RFCs. The
        setting is transaction-local: it ends with our own transaction, and inside a
        caller's transaction it is put back, so theirs keeps its own.
        """
        nested = self.connection.in_atomic_block or not self.connection.get_autocommit()
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_seqscan'),"
                " set_config('enable_seqscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
            try:
                yield cursor
            finally:
                if nested:
                    cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])

    def matches(
        self,
        query: Query,
        within: Restriction | None,
        limit: int,
        offset: int,
        snippets: bool = True,
    ) -> list[Match]:
        ranked, _total_rows = self._ranked(query, within, limit, offset)
        excerpts = self.snippets(query, [pk for pk, _ in ranked]) if snippets else {}
        return [Match(pk, rank, excerpts.get(pk, "")) for pk, rank in ranked]

    def page(
        self, query: Query, within: Restriction | None, limit: int, offset: int, snippets: bool
    ) -> tuple[list[Match], int]:
        ranked, total = self._ranked(query, within, limit, offset)
        excerpts = self.snippets(query, [pk for pk, _ in ranked]) if snippets else {}
        found = [Match(pk, rank, excerpts.get(pk, "")) for pk, rank in ranked]
        if total is None:  # a page past the end: no row carried the count
            total = total_matches(self, query, within, 0, limit, offset)
        return found, total

    def _ranked(
        self, query: Query, within: Restriction | None, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int | None]:
        """The page's (id, rank) pairs and the count of all matches, in one statement.

        The window count costs next to nothing: every match is already read to be ranked.
        """
        extra, params = _where("d.rfc_id", within)
        # Ranked by the wanted terms only: ts_rank scores a query with "!term" as 0.
        sql = (
            "SELECT d.rfc_id, ts_rank(d.vector, websearch_to_tsquery('english', %s)) AS rank,"
            " count(*) OVER ()"
            f" FROM {TABLE} d, websearch_to_tsquery('english', %s) AS q(q)"
            f" WHERE d.vector @@ q.q{extra}"
            " ORDER BY rank DESC, d.rfc_id LIMIT %s OFFSET %s"
        )
        args = [query.positive().to_websearch(), query.to_websearch(), *params, limit, offset]
        with self._indexed() as cursor:
            cursor.execute(sql, args)
            rows = cursor.fetchall()
        total = int(rows[0][2]) if rows else None
        return [(int(r[0]), float(r[1])) for r in rows], total

    def _locators(self, query: Query) -> list[str]:
        """Lower-case prefixes that find a term in the raw text whatever its inflection.

        The common prefix of the word and its English stem: "retry" and stem "retri" give
        "retr", which finds "retry", "retries" and "retried".
        """
        words = sorted(
            {w.lower() for g in query.groups for t in g if not t.negated for w in t.words}
        )
        if not words:
            return []
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT w, (ts_lexize('english_stem', w))[1] FROM unnest(%s::text[]) AS w",
                [words],
            )
            pairs = cursor.fetchall()
        prefixes = {_common_prefix(w, stem or w) for w, stem in pairs}
        return sorted(p for p in prefixes if len(p) >= MIN_LOCATOR)

    def snippets(self, query: Query, rfc_ids: list[int]) -> dict[int, str]:
        if not rfc_ids:
            return {}
        locators = self._locators(query)
        first_hit = (
            "least({})".format(", ".join(["nullif(strpos(lower(d.body), %s), 0)"] * len(locators)))
            if locators
            else "NULL"
        )
        sql = (
            "SELECT d.rfc_id,"
            " ts_headline('english', substr(d.body,"
            f" greatest(1, coalesce({first_hit}, 1) - {WINDOW_BEFORE}), {WINDOW_CHARS}),"
            " h.q, %s),"
            " ts_headline('english', d.title, h.q, %s)"
            f" FROM {TABLE} d, websearch_to_tsquery('english', %s) AS q(q),"
            " websearch_to_tsquery('english', %s) AS h(q)"
            " WHERE d.rfc_id = ANY(%s) AND d.vector @@ q.q"
        )
        # Highlight any wanted term: ts_headline marks nothing where not all of an AND
        # query's terms fall inside the window.
        args: list[Any] = [
            *locators,
            _HEADLINE_OPTIONS,
            _HEADLINE_OPTIONS,
            query.to_websearch(),
            query.any_term().to_websearch(),
            rfc_ids,
        ]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, args)
            return {int(r[0]): _best_headline(r[1], r[2]) for r in cursor.fetchall()}

    def count(self, query: Query, within: Restriction | None) -> int:
        extra, params = _where("d.rfc_id", within)
        sql = (
            f"SELECT count(*) FROM {TABLE} d"
            f" WHERE d.vector @@ websearch_to_tsquery('english', %s){extra}"
        )
        with self._indexed() as cursor:
            cursor.execute(sql, [query.to_websearch(), *params])
            return int(cursor.fetchone()[0])

    def ranking(self, query: Query) -> list[tuple[int, float]]:
        # Ranked by the wanted terms only, as _ranked is.
        sql = (
            "SELECT d.rfc_id, ts_rank(d.vector, p.q) AS rank"
            f" FROM {TABLE} d, websearch_to_tsquery('english', %s) AS p(q),"
            " websearch_to_tsquery('english', %s) AS q(q)"
            " WHERE d.vector @@ q.q ORDER BY rank DESC, d.rfc_id"
        )
        with self._indexed() as cursor:
            cursor.execute(sql, [query.positive().to_websearch(), query.to_websearch()])
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def ids(self, query: Query) -> set[int]:
        sql = f"SELECT rfc_id FROM {TABLE} WHERE vector @@ websearch_to_tsquery('english', %s)"
        with self._indexed() as cursor:
            cursor.execute(sql, [query.to_websearch()])
            return {int(r[0]) for r in cursor.fetchall()}


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        return SqliteBackend(connection)
    raise NotImplementedError(f"full-text search does not support {connection.vendor!r} databases")
