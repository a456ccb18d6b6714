"""The search query language, parsed once and compiled for each database.

Users type web-search syntax (words, "quoted phrases", ``-exclusion``, ``or``), the
language of PostgreSQL's ``websearch_to_tsquery``. SQLite's FTS5 ``MATCH`` has its own
grammar and raises on malformed input, so user text never reaches it raw: it is parsed
here into groups of terms and rebuilt with every term quoted. PostgreSQL gets the same
parse re-serialised, so both databases answer the same question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 512
MAX_TERMS = 32

_WORD_CHARS = re.compile(r"\w")
# Control characters (NUL above all) break FTS5 strings and PostgreSQL parameters.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN = re.compile(r'\s+|-*"[^"]*"?|[^\s"]+')


@dataclass(frozen=True)
class Term:
    """One word or phrase; a phrase's words must appear together and in order."""

    words: tuple[str, ...]
    negated: bool = False

    def quoted(self) -> str:
        return '"' + " ".join(self.words) + '"'


@dataclass(frozen=True)
class Query:
    """Groups joined by ``or``; inside a group every positive term must match, no negated one."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def empty(self) -> bool:
        return not self.groups

    def positive(self) -> Query:
        """The query without its exclusions: what a match is ranked by."""
        return Query(tuple(tuple(t for t in g if not t.negated) for g in self.groups))

    @property
    def refinable(self) -> bool:
        """Whether the matches are the wanted terms' matches less the exclusions' matches.

        True for one group, or for groups without exclusions: then every search that
        wants the same terms can share one ranking and drop what it excludes.
        """
        return len(self.groups) == 1 or not any(t.negated for g in self.groups for t in g)

    def exclusions(self) -> Query:
        """Every excluded term as an alternative: what a refinable query's matches may not match."""
        terms = dict.fromkeys(Term(t.words) for g in self.groups for t in g if t.negated)
        return Query(tuple((t,) for t in terms))

    def any_term(self) -> Query:
        """Every wanted term as an alternative: what an excerpt highlights, so an excerpt
        showing some of the terms is still marked."""
        terms = dict.fromkeys(t for g in self.groups for t in g if not t.negated)
        return Query(tuple((t,) for t in terms))

    def to_fts5(self) -> str:
        """An FTS5 MATCH expression; every term is a quoted string, so it always parses."""
        parts = []
        for group in self.groups:
            positive = " AND ".join(t.quoted() for t in group if not t.negated)
            negative = " OR ".join(t.quoted() for t in group if t.negated)
            parts.append(f"(({positive}) NOT ({negative}))" if negative else f"({positive})")
        return " OR ".join(parts)

    def to_websearch(self) -> str:
        """The same query for ``websearch_to_tsquery``, with every term quoted."""
        return " or ".join(
            " ".join(("-" if t.negated else "") + t.quoted() for t in group)
            for group in self.groups
        )


def _words(text: str) -> tuple[str, ...]:
    # Quotes cannot survive tokenising; anything with no letter or digit matches nothing.
    return tuple(w for w in text.replace('"', " ").split() if _WORD_CHARS.search(w))


def parse_query(text: str) -> Query:
    """Parse web-search syntax; never raises, whatever the text.

    A group with only exclusions is dropped: "everything except X" is not a search.
    """
    groups: list[tuple[Term, ...]] = []
    current: list[Term] = []
    count = 0
    for token in _TOKEN.findall(_CONTROL.sub(" ", text[:MAX_QUERY_CHARS])):
        if token.isspace():
            continue
        negated = False
        if token.startswith("-"):
            token = token.lstrip("-")
            negated = True
            if not token:
                continue
        if token.startswith('"'):
            words = _words(token.strip('"'))
        elif token.lower() == "or" and not negated:
            if any(not t.negated for t in current):
                groups.append(tuple(current))
            current = []
            continue
        else:
            words = _words(token)
        if not words or count >= MAX_TERMS:
            continue
        count += 1
        current.append(Term(words, negated))
    if any(not t.negated for t in current):
        groups.append(tuple(current))
    return Query(tuple(groups))
