"""Highlighted excerpts, cut in Python from the indexed text of the hits shown.

The databases' highlighters (FTS5's ``snippet()``, PostgreSQL's ``ts_headline``) tokenise
and stem a whole RFC for each excerpt, and FTS5 evaluates the query again for every row:
5 to 10 ms for a page of 20 hits, most of a search once rankings are shared. An excerpt
needs far less: a regular expression finds the few words that begin as a wanted term's
stem does (a stem keeps its word's first letters), and the stemming algorithm of the
database's own index decides which of those are hits: Snowball's Porter for FTS5's
``porter`` tokenizer, Snowball's English for PostgreSQL's ``english`` configuration.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import Stemmer

from docket.web.search.text import MARK_END, MARK_START

WORDS_SHOWN = 24
"""Words in an excerpt, as the databases' highlighters were configured."""
WORDS_BEFORE = 4
"""Words shown before the first hit of the chosen stretch."""
SPAN_CHARS = 160
"""How near hits must be to count as one stretch when choosing where to cut."""
HITS_WEIGHED = 200
KEEP_CHARS = 64_000
ELLIPSIS = "…"

# A token as FTS5's unicode61 tokenizer sees one: letters and digits; underscores split.
_WORD = re.compile(r"[^\W_]+")
_local = threading.local()


def stemmer(algorithm: str) -> Stemmer.Stemmer:
    """This thread's stemmer: PyStemmer's objects may not be shared between threads."""
    stemmers: dict[str, Stemmer.Stemmer] = _local.__dict__.setdefault("stemmers", {})
    if algorithm not in stemmers:
        stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmers[algorithm]


def _lowered(text: str) -> str:
    """``text`` in lower case, letter for letter, so offsets stay valid.

    A page's texts are read twice and lowering a long text with any non-ASCII letter is
    slow (40 µs for 9 KB), so texts of ordinary length are kept for a while.
    """
    return _lowered_kept(text) if len(text) <= KEEP_CHARS else _lower(text)


@lru_cache(maxsize=64)
def _lowered_kept(text: str) -> str:
    return _lower(text)


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ")
        lowered = "".join(c.lower()[0] for c in text)
    return lowered


def fold(word: str, diacritics: bool) -> str:
    """Lower case, and without accents when the index drops them (FTS5 here, not PostgreSQL)."""
    word = word.lower()
    if diacritics and not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(c for c in decomposed if not unicodedata.combining(c))
    return word


def _candidates(starts: Iterable[str]) -> re.Pattern[str]:
    """Words and word ends beginning with any of ``starts`` (lower case).

    Matched against lower-cased text and without a look-behind, the pattern begins with
    plain letters the regular expression engine can skip to, several times faster on a
    long text; ``Highlighter.hits`` drops the matches that begin inside a word.
    """
    ordered = sorted({s.lower() for s in starts}, key=len, reverse=True)
    alternatives = "|".join(re.escape(s) for s in ordered) or "(?!)"
    return re.compile(rf"(?:{alternatives})[^\W_]*")


@dataclass(frozen=True)
class Highlighter:
    """Marks the words of a text that the index would file under one of ``stems``."""

    stems: frozenset[str]
    candidates: re.Pattern[str]
    """Every word that could be filed under one of the stems, and others."""
    stem_of: Callable[[str], str | None]
    """A candidate's stem, given the candidate in lower case."""

    @classmethod
    def snowball(cls, words: Iterable[str], algorithm: str, fold_diacritics: bool) -> Highlighter:
        """For ``words``, stemmed here by a Snowball algorithm as the index stems them."""

        def stem_of(word: str) -> str:
            return stemmer(algorithm).stemWord(fold(word, fold_diacritics))

        kept = frozenset(stem for stem in map(stem_of, words) if stem)
        # A stem changes at most its word's last letter before the suffix it drops
        # ("retry": "retri"), so every word filed under a stem starts with the rest of it.
        starts = [s[: max(1, len(s) - 1)] for s in kept]
        return cls(kept, _candidates(starts), stem_of)

    @classmethod
    def looked_up(
        cls, stems: Iterable[str], starts: Iterable[str], stem_of: Callable[[str], str | None]
    ) -> Highlighter:
        """Words stemmed by a table the database filled, for words beginning with ``starts``."""
        return cls(frozenset(s for s in stems if s), _candidates(starts), stem_of)

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """Start, end and stem of every hit, in order."""
        found = []
        for start, end, word in self.candidate_words(text):
            stemmed = self.stem_of(word)
            if stemmed is not None and stemmed in self.stems:
                found.append((start, end, stemmed))
        return found

    def candidate_words(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Start, end and lower case of every word ``candidates`` finds."""
        lowered = _lowered(text)
        for match in self.candidates.finditer(lowered):
            start, end = match.span()
            if not start or not _WORD.match(lowered, start - 1):  # not inside a word
                yield start, end, match.group()

    def excerpt(self, text: str) -> str | None:
        """About ``WORDS_SHOWN`` words around the stretch with the most different hits,
        hits between ``MARK_START`` and ``MARK_END``; ``None`` when the text has no hit."""
        hits = self.hits(text)
        if not hits:
            return None
        anchor, best = hits[0][0], 0
        weighed = hits[:HITS_WEIGHED]
        for at, (start, _end, _stem) in enumerate(weighed):
            near = set()
            for begins, _e, stem in weighed[at:]:
                if begins - start > SPAN_CHARS:
                    break
                near.add(stem)
            if len(near) > best:
                anchor, best = start, len(near)
        return _cut(text, anchor, hits)


def opening(text: str) -> str:
    """The first words of a text, for a match whose hits are in no text shown."""
    return _cut(text, 0, [])


def _cut(text: str, anchor: int, hits: list[tuple[int, int, str]]) -> str:
    """``WORDS_SHOWN`` words from a few before ``anchor``, with the hits inside marked."""
    before = [m.span() for m in _WORD.finditer(text, max(0, anchor - 40 * WORDS_BEFORE), anchor)]
    words = before[-WORDS_BEFORE:] + [
        m.span()
        for m in islice(_WORD.finditer(text, anchor), WORDS_SHOWN - len(before[-WORDS_BEFORE:]))
    ]
    if not words:
        return ""
    start, end = words[0][0], words[-1][1]
    if _WORD.search(text, 0, start) is None:  # no word before: keep what leads in
        start = 0
    if _WORD.search(text, end) is None:  # no word after: keep the closing punctuation
        end = len(text)
    pieces = [ELLIPSIS if start > 0 else ""]
    at = start
    for hit_start, hit_end, _stem in hits:
        if hit_start >= start and hit_end <= end:
            pieces += [text[at:hit_start], MARK_START, text[hit_start:hit_end], MARK_END]
            at = hit_end
    pieces += [text[at:end], ELLIPSIS if end < len(text) else ""]
    return "".join(pieces)
