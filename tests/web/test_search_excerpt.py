"""Excerpts cut in Python mark what the database's own index would match."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from docket.web.search.backends import PostgresBackend
from docket.web.search.excerpt import (
    ELLIPSIS,
    WORDS_SHOWN,
    Highlighter,
    opening,
)
from docket.web.search.query import MAX_TERMS, parse_query
from docket.web.search.text import MARK_END, MARK_START, index_text

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "rfcs"
MARKED = re.compile(re.escape(MARK_START) + "(.*?)" + re.escape(MARK_END))


def porter(*words: str) -> Highlighter:
    return Highlighter.snowball(words, "porter", fold_diacritics=True)


def marked(excerpt: str | None) -> list[str]:
    assert excerpt is not None
    return MARKED.findall(excerpt)


def test_every_inflection_is_marked_and_other_words_sharing_letters_are_not() -> None:
    text = "We retried twice; retries happen. Retry! Retrieval is another matter."
    assert marked(porter("retry").excerpt(text)) == ["retried", "retries", "Retry"]


def test_the_excerpt_goes_where_most_different_terms_meet() -> None:
    filler = "nothing to see here at all. " * 30
    text = "An alpha alone. " + filler + "Here alpha and beta meet. " + filler
    excerpt = porter("alpha", "beta").excerpt(text)
    assert marked(excerpt) == ["alpha", "beta"]
    assert excerpt is not None and excerpt.startswith(ELLIPSIS) and excerpt.endswith(ELLIPSIS)


def test_an_excerpt_is_a_bounded_run_of_words_with_no_ellipsis_at_the_ends() -> None:
    short = "Zeppelin mooring at dawn."
    assert porter("zeppelin").excerpt(short) == f"{MARK_START}Zeppelin{MARK_END} mooring at dawn."
    long = " ".join(f"w{n}" for n in range(200)) + " zeppelin " + "tail " * 200
    excerpt = porter("zeppelin").excerpt(long)
    assert excerpt is not None
    assert len(re.findall(r"[^\W_]+", excerpt)) == WORDS_SHOWN


def test_accents_fold_for_sqlite_but_not_for_postgresql() -> None:
    assert marked(porter("cafe").excerpt("A café by the depot.")) == ["café"]
    english = Highlighter.snowball(["cafe"], "english", fold_diacritics=False)
    assert english.excerpt("A café by the depot.") is None


def test_no_hit_gives_none_and_the_opening_is_unmarked() -> None:
    assert porter("zeppelin").excerpt("Nothing here.") is None
    text = " ".join(f"word{n}" for n in range(100))
    assert opening(text) == " ".join(f"word{n}" for n in range(WORDS_SHOWN)) + ELLIPSIS
    assert porter().excerpt(text) is None


def _fts5_marks(text: str, query: str) -> list[str]:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.execute("INSERT INTO t (body) VALUES (?)", (text,))
    row = db.execute(
        "SELECT highlight(t, 0, ?, ?) FROM t WHERE t MATCH ?", (MARK_START, MARK_END, query)
    ).fetchone()
    return MARKED.findall(row[0]) if row else []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name)
def test_marks_equal_fts5s_own_on_every_example(path: Path) -> None:
    text = index_text(path.read_text(encoding="utf-8"))
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)})[::7][:40]
    highlighter = porter(*words)
    ours = [text[s:e] for s, e, _stem in highlighter.hits(text)]
    assert ours == _fts5_marks(text, " OR ".join(f'"{w}"' for w in words))


# The parser's token types for words and the parts of hyphenated words; the hyphenated
# whole ("retry-safe") is a token of its own that no excerpt marks.
WORD_TOKENS = ["asciiword", "word", "numword", "hword_asciipart", "hword_part", "hword_numpart"]
COMPOUNDS = ["blank", "asciihword", "hword", "numhword"]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name)
def test_marks_are_what_postgresqls_parser_files_under_the_wanted_stems(path: Path) -> None:
    """Every word the server files under a wanted stem is marked. Words inside a host, a
    URL, an e-mail address or a file path, which the server keeps whole, may be marked too."""
    text = index_text(path.read_text(encoding="utf-8"))
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)})[::7][:MAX_TERMS]
    query = parse_query(" or ".join(words))
    highlighter = PostgresBackend(connection).highlighter(query, [text])
    ours = Counter(text[s:e] for s, e, _stem in highlighter.hits(text))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT alias = ANY(%s), token FROM ts_debug('english', %s)"
            " WHERE alias = ANY(%s) AND lexemes && (SELECT array_agg(lexeme)"
            " FROM unnest(to_tsvector('english', %s))) OR NOT alias = ANY(%s)",
            [WORD_TOKENS, text, WORD_TOKENS, " ".join(words), WORD_TOKENS + COMPOUNDS],
        )
        rows = cursor.fetchall()
    theirs = Counter(token for is_word, token in rows if is_word)
    kept_whole = [token for is_word, token in rows if not is_word]
    assert theirs
    assert not theirs - ours
    assert all(any(word in token for token in kept_whole) for word in ours - theirs)
