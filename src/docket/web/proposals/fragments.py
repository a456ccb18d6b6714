"""Per-process cache of the RFC page's heavy part, the rendered revision and its sidebar.

A revision never changes, and the part of the page drawn from it (the document, the
checklist, the lint findings and the revision history) changes only when a new revision
becomes current. So the part is rendered once per process and keyed by the RFC, its
current revision and the time that revision became current (ids alone can come back after
a rolled-back transaction or a restored backup): the key itself goes stale, never the
entry, and no invalidation is needed across worker processes. The one thing shown that a
revision does not pin is an author's username in the history, which stays as it was
until the RFC's next save.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from markupsafe import Markup

from docket.web.proposals.models import Rfc

Key = tuple[int, int | None, str]


class FragmentCache:
    """A least-recently-used map bounded by the characters it holds."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._entries: OrderedDict[Key, Markup] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: Key, render: Callable[[], Markup]) -> Markup:
        """The fragment stored under ``key``, rendering and keeping it when absent."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        fragment = render()
        if len(fragment) > self.max_chars:
            return fragment
        with self._lock:
            if key not in self._entries:
                self._entries[key] = fragment
                self._chars += len(fragment)
            while self._chars > self.max_chars:
                _, dropped = self._entries.popitem(last=False)
                self._chars -= len(dropped)
        return fragment

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0

    def __len__(self) -> int:
        return len(self._entries)


def key(rfc: Rfc) -> Key:
    """What pins the RFC page's per-revision part."""
    return (rfc.pk, rfc.current_id, rfc.updated_at.isoformat())


_cache: FragmentCache | None = None


def page_cache() -> FragmentCache:
    """The process's cache, sized by ``DOCKET_PAGE_CACHE_CHARS`` (0 turns it off)."""
    global _cache
    if _cache is None or _cache.max_chars != settings.DOCKET_PAGE_CACHE_CHARS:
        _cache = FragmentCache(settings.DOCKET_PAGE_CACHE_CHARS)
    return _cache
