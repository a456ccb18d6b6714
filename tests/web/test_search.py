"""Full-text search: ranking, snippets, filters, query syntax, transactional indexing.

Runs on whichever database DATABASE_URL names (SQLite by default, PostgreSQL in CI).
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from docket.web.proposals.models import Revision, Rfc
from docket.web.search import index_rfc, matching_ids, search, snippets_for
from docket.web.search.models import SearchDocument

pytestmark = pytest.mark.django_db(transaction=False)

FILLER = "Routine words about deployment, metrics and rollout plans. " * 30


def make_rfc(
    number: int, title: str, body: str, *, state: str = "draft", author: User | None = None
) -> Rfc:
    text = (
        f"---\nauthors: Ada Lovelace\nstate: {state}\n---\n\n"
        f"# RFC {number} - {title}\n\n## Summary\n\n{body}\n"
    )
    rfc = Rfc.objects.create(number=number, title=title, state=state)
    if author is not None:
        rfc.authors.add(author)
    revision = Revision.objects.create(rfc=rfc, seq=1, text=text, title=title, state=state, html="")
    index_rfc(rfc, revision)
    return rfc


def numbers(query: str, **filters: str) -> list[int]:
    return [hit.rfc.number for hit in search(query, **filters).hits]


def test_a_title_match_ranks_above_a_passing_mention() -> None:
    make_rfc(1, "Billing overhaul", FILLER + "We might also touch sharding one day. " + FILLER)
    make_rfc(2, "Database sharding", "Split the orders table across four nodes.")
    make_rfc(3, "Unrelated", "Nothing to see.")
    assert numbers("sharding") == [2, 1]


def test_snippets_highlight_hits_and_escape_the_rest() -> None:
    make_rfc(1, "Cache", "Put a cache in front of <b>the</b> orders & invoices API.")
    [hit] = search("invoices").hits
    assert "<mark>invoices</mark>" in hit.snippet
    assert "<b>" not in hit.snippet
    assert "&amp;" in hit.snippet


def test_a_match_on_the_authors_alone_shows_the_opening_unmarked() -> None:
    make_rfc(1, "Cache", "Put a cache in front of the orders API.")
    [hit] = search("lovelace").hits
    assert hit.snippet.startswith("RFC 1 - Cache")
    assert "<mark>" not in hit.snippet


def test_every_inflection_in_the_excerpt_is_marked() -> None:
    make_rfc(1, "Retries", "A retry policy: retried calls and retrying clients back off.")
    [hit] = search("retry").hits
    assert hit.snippet.count("<mark>") == 4  # the title line, retry, retried, retrying


def test_guidance_comments_are_not_indexed() -> None:
    make_rfc(1, "Cache", "<!-- What is the rollback plan? -->\nWe add a cache.")
    assert numbers("rollback") == []


def test_state_and_author_filters_combine_with_the_query() -> None:
    ada = User.objects.create_user("ada")
    bob = User.objects.create_user("bob")
    make_rfc(1, "Queue one", "A message queue.", state="draft", author=ada)
    make_rfc(2, "Queue two", "A message queue.", state="complete", author=ada)
    make_rfc(3, "Queue three", "A message queue.", state="draft", author=bob)
    make_rfc(4, "Cache", "No queues here, only caches.", state="draft", author=ada)
    assert sorted(numbers("message", state="draft")) == [1, 3]
    assert sorted(numbers("message", author="ada")) == [1, 2]
    assert numbers("message", state="draft", author="ada") == [1]
    assert numbers("message", state="withdrawn") == []


def test_phrases_match_words_together_and_in_order() -> None:
    make_rfc(1, "One", "The rollback plan is documented.")
    make_rfc(2, "Two", "We plan a rollback later.")
    assert numbers('"rollback plan"') == [1]
    assert sorted(numbers("rollback plan")) == [1, 2]


def test_exclusion_and_or() -> None:
    make_rfc(1, "One", "Kafka queue for events.")
    make_rfc(2, "Two", "Redis queue for jobs.")
    make_rfc(3, "Three", "Postgres for everything.")
    assert numbers("queue -kafka") == [2]
    assert sorted(numbers("kafka or postgres")) == [1, 3]


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        'a "b',
        "NEAR(",
        "title:x",
        "*",
        "-",
        '""',
        "AND OR NOT",
        ")(",
        "^x",
        "a" * 5000,
        "nul\x00byte",
    ],
)
def test_malformed_queries_return_results_not_errors(query: str) -> None:
    make_rfc(1, "One", "Title words and x marks.")
    results = search(query)
    assert results.count == len(results.hits)


def test_an_exclusion_alone_matches_nothing() -> None:
    make_rfc(1, "One", "Kafka queue.")
    assert search("-kafka").count == 0


def test_pagination_reports_the_total_count() -> None:
    for n in range(1, 8):
        make_rfc(n, f"Queue {n}", "A message queue.")
    page = search("queue", limit=3, offset=3)
    assert page.count == 7
    assert len(page.hits) == 3
    everything = [h.rfc.number for h in search("queue", limit=100).hits]
    assert [h.rfc.number for h in page.hits] == everything[3:6]
    assert search("queue", limit=3, offset=30).count == 7


def test_reindexing_replaces_the_old_text() -> None:
    rfc = make_rfc(1, "One", "Kafka queue.")
    revision = Revision.objects.create(
        rfc=rfc, seq=2, text="# RFC 1 - One\n\n## Summary\n\nRabbit queue.\n", title="One", html=""
    )
    index_rfc(rfc, revision)
    assert numbers("kafka") == []
    assert numbers("rabbit") == [1]
    assert SearchDocument.objects.count() == 1


def test_deleting_an_rfc_removes_it_from_the_index() -> None:
    rfc = make_rfc(1, "One", "Kafka queue.")
    rfc.revisions.all().delete()
    rfc.delete()
    assert numbers("kafka") == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_save_leaves_no_index_entry() -> None:
    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        make_rfc(1, "Ghost", "Spectral content.")
        assert numbers("spectral") == [1]
        raise Abort
    assert numbers("spectral") == []
    assert not SearchDocument.objects.exists()


def test_snippets_can_be_skipped_and_fetched_for_the_shown_hits_only() -> None:
    for n in range(1, 6):
        make_rfc(n, f"Queue {n}", f"A message queue, number {n}.")
    make_rfc(9, "Cache", "No match here.")
    results = search("queue", limit=200, snippets=False)
    assert results.count == 5
    assert all(hit.snippet == "" for hit in results.hits)
    shown = [hit.rfc.pk for hit in results.hits[:2]]
    nine = Rfc.objects.get(number=9).pk
    excerpts = snippets_for("queue", [*shown, nine])
    assert set(excerpts) == set(shown)
    assert all("<mark>queue</mark>" in excerpts[pk] for pk in shown)
    assert snippets_for('"', shown) == {}


def test_internal_callers_may_ask_for_more_than_a_page() -> None:
    for n in range(1, 131):
        make_rfc(n, f"Queue {n}", "A message queue.")
    assert len(search("queue", limit=1000, snippets=False).hits) == 130


def test_matching_ids_ranks_without_fetching_text() -> None:
    make_rfc(1, "Billing", FILLER + "A passing mention of sharding. " + FILLER)
    make_rfc(2, "Sharding", "Split the table.")
    make_rfc(3, "Other", "Nothing.")
    one, two = (Rfc.objects.get(number=n).pk for n in (1, 2))
    assert matching_ids("sharding", limit=10) == [two, one]
    assert matching_ids("sharding", limit=1) == [two]
    assert matching_ids('"', limit=10) == []


def test_a_hit_deep_in_a_long_rfc_is_highlighted() -> None:
    make_rfc(1, "Long", FILLER * 10 + "The zeppelin arrives. " + FILLER)
    [hit] = search("zeppelin").hits
    assert "<mark>zeppelin</mark>" in hit.snippet


def test_terms_far_apart_are_each_highlightable() -> None:
    make_rfc(1, "Far", "Idempotency first. " + FILLER * 5 + "Keys much later.")
    [hit] = search("idempotency keys").hits
    assert "<mark>" in hit.snippet


def test_exclusions_do_not_flatten_the_ranking() -> None:
    make_rfc(1, "Billing overhaul", FILLER + "One passing mention of sharding. " + FILLER)
    make_rfc(2, "Database sharding", "Split the orders table.")
    make_rfc(3, "Sharding kafka", "Kafka partitions.")
    results = search("sharding -kafka")
    assert [hit.rfc.number for hit in results.hits] == [2, 1]
    assert results.hits[0].rank > results.hits[1].rank > 0


def test_reindex_rebuilds_the_index_from_current_revisions() -> None:
    from django.core.management import call_command

    rfc = make_rfc(1, "One", "Kafka queue.")
    rfc.current = rfc.revisions.get()
    rfc.save()
    SearchDocument.objects.all().delete()
    assert numbers("kafka") == []
    call_command("search_reindex", stdout=io.StringIO())
    assert numbers("kafka") == [1]
