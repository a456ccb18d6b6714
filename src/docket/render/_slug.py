"""GitHub-style heading slugs, so links copied from a forge keep working in Docket."""

from __future__ import annotations

import re

_DROP_RE = re.compile(r"[^\w\- ]")
_FALLBACK = "section"


def slugify(text: str) -> str:
    """Lowercase, punctuation dropped, each space a hyphen (as GitHub does)."""
    return _DROP_RE.sub("", text.strip().lower()).replace(" ", "-")


class Slugger:
    """Hands out unique slugs within one document: a repeat gets -1, -2, ..."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def slug(self, text: str) -> str:
        base = slugify(text) or _FALLBACK
        candidate = base
        n = 0
        while candidate in self._seen:
            n += 1
            candidate = f"{base}-{n}"
        self._seen.add(candidate)
        return candidate
