"""The query parser: one parse of web-search syntax, compiled for FTS5 and PostgreSQL."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from docket.web.search.query import MAX_TERMS, parse_query


def test_words_phrases_exclusions_and_or() -> None:
    query = parse_query('cache "rollback plan" -kafka or redis')
    assert query.to_fts5() == '(("cache" AND "rollback plan") NOT ("kafka")) OR ("redis")'
    assert query.to_websearch() == '"cache" "rollback plan" -"kafka" or "redis"'


def test_an_unbalanced_quote_runs_to_the_end() -> None:
    assert parse_query('a "b c').to_fts5() == '("a" AND "b c")'


def test_fts5_operators_in_user_text_are_only_words() -> None:
    assert (
        parse_query("NEAR(a b) title:x AND").to_fts5()
        == '("NEAR(a" AND "b)" AND "title:x" AND "AND")'
    )


def test_groups_of_exclusions_only_and_stray_ors_are_dropped() -> None:
    assert parse_query("or -a or b or").to_websearch() == '"b"'
    assert parse_query("-a -b").empty


def test_punctuation_only_terms_are_dropped() -> None:
    assert parse_query('* - "" ^').empty


def test_terms_are_capped() -> None:
    query = parse_query(" ".join(f"w{i}" for i in range(100)))
    assert sum(len(group) for group in query.groups) == MAX_TERMS


@given(st.text(max_size=200))
def test_any_text_compiles_to_a_valid_fts5_expression(text: str) -> None:
    query = parse_query(text)
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    connection.execute("INSERT INTO t VALUES ('some words here')")
    if not query.empty:
        connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query.to_fts5(),)).fetchone()


def test_ranking_and_highlighting_use_the_wanted_terms_only() -> None:
    query = parse_query('cache "rollback plan" -kafka or cache')
    assert query.positive().to_websearch() == '"cache" "rollback plan" or "cache"'
    assert query.any_term().to_websearch() == '"cache" or "rollback plan"'
