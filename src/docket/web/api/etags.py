"""ETags for optimistic concurrency: an RFC's ETag names its current revision."""

from __future__ import annotations


def etag_for(revision_id: int) -> str:
    return f'"rev-{revision_id}"'


def if_match_allows(header: str, current: str) -> bool:
    """Whether an ``If-Match`` (or ``If-None-Match``) header names ``current``.

    Weak tags compare by value; ``*`` names any current revision.
    """
    if header.strip() == "*":
        return True
    wanted = current.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == wanted for tag in header.split(","))
