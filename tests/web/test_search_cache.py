"""The search result cache: repeats skip the ranking query, and every index write shows.

Runs on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in CI), so
the invalidating triggers of both are exercised. Every change is asserted through the
next search's answer, never through the cache's insides.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from docket.web.proposals import services
from docket.web.proposals.models import Rfc
from docket.web.search import matching_ids, search, snippets_for
from docket.web.search.cache import result_cache
from docket.web.search.models import SearchDocument

pytestmark = [
    pytest.mark.django_db(transaction=False),
    pytest.mark.usefixtures("search_cache_on"),
]

# What only the backend's ranking, counting and highlighting queries read.
BACKEND_TABLES = ("docket_search_fts", "docket_search_searchdocument")


def backend_queries(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in BACKEND_TABLES)
    ]


def numbers(query: str, *, state: str | None = None, author: str | None = None) -> list[int]:
    return sorted(hit.rfc.number for hit in search(query, state=state, author=author).hits)


@pytest.fixture
def zeppelins(alice: User) -> list[Rfc]:
    return [services.create_rfc(alice, f"Zeppelin mooring {n}") for n in range(2)]


def test_a_repeated_search_skips_the_ranking_query(zeppelins: list[Rfc]) -> None:
    with CaptureQueriesContext(connection) as first:
        before = search("zeppelin")
    with CaptureQueriesContext(connection) as second:
        again = search("zeppelin")
    assert backend_queries(first)
    assert backend_queries(second) == []
    # The generation read and nothing else: the hits' RFCs and authors are kept too.
    assert [q["sql"] for q in second.captured_queries] == [
        "SELECT value FROM docket_search_generation WHERE id = 1"
    ]
    assert [(h.rfc.pk, h.rfc.title, h.rank, h.snippet, h.authors) for h in again.hits] == [
        (h.rfc.pk, h.rfc.title, h.rank, h.snippet, h.authors) for h in before.hits
    ]
    assert all(hit.authors == ("alice",) for hit in again.hits)
    assert again.count == before.count == 2


def test_the_list_pages_path_is_cached_too(zeppelins: list[Rfc]) -> None:
    ids = matching_ids("zeppelin", limit=1000)
    excerpts = snippets_for("zeppelin", ids)
    with CaptureQueriesContext(connection) as repeat:
        assert matching_ids("zeppelin", limit=1000) == ids
        assert snippets_for("zeppelin", list(reversed(ids))) == excerpts
    assert len(repeat) == 2  # one generation read each
    assert backend_queries(repeat) == []
    assert all("<mark>" in excerpt for excerpt in excerpts.values())


def test_equivalent_queries_share_an_entry(zeppelins: list[Rfc]) -> None:
    search("zeppelin  mooring")
    with CaptureQueriesContext(connection) as respelled:
        search('  zeppelin "mooring"')
    assert backend_queries(respelled) == []


def test_titles_shown_are_current_even_from_the_cache(zeppelins: list[Rfc]) -> None:
    search("zeppelin")
    first = zeppelins[0]
    # A raw update of the RFC row, which kept hits hold a copy of, changes the generation.
    Rfc.objects.filter(pk=first.pk).update(title="Renamed")
    titles = {hit.rfc.pk: hit.rfc.title for hit in search("zeppelin").hits}
    assert titles[first.pk] == "Renamed"


def test_saving_a_revision_invalidates(alice: User, zeppelins: list[Rfc]) -> None:
    assert numbers("hovercraft") == []
    rfc = zeppelins[0]
    assert rfc.current is not None
    services.save_revision(rfc, alice, rfc.current.text + "\nA hovercraft too.\n", rfc.current.pk)
    assert numbers("hovercraft") == [rfc.number]


def test_creating_an_rfc_invalidates(alice: User, zeppelins: list[Rfc]) -> None:
    assert search("zeppelin").count == 2
    services.create_rfc(alice, "Zeppelin hangar")
    assert search("zeppelin").count == 3


def test_changing_the_state_invalidates(erin: User, zeppelins: list[Rfc]) -> None:
    rfc = zeppelins[0]
    target = services.allowed_states(rfc)[0]
    assert numbers("zeppelin", state=target) == []
    services.change_state(rfc, erin, target, force=True)
    assert numbers("zeppelin", state=target) == [rfc.number]


def test_a_state_written_straight_to_the_rfc_row_invalidates(zeppelins: list[Rfc]) -> None:
    rfc = zeppelins[0]
    assert numbers("zeppelin", state="withdrawn") == []
    Rfc.objects.filter(pk=rfc.pk).update(state="withdrawn")
    assert numbers("zeppelin", state="withdrawn") == [rfc.number]


def test_changing_the_authors_invalidates(dave: User, zeppelins: list[Rfc]) -> None:
    rfc = zeppelins[1]
    assert numbers("zeppelin", author="dave") == []
    rfc.authors.add(dave)
    assert numbers("zeppelin", author="dave") == [rfc.number]
    rfc.authors.remove(dave)
    assert numbers("zeppelin", author="dave") == []


def test_renaming_an_author_invalidates(alice: User, zeppelins: list[Rfc]) -> None:
    assert len(numbers("zeppelin", author="alice")) == 2
    alice.username = "alicia"
    alice.save()
    assert numbers("zeppelin", author="alice") == []
    assert len(numbers("zeppelin", author="alicia")) == 2


def test_deleting_an_rfc_invalidates(zeppelins: list[Rfc]) -> None:
    gone = zeppelins[0]
    assert search("zeppelin").count == 2
    Rfc.objects.filter(pk=gone.pk).update(current=None)
    gone.delete()
    results = search("zeppelin")
    assert results.count == 1
    assert [hit.rfc.pk for hit in results.hits] == [zeppelins[1].pk]


def test_raw_index_updates_invalidate(zeppelins: list[Rfc]) -> None:
    rfc = zeppelins[0]
    assert numbers("walrus") == []
    SearchDocument.objects.filter(rfc=rfc).update(body="A walrus on the mooring mast.")
    assert numbers("walrus") == [rfc.number]
    SearchDocument.objects.filter(rfc=rfc).delete()
    assert numbers("walrus") == []


def test_a_bulk_load_of_index_rows_invalidates(zeppelins: list[Rfc]) -> None:
    bare = Rfc.objects.create(number=90, title="Unindexed")
    assert numbers("narwhal") == []
    SearchDocument.objects.bulk_create(
        [SearchDocument(rfc=bare, title="Unindexed", body="A narwhal surfaces.")]
    )
    assert numbers("narwhal") == [90]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_leaves_nothing_behind(zeppelins: list[Rfc]) -> None:
    """Within the writing transaction search sees the write; once rolled back, no one does,
    even after a later write that a counter would number the same."""
    rfc = zeppelins[0]

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        SearchDocument.objects.filter(rfc=rfc).update(body="A walrus.")
        assert numbers("walrus") == [rfc.number]
        raise Abort
    assert numbers("walrus") == []
    SearchDocument.objects.filter(rfc=zeppelins[1]).update(body="A narwhal.")
    assert numbers("walrus") == []
    assert numbers("narwhal") == [zeppelins[1].number]


def test_the_cache_is_bounded(settings: Any, zeppelins: list[Rfc]) -> None:
    settings.DOCKET_SEARCH_CACHE_SIZE = 2
    for word in ("zeppelin", "mooring", "hangar"):
        search(word)
    assert len(result_cache()) == 2
    with CaptureQueriesContext(connection) as recent:
        search("hangar")
    with CaptureQueriesContext(connection) as oldest:
        search("zeppelin")
    assert backend_queries(recent) == []
    assert backend_queries(oldest)


def test_a_size_of_zero_turns_the_cache_off(settings: Any, zeppelins: list[Rfc]) -> None:
    settings.DOCKET_SEARCH_CACHE_SIZE = 0
    search("zeppelin")
    with CaptureQueriesContext(connection) as repeat:
        assert search("zeppelin").count == 2
    assert backend_queries(repeat)
    assert not any("docket_search_generation" in q["sql"] for q in repeat.captured_queries)
    assert len(result_cache()) == 0
