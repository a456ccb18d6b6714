"""Full-text search in SQL, one class per database, one shape of answer.

SQLite uses an FTS5 table kept in step with ``SearchDocument`` by triggers; PostgreSQL a
generated, weighted ``tsvector`` column with a GIN index (both made by this app's
migrations). Either way, writing a ``SearchDocument`` row is the whole of indexing, so it
happens in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper

from docket.web.search.excerpt import Highlighter
from docket.web.search.query import Query

TABLE = "docket_search_searchdocument"
FTS_TABLE = "docket_search_fts"
IDS_FUNCTION = "docket_search_ids"
RANKING_FUNCTION = "docket_search_ranking"
PREFIX_LETTERS = 3


@dataclass(frozen=True)
class Match:
    """One matching RFC: its id and a score (higher is better)."""

    rfc_id: int
    rank: float


@dataclass(frozen=True)
class Restriction:
    """SQL selecting the RFC ids a search may return (the list filters), with its params."""

    sql: str
    params: Sequence[Any]


class Backend(Protocol):
    def count(self, query: Query, within: Restriction | None) -> int: ...

    def page(
        self, query: Query, within: Restriction | None, limit: int, offset: int
    ) -> tuple[list[Match], int]:
        """A page of matches, best first, and the count of all matches, as cheaply as the
        database allows."""
        ...

    def ranking(self, query: Query) -> list[tuple[int, float]]:
        """Every match's (id, score), best first: the whole order, for refinements to share."""
        ...

    def ids(self, query: Query) -> set[int]:
        """Every match's id, unranked."""
        ...

    def matching(self, query: Query, rfc_ids: list[int]) -> set[int]:
        """Those of ``rfc_ids`` that match."""
        ...

    def highlighter(self, query: Query, texts: Iterable[str]) -> Highlighter:
        """What marks the wanted terms in ``texts`` as this database's index finds them."""
        ...


def _wanted_words(query: Query) -> list[str]:
    return sorted({w for g in query.groups for t in g if not t.negated for w in t.words})


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


# The weights migration 0002 configures as the table's ``rank``: title, authors, body.
# Calling bm25 directly ranks the same, about a quarter faster than the ``rank`` column,
# which looks its configuration up again for every matching row.
_FTS5_BM25 = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"


class SqliteBackend:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def matches(
        self, query: Query, within: Restriction | None, limit: int, offset: int
    ) -> list[Match]:
        extra, params = _where(f"{FTS_TABLE}.rowid", within)
        sql = (
            f"SELECT {FTS_TABLE}.rowid, {_FTS5_BM25} AS score"
            f" FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s{extra}"
            f" ORDER BY score, {FTS_TABLE}.rowid LIMIT %s OFFSET %s"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5(), *params, limit, offset])
            return [Match(int(r[0]), -float(r[1])) for r in cursor.fetchall()]

    def page(
        self, query: Query, within: Restriction | None, limit: int, offset: int
    ) -> tuple[list[Match], int]:
        # FTS5 counts without ranking in a fraction of a millisecond, so the count stays a
        # query of its own.
        found = self.matches(query, within, limit, offset)
        return found, total_matches(self, query, within, len(found), limit, offset)

    def matching(self, query: Query, rfc_ids: list[int]) -> set[int]:
        if not rfc_ids:
            return set()
        slots = ", ".join(["%s"] * len(rfc_ids))
        sql = (
            f"SELECT {FTS_TABLE}.rowid FROM {FTS_TABLE}"
            f" WHERE {FTS_TABLE} MATCH %s AND {FTS_TABLE}.rowid IN ({slots})"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5(), *rfc_ids])
            return {int(r[0]) for r in cursor.fetchall()}

    def highlighter(self, query: Query, texts: Iterable[str]) -> Highlighter:
        # The FTS5 table's tokenizer: porter over unicode61 with diacritics removed.
        return Highlighter.snowball(_wanted_words(query), "porter", fold_diacritics=True)

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
        self, query: Query, within: Restriction | None, limit: int, offset: int
    ) -> list[Match]:
        ranked, _total_rows = self._ranked(query, within, limit, offset)
        return [Match(pk, rank) for pk, rank in ranked]

    def page(
        self, query: Query, within: Restriction | None, limit: int, offset: int
    ) -> tuple[list[Match], int]:
        ranked, total = self._ranked(query, within, limit, offset)
        if total is None:  # a page past the end: no row carried the count
            total = total_matches(self, query, within, 0, limit, offset)
        return [Match(pk, rank) for pk, rank in ranked], total

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

    def matching(self, query: Query, rfc_ids: list[int]) -> set[int]:
        if not rfc_ids:
            return set()
        sql = (
            f"SELECT rfc_id FROM {TABLE}"
            " WHERE rfc_id = ANY(%s) AND vector @@ websearch_to_tsquery('english', %s)"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [rfc_ids, query.to_websearch()])
            return {int(r[0]) for r in cursor.fetchall()}

    def highlighter(self, query: Query, texts: Iterable[str]) -> Highlighter:
        """Stems from the server's own dictionary, for the wanted words (stop words get
        none, as a search ignores them) and for the texts' words that could be hits.

        The server's Snowball is older than PyStemmer's and stems some words differently
        ("added": "ad", not "add"), so the server stems the words, in two calls a page.
        """
        words = [w.lower() for w in _wanted_words(query)]
        stem_of = self._stems(words)
        stems = {stem_of[w] for w in words if w in stem_of}
        # A stem keeps its word's first letters but the last, bar a few ("dying": "die").
        starts = {s[: max(1, len(s) - 1)] for s in stems}
        starts |= {w[:PREFIX_LETTERS] for w in words if w in stem_of}
        looking = Highlighter.looked_up(stems, starts, stem_of.get)
        seen = {word for text in texts for _s, _e, word in looking.candidate_words(text)}
        # The highlighter looks stems up in this same dictionary, so it sees these too.
        stem_of.update(self._stems(sorted(seen - stem_of.keys())))
        return looking

    def _stems(self, words: list[str]) -> dict[str, str]:
        """The server's stem of each word; stop words are left out."""
        if not words:
            return {}
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT w, (ts_lexize('english_stem', w))[1] FROM unnest(%s::text[]) AS w",
                [words],
            )
            return {w: stem for w, stem in cursor.fetchall() if stem}

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
        # Ranked by the wanted terms only, as _ranked is; one call of a function that
        # plans with the GIN index (migration 0005), as ids() is.
        sql = f"SELECT rfc_id, rank FROM {RANKING_FUNCTION}(%s, %s) ORDER BY rank DESC, rfc_id"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.positive().to_websearch(), query.to_websearch()])
            return [(int(r[0]), float(r[1])) for r in cursor.fetchall()]

    def ids(self, query: Query) -> set[int]:
        # One call of a function that plans with the GIN index (migration 0004), not the
        # transaction of _indexed: every refined search looks its exclusions up.
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {IDS_FUNCTION}(%s)", [query.to_websearch()])
            return {int(r[0]) for r in cursor.fetchall()}


def backend_for(connection: BaseDatabaseWrapper) -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        return SqliteBackend(connection)
    raise NotImplementedError(f"full-text search does not support {connection.vendor!r} databases")
