"""Searches that want the same terms share one ranking and drop their own exclusions.

Every answer is compared with what the backend gives when it ranks the whole query
itself (the path every search took before rankings were shared), on whichever database
DATABASE_URL names.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from docket.web.proposals import services
from docket.web.proposals.models import Rfc
from docket.web.search import matching_ids, search
from docket.web.search.backends import backend_for
from docket.web.search.engine import _restriction
from docket.web.search.query import parse_query

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_cache_on")]

RANKING_FUNCTIONS = ("bm25(", "ts_rank(")
# Word mixes with uneven counts, so ranks differ and exclusions cut into the order.
TEXTS = [
    "retry ledger " * (1 + n % 4) + "quota " * (n % 3) + "tenant " * (n % 5 == 0) + f"x{n}"
    for n in range(14)
]
QUERIES = [
    "retry",
    "retry -quota",
    "retry -quota -tenant",
    'retry -"ledger quota"',
    "retry ledger",
    "retry or tenant",
    "retry or quota -tenant",  # two groups, one with an exclusion: ranked whole
    '"retry ledger" -tenant',
    "ledger -retry",
    "-retry",
    "tenant quota -ledger",  # the rarer word is in RFCs without the other
    "retry or retry ledger",
    "the retry -quota",  # a stop word on PostgreSQL
    "the or a",
]


@pytest.fixture
def corpus(alice: User, dave: User) -> list[Rfc]:
    rfcs = [
        services.create_rfc(alice if n % 2 else dave, f"Proposal {n}", text)
        for n, text in enumerate(TEXTS)
    ]
    for rfc in rfcs[::3]:
        Rfc.objects.filter(pk=rfc.pk).update(state="accepted")
    return rfcs


def unshared(query: str, state: str | None, author: str | None, limit: int, offset: int) -> Any:
    parsed = parse_query(query)
    if parsed.empty:
        return [], 0
    found, count = backend_for(connection).page(parsed, _restriction(state, author), limit, offset)
    return [(m.rfc_id, m.rank) for m in found], count


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(("state", "author"), [(None, None), ("accepted", None), (None, "dave")])
def test_every_page_equals_ranking_the_whole_query(
    corpus: list[Rfc], query: str, state: str | None, author: str | None
) -> None:
    for limit, offset in [(20, 0), (3, 0), (3, 3), (5, 4), (2, 40)]:
        got = search(query, state=state, author=author, limit=limit, offset=offset, snippets=False)
        expected, count = unshared(query, state, author, limit, offset)
        assert [(h.rfc.pk, h.rank) for h in got.hits] == expected, (limit, offset)
        assert got.count == count


@pytest.mark.parametrize("query", QUERIES)
def test_the_list_pages_ids_equal_ranking_the_whole_query(corpus: list[Rfc], query: str) -> None:
    expected, _count = unshared(query, None, None, 1000, 0)
    assert matching_ids(query, limit=1000) == [pk for pk, _ in expected]


def test_a_refinement_drops_its_exclusions_without_ranking_again(corpus: list[Rfc]) -> None:
    everything = search("retry", snippets=False)
    with CaptureQueriesContext(connection) as refined:
        narrower = search("retry -tenant", state="accepted", limit=2, offset=1)
    sql = [q["sql"] for q in refined.captured_queries]
    assert not any(f in q for q in sql for f in RANKING_FUNCTIONS)
    assert narrower.count < everything.count
    tenants = {r.pk for r, text in zip(corpus, TEXTS, strict=True) if "tenant" in text}
    assert not {hit.rfc.pk for hit in narrower.hits} & tenants
    assert all(hit.rfc.state == "accepted" and hit.snippet for hit in narrower.hits)


def test_a_write_reranks(alice: User, corpus: list[Rfc]) -> None:
    before = [h.rfc.pk for h in search("retry -tenant", snippets=False).hits]
    newest = services.create_rfc(alice, "Retry everything", "retry " * 30)
    after = [h.rfc.pk for h in search("retry -quota", snippets=False).hits]
    assert newest.pk not in before
    assert after[0] == newest.pk


def test_a_refinement_that_leaves_the_page_as_it_was_shares_its_hits(corpus: list[Rfc]) -> None:
    everything = search("retry")
    with CaptureQueriesContext(connection) as refined:
        narrower = search("retry -zeppelin")  # excludes nothing
    sql = [q["sql"] for q in refined.captured_queries]
    # One generation read for the whole search, nested answers included.
    assert sum("docket_search_generation" in q for q in sql) == 1
    # Only the exclusion is looked up: neither the texts the excerpts are cut from nor the
    # RFCs' rows are read again.
    assert not any(" body " in q or "proposals_rfc" in q for q in sql)
    assert [(h.rfc.pk, h.rank, h.snippet, h.authors) for h in narrower.hits] == [
        (h.rfc.pk, h.rank, h.snippet, h.authors) for h in everything.hits
    ]
    assert all("<mark>" in hit.snippet for hit in narrower.hits)


def test_a_refinement_that_changes_the_page_gets_its_own_hits(corpus: list[Rfc]) -> None:
    search("retry", limit=3)
    narrower = search("retry -tenant", limit=3)
    tenants = {r.pk for r, text in zip(corpus, TEXTS, strict=True) if "tenant" in text}
    expected, _count = unshared("retry -tenant", None, None, 3, 0)
    assert [(h.rfc.pk, h.rank) for h in narrower.hits] == expected
    assert not {hit.rfc.pk for hit in narrower.hits} & tenants
    assert all("<mark>retry</mark>" in hit.snippet for hit in narrower.hits)
