"""RFC pages kept per process for readers who are not signed in, until the RFC changes.

On PostgreSQL one round trip costs a third of what Django spends on a trivial view, so
the RFC page cannot reach half the trivial view's throughput while it reads the database
(RFC 5). A page served to someone who is not signed in says nothing about them, so it is
kept, compressed with LZ4 (20 us in and 14 us out a page, against 140 and 70 us for
zlib, for pages a third larger), and served again without a query. Triggers (migration
0007) notify the ``docket_pages`` channel with the id of every RFC whose page a write may
change, or ``*`` when a change may touch any page (a renamed user); each process listens
on a connection of its own and reads what arrived before each such page (see
``docket/web/db/postgresql/listener.py``).

A page is kept only if nothing was forgotten between the moment its process looked for
notifications and the moment the page was rendered: otherwise it may have been read just
before a write whose notice has already been acted on. A write committed in another
process shows within the time its notice takes to arrive, a few milliseconds. Signed-in
people never read the cache, so authors always see their own saves.

Nothing is kept on SQLite (there is no LISTEN, and its query runs in the process
anyway), through a transaction-mode pooler (it cannot hold a LISTEN), or inside a
transaction (what it reads may be rolled back).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import NamedTuple

import lz4.block
import psycopg
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse

from docket.web.db.postgresql.listener import Listener

CHANNEL = "docket_pages"
EVERY_PAGE = "*"
HEADER = "X-Docket-Page-Cache"
_ENTRY_OVERHEAD = 200
"""Bytes an entry costs besides its compressed page: the key, the tuple, the maps."""

logger = logging.getLogger(__name__)


class _Entry(NamedTuple):
    rfc_id: int
    body: bytes
    content_type: str


class PageCache:
    """Compressed pages by RFC number, least recently used first out, within ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.epoch = 0
        """How many times something was forgotten; a page read before a change is not kept."""
        self._entries: OrderedDict[int, _Entry] = OrderedDict()
        self._numbers: dict[int, int] = {}
        self._lock = threading.Lock()

    def get(self, number: int) -> HttpResponse | None:
        with self._lock:
            entry = self._entries.get(number)
            if entry is None:
                return None
            self._entries.move_to_end(number)
        response = HttpResponse(lz4.block.decompress(entry.body), content_type=entry.content_type)
        response[HEADER] = "hit"
        return response

    def keep(self, number: int, rfc_id: int, response: HttpResponse, epoch: int) -> bool:
        """Keep ``response``'s page unless something was forgotten since ``epoch``."""
        body = lz4.block.compress(response.content)
        entry = _Entry(rfc_id, body, response["Content-Type"])
        cost = len(body) + _ENTRY_OVERHEAD
        with self._lock:
            if epoch != self.epoch or cost > self.limit:
                return False
            self._remove(number)
            self._entries[number] = entry
            self._numbers[rfc_id] = number
            self.size += cost
            while self.size > self.limit:
                self._remove(next(iter(self._entries)))
        response[HEADER] = "miss"
        return True

    def forget(self, rfc_ids: set[str] | None) -> None:
        """Drop the pages of ``rfc_ids`` (notification payloads); ``None`` drops every page."""
        if rfc_ids is not None and not rfc_ids:
            return
        with self._lock:
            self.epoch += 1
            if rfc_ids is None or EVERY_PAGE in rfc_ids:
                self._entries.clear()
                self._numbers.clear()
                self.size = 0
                return
            for rfc_id in rfc_ids:
                number = self._numbers.get(int(rfc_id))
                if number is not None:
                    self._remove(number)

    def __len__(self) -> int:
        return len(self._entries)

    def _remove(self, number: int) -> None:
        entry = self._entries.pop(number, None)
        if entry is not None:
            self.size -= len(entry.body) + _ENTRY_OVERHEAD
            del self._numbers[entry.rfc_id]


class _Process:
    """The process's cache and the listener that keeps it current, made on first use."""

    def __init__(self) -> None:
        self.cache: PageCache | None = None
        self.listener: Listener | None = None
        self.lock = threading.Lock()

    def current(self) -> tuple[PageCache, Listener]:
        limit = settings.DOCKET_PAGE_CACHE_MB * 1024 * 1024
        with self.lock:
            if self.cache is None or self.cache.limit != limit:
                self.cache = PageCache(limit)
            if self.listener is None:
                self.listener = Listener(connection, CHANNEL)
            return self.cache, self.listener


_process = _Process()


def enabled() -> bool:
    """On PostgreSQL without a pooler, and outside a transaction, whose reads may not last."""
    return bool(
        settings.DOCKET_PAGE_CACHE_MB
        and connection.vendor == "postgresql"
        and not settings.DOCKET_DB_POOLER
        and not connection.in_atomic_block
    )


def reset() -> None:
    """Drop every kept page of this process and stop listening, until the next page."""
    with _process.lock:
        if _process.listener is not None:
            _process.listener.close()
        if _process.cache is not None:
            _process.cache.forget(None)


def _personal(request: HttpRequest) -> bool:
    """Whether the page for ``request`` could say something about the person asking."""
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or settings.CSRF_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
    ):
        return True
    return bool(request.user.is_authenticated)


def for_request(request: HttpRequest) -> tuple[PageCache, int] | None:
    """The process's cache, brought up to date, and its epoch, if ``request`` may use it."""
    if not enabled() or _personal(request):
        return None
    cache, listener = _process.current()
    try:
        changes = listener.poll()
    except psycopg.Error as error:
        logger.warning("RFC pages are not cached: cannot listen for changes (%s)", error)
        return None
    cache.forget(changes)
    return cache, cache.epoch


def keepable(request: HttpRequest, response: HttpResponse) -> bool:
    """A page nobody's cookies or tokens went into, whole and successful."""
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )
