"""Text normalisation shared by the template reader and the document model."""

from __future__ import annotations

import re

_OPTIONAL_RE = re.compile(r"\s*\((?:optional|if applicable)\)\s*$", re.IGNORECASE)
_NUMBERING_RE = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_NON_WORD_RE = re.compile(r"[^\w]+")
_MARKUP = str.maketrans(dict.fromkeys("*_`>#|[]()!~\\-", " "))
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.MULTILINE)


def heading_key(text: str) -> str:
    """A heading's identity: case, numbering, punctuation and an "(Optional)" suffix ignored."""
    text = _OPTIONAL_RE.sub("", text.strip())
    text = _NUMBERING_RE.sub("", text)
    return _NON_WORD_RE.sub(" ", text.lower()).strip()


def is_optional_heading(text: str) -> bool:
    return bool(_OPTIONAL_RE.search(text))


def strip_optional(text: str) -> str:
    return _OPTIONAL_RE.sub("", text.strip())


def normalise(text: str) -> str:
    """Text reduced to its words, so re-wrapped or re-emphasised template text still matches."""
    text = _LIST_MARKER_RE.sub("", text)
    # Markup becomes blanks and runs of blanks one space: str methods, not regexes, since
    # every block of every linted file goes through here.
    return " ".join(text.lower().translate(_MARKUP).split())
