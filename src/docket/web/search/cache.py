"""Per-process cache of the database's search answers, keyed by the search generation.

Ranking every match is most of a search's cost, popular searches repeat, and the index
changes only when an RFC is written. The database keeps a token that its own triggers
replace on every such write (migration 0003), so an answer is stored under the token it
was computed at: a write changes the token, the old entries are never asked for again
and age out, and no process needs telling. The token is read before the search runs, so
an answer is never older than the token it is stored under; answers computed inside that
answer's computation (a ranking inside a page of results) are stored under the same
token, read once.

What is kept is the backend's answer (ids, ranks, raw excerpts, counts) and, for
``search()``, the hits' RFC rows and editors' usernames: any change to those changes the
token too, so a title or state shown is always current. The list page keeps its listing
here for the same reason (counts by state and a page's RFC rows). Kept answers are
shared between requests and must not be changed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar, cast

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper

GENERATION_TABLE = "docket_search_generation"

T = TypeVar("T")


class ResultCache:
    """A least-recently-used map bounded by its number of entries (0: keeps nothing)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], object]) -> object:
        """The answer stored under ``key``, computing and keeping it when absent.

        Computing happens outside the lock: two threads missing the same key both ask the
        database, which is cheaper than making every other search wait.
        """
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        answer = compute()
        with self._lock:
            self._entries[key] = answer
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return answer

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


_cache: ResultCache | None = None


class _Reading(threading.local):
    """The token each connection's outermost ``cached()`` read, while its answer is computed."""

    def __init__(self) -> None:
        self.tokens: dict[str, int] = {}


_reading = _Reading()


def result_cache() -> ResultCache:
    """The process's cache, sized by ``DOCKET_SEARCH_CACHE_SIZE``."""
    global _cache
    if _cache is None or _cache.size != settings.DOCKET_SEARCH_CACHE_SIZE:
        _cache = ResultCache(settings.DOCKET_SEARCH_CACHE_SIZE)
    return _cache


def generation(connection: BaseDatabaseWrapper) -> int | None:
    """The search generation as this connection sees it; ``None`` if its row is gone."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {GENERATION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def cached(
    connection: BaseDatabaseWrapper, key: tuple[Hashable, ...], compute: Callable[[], T]
) -> T:
    """``compute()``'s answer, from the cache while the generation has not moved.

    ``key`` must name the kind of answer as well as its arguments, so that one key always
    maps to one type of answer.
    """
    cache = result_cache()
    if cache.size == 0:
        return compute()
    tokens = _reading.tokens
    if connection.alias in tokens:
        return cast(T, cache.get((connection.alias, tokens[connection.alias], *key), compute))
    token = generation(connection)
    if token is None:
        return compute()
    tokens[connection.alias] = token
    try:
        return cast(T, cache.get((connection.alias, token, *key), compute))
    finally:
        del tokens[connection.alias]
