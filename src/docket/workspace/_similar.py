"""Existing RFCs that look like the one about to be written, judged by title and summary."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

TITLE_RATIO = 0.75
TITLE_JACCARD = 0.5
SUMMARY_COVERAGE = 0.75
_STOPWORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into"),
        *("is", "it", "of", "on", "or", "over", "the", "to", "under", "via", "with"),
        *("without", "we", "our", "rfc", "new", "add", "adding", "use", "using", "support"),
    }
)


@dataclass(frozen=True)
class Candidate:
    number: int
    title: str
    summary: str
    relative: str


@dataclass(frozen=True)
class Similar:
    candidate: Candidate
    score: float
    reason: str


def words(text: str) -> set[str]:
    """Content words, lowercased, with a plural ``s`` dropped so "limit" meets "limits"."""
    out = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in _STOPWORDS or len(word) < 2:
            continue
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return out


def similar_rfcs(title: str, candidates: Iterable[Candidate]) -> list[Similar]:
    """Candidates whose title is close to ``title``, or whose summary covers its words."""
    mine = words(title)
    out = []
    for cand in candidates:
        ratio = difflib.SequenceMatcher(None, title.lower(), cand.title.lower()).ratio()
        theirs = words(cand.title)
        jaccard = len(mine & theirs) / len(mine | theirs) if mine | theirs else 0.0
        coverage = len(mine & words(cand.summary)) / len(mine) if len(mine) >= 2 else 0.0
        if ratio >= TITLE_RATIO or jaccard >= TITLE_JACCARD:
            out.append(Similar(cand, max(ratio, jaccard), "similar title"))
        elif coverage >= SUMMARY_COVERAGE:
            out.append(Similar(cand, coverage, "its summary covers the same words"))
    # Title matches first: a close title is stronger evidence than shared summary words.
    return sorted(out, key=lambda s: (s.reason != "similar title", -s.score, s.candidate.number))
