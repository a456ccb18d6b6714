"""Full-text search in SQL, one class per database, one shape of answer.

SQLite uses an FTS5 table kept in step with ``SearchDocument`` by triggers; PostgreSQL a
generated, weighted ``tsvector`` column with a GIN index (both made by this app's
migrations). Either way, writing a ``SearchDocument`` row is the whole of indexing, so it
happens in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.backends.base.base import BaseDatabaseWrapper

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

    def snippets(self, query: Query, rfc_ids: list[int]) -> dict[int, str]: ...


def _where(column: str, within: Restriction | None) -> tuple[str, list[Any]]:
    if within is None:
        return "", []
    return f" AND {column} IN ({within.sql})", list(within.params)


_FTS5_SNIPPET = f"snippet({FTS_TABLE}, -1, %s, %s, '…', {SNIPPET_TOKENS})"


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
        # SQLite evaluates the select list only for the rows the LIMIT keeps.
        snippet = _FTS5_SNIPPET if snippets else "''"
        sql = (
            f"SELECT {FTS_TABLE}.rowid, rank, {snippet}"
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{extra}"
            f" ORDER BY rank, {FTS_TABLE}.rowid LIMIT %s OFFSET %s"
        )
        marks = [MARK_START, MARK_END] if snippets else []
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*marks, query.to_fts5(), *params, limit, offset])
            return [Match(int(r[0]), -float(r[1]), r[2] or "") for r in cursor.fetchall()]

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


_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_TOKENS}, MinWords=8,"
    ' MaxFragments=2, FragmentDelimiter=" … "'
)


def _best_headline(body: str | None, title: str | None) -> str:
    """The body's excerpt, unless only the title holds a hit (then the title)."""
    if MARK_START not in (body or "") and MARK_START in (title or ""):
        return title or ""
    return body or ""


_PG_HEADLINES = "ts_headline('english', d.body, q.q, %s), ts_headline('english', d.title, q.q, %s)"


class PostgresBackend:
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
        extra, params = _where("d.rfc_id", within)
        # Rank on the index alone, then fetch text and build headlines for the page only.
        headlines = _PG_HEADLINES if snippets else "'', ''"
        sql = (
            "WITH q AS (SELECT websearch_to_tsquery('english', %s) AS q),"
            " page AS ("
            "  SELECT d.rfc_id, ts_rank(d.vector, q.q) AS rank"
            f"  FROM {TABLE} d, q WHERE d.vector @@ q.q{extra}"
            "  ORDER BY rank DESC, d.rfc_id LIMIT %s OFFSET %s)"
            f" SELECT page.rfc_id, page.rank, {headlines}"
            f" FROM page JOIN {TABLE} d ON d.rfc_id = page.rfc_id, q"
            " ORDER BY page.rank DESC, page.rfc_id"
        )
        options = [_HEADLINE_OPTIONS, _HEADLINE_OPTIONS] if snippets else []
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_websearch(), *params, limit, offset, *options])
            rows = cursor.fetchall()
        return [Match(int(r[0]), float(r[1]), _best_headline(r[2], r[3])) for r in rows]

    def snippets(self, query: Query, rfc_ids: list[int]) -> dict[int, str]:
        if not rfc_ids:
            return {}
        sql = (
            f"SELECT d.rfc_id, {_PG_HEADLINES}"
            f" FROM {TABLE} d, websearch_to_tsquery('english', %s) AS q(q)"
            " WHERE d.rfc_id = ANY(%s) AND d.vector @@ q.q"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(
                sql, [_HEADLINE_OPTIONS, _HEADLINE_OPTIONS, query.to_websearch(), list(rfc_ids)]
            )
            return {int(r[0]): _best_headline(r[1], r[2]) for r in cursor.fetchall()}

    def count(self, query: Query, within: Restriction | None) -> int:
        extra, params = _where("d.rfc_id", within)
        sql = (
            f"SELECT count(*) FROM {TABLE} d"
            f" WHERE d.vector @@ websearch_to_tsquery('english', %s){extra}"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_websearch(), *params])
            return int(cursor.fetchone()[0])


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        return SqliteBackend(connection)
    raise NotImplementedError(f"full-text search does not support {connection.vendor!r} databases")
