"""Speed work must not change answers: query counts, throttled writes, kept connections."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from docket.web.accounts import tokens
from docket.web.accounts.models import ApiToken
from docket.web.proposals import page_part, services
from docket.web.proposals.models import Revision, Rfc
from docket.web.search import search
from docket.web.search.backends import backend_for
from docket.web.search.query import parse_query

ClientFor = Callable[[User | None], Client]


def _updates_of_last_used(captured: list[dict[str, str]]) -> int:
    return sum(1 for q in captured if q["sql"].startswith("UPDATE") and "last_used_at" in q["sql"])


def test_a_token_used_in_a_loop_writes_last_used_once_a_minute(carol: User) -> None:
    _token, secret = tokens.issue(carol, "ci")
    with CaptureQueriesContext(connection) as first:
        assert tokens.authenticate(secret) == carol
    with CaptureQueriesContext(connection) as again:
        for _ in range(5):
            assert tokens.authenticate(secret) == carol
    assert _updates_of_last_used(first.captured_queries) == 1
    assert _updates_of_last_used(again.captured_queries) == 0
    stale = timezone.now() - tokens.LAST_USED_PRECISION - timedelta(seconds=1)
    ApiToken.objects.filter(user=carol).update(last_used_at=stale)
    with CaptureQueriesContext(connection) as later:
        assert tokens.authenticate(secret) == carol
    assert _updates_of_last_used(later.captured_queries) == 1
    assert ApiToken.objects.get(user=carol).last_used_at > stale  # type: ignore[operator]


def test_the_rfc_page_costs_the_same_queries_however_long_its_history(
    alice: User, client_for: ClientFor
) -> None:
    rfc = services.create_rfc(alice, "Parcel routing")
    client = client_for(alice)
    url = reverse("proposals:detail", args=[rfc.number])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    with_one = queries()
    base = Rfc.objects.get(pk=rfc.pk).current
    assert base is not None
    for n in range(6):
        base = services.save_revision(rfc, alice, base.text + f"\nline {n}\n", base.pk)
    assert queries() == with_one
    html = client.get(url).content.decode()
    assert html.count('name="from"') == 7  # every revision is still listed


def test_an_author_costs_the_rfc_page_no_more_queries_than_a_reader(
    alice: User, carol: User, client_for: ClientFor
) -> None:
    rfc = services.create_rfc(alice, "Customs holds")
    url = reverse("proposals:detail", args=[rfc.number])
    counts = {}
    for user in (alice, carol):
        client = client_for(user)
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        counts[user.username] = len(ctx.captured_queries)
        # The author still gets the edit button and the state buttons; the reader does not.
        assert ("Move to in-progress" in html) is (user == alice)
        assert (reverse("proposals:edit", args=[rfc.number]) in html) is (user == alice)
    assert counts["alice"] == counts["carol"]


def test_the_rfc_page_shows_the_newest_revision_after_an_edit(
    alice: User, carol: User, client_for: ClientFor
) -> None:
    rfc = services.create_rfc(alice, "Depot handover")
    client = client_for(carol)
    url = reverse("proposals:detail", args=[rfc.number])
    assert "handover checklist" not in client.get(url).content.decode()
    current = Rfc.objects.get(pk=rfc.pk).current
    assert current is not None
    services.save_revision(rfc, alice, current.text + "\nThe handover checklist.\n", current.pk)
    assert "handover checklist" in client.get(url).content.decode()


def test_search_ranks_with_the_configured_weights_and_counts_every_match(
    alice: User,
) -> None:
    made = []
    for n in range(25):
        rfc = services.create_rfc(alice, f"Quota {n}" if n == 7 else f"Pallet plan {n}")
        current = Rfc.objects.get(pk=rfc.pk).current
        assert current is not None
        body = current.text + ("\nquota\n" * (1 + n % 3) if n != 7 else "")
        services.save_revision(rfc, alice, body, current.pk)
        made.append(rfc)
    results = search("quota", limit=5)
    assert results.count == 25
    # Title weight 10 beats any number of body mentions (weight 1).
    assert results.hits[0].rfc.pk == made[7].pk
    assert all("<mark>" in hit.snippet for hit in results.hits)
    ranks = [hit.rank for hit in results.hits]
    assert ranks == sorted(ranks, reverse=True)


def test_the_count_is_right_on_every_page_and_past_the_end(alice: User) -> None:
    for n in range(7):
        services.create_rfc(alice, f"Tariff table {n}")
    assert [search("tariff", limit=3, offset=o).count for o in (0, 3, 6, 9)] == [7, 7, 7, 7]
    assert [len(search("tariff", limit=3, offset=o).hits) for o in (0, 3, 6, 9)] == [3, 3, 1, 0]
    assert search("tariff", limit=7).count == 7


def test_the_list_counts_states_of_exactly_the_matching_rfcs(
    alice: User, dave: User, client_for: ClientFor
) -> None:
    for n in range(3):
        services.create_rfc(alice, f"Courier handoff {n}")
    shared = services.create_rfc(dave, "Courier rates")
    shared.authors.add(alice)  # two authors: a join that could count it twice
    services.create_rfc(dave, "Invoice layout")
    client = client_for(alice)

    def all_count(**params: str) -> str:
        page = client.get(reverse("proposals:list"), params).content.decode()
        found = re.search(r'All <span class="count">(\d+)</span>', page)
        assert found is not None
        return found.group(1)

    assert all_count() == "5"
    assert all_count(q="courier") == "4"
    assert all_count(author="alice") == "4"
    assert all_count(author="alice", q="rates") == "1"
    assert all_count(author="dave") == "2"


def _seqscan() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return str(cursor.fetchone()[0])


@pytest.mark.postgres  # a PostgreSQL planner setting; runs in CI's PostgreSQL pass
def test_search_leaves_the_planner_settings_as_it_found_them(alice: User) -> None:
    services.create_rfc(alice, "Warehouse slots")
    assert search("warehouse").count == 1
    assert _seqscan() == "on"
    with transaction.atomic():
        assert search("warehouse").count == 1
        assert _seqscan() == "on"


@pytest.mark.postgres  # the planner setting and its transaction exist only on PostgreSQL
def test_an_exclusion_is_looked_up_in_one_statement(alice: User) -> None:
    kept = services.create_rfc(alice, "Pallet wrapping")
    dropped = services.create_rfc(alice, "Pallet wrapping film")
    backend = backend_for(connection)
    with CaptureQueriesContext(connection) as queries:
        found = backend.ids(parse_query("film"))
    assert found == {dropped.pk}
    assert len(queries.captured_queries) == 1  # no setting read, no transaction
    assert _seqscan() == "on"
    assert [hit.rfc.pk for hit in search("pallet -film").hits] == [kept.pk]


@pytest.mark.postgres  # the planner setting and its transaction exist only on PostgreSQL
def test_a_ranking_is_one_statement_with_the_databases_own_order(alice: User) -> None:
    texts = ["Pallet wrapping", "Pallet wrapping pallet", "Pallet film", "Crate film"]
    for title in texts:
        services.create_rfc(alice, title, f"# RFC - {title}\n\n{title} pallet.\n")
    backend = backend_for(connection)
    with CaptureQueriesContext(connection) as queries:
        ranked = backend.ranking(parse_query("pallet -crate"))
    assert len(queries.captured_queries) == 1  # no setting read, no transaction
    assert _seqscan() == "on"
    with connection.cursor() as cursor:  # the ranking written out, planned as it likes
        cursor.execute(
            "SELECT rfc_id, ts_rank(vector, websearch_to_tsquery('english', 'pallet'))"
            " AS rank FROM docket_search_searchdocument"
            " WHERE vector @@ websearch_to_tsquery('english', 'pallet -crate')"
            " ORDER BY rank DESC, rfc_id"
        )
        expected = [(int(pk), float(rank)) for pk, rank in cursor.fetchall()]
    assert ranked == expected and len(ranked) == 3
    assert len({rank for _pk, rank in ranked}) > 1  # an order to get right, not a tie


@pytest.mark.postgres  # TOAST compression exists only on PostgreSQL
def test_page_parts_are_stored_with_lz4_where_the_server_has_it(alice: User) -> None:
    rfc = services.create_rfc(alice, "Dock doors")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        (has_lz4,) = cursor.fetchone()
        cursor.execute(
            "SELECT pg_column_compression(page), length(page) FROM proposals_revision"
            " WHERE id = %s",
            [Rfc.objects.get(pk=rfc.pk).current_id],
        )
        method, length = cursor.fetchone()
    assert length > 8000  # large enough that PostgreSQL compresses it
    assert method == ("lz4" if has_lz4 else "pglz")


def test_sqlite_reads_through_a_memory_map(db: None) -> None:
    if connection.vendor != "sqlite":
        assert "mmap_size" not in str(settings.DATABASES["default"].get("OPTIONS"))
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        assert cursor.fetchone()[0] >= 256 * 1024 * 1024


def test_database_connections_persist_between_requests() -> None:
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] != 0
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def _revision_queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if "proposals_revision" in q["sql"]]


def test_the_rfc_page_reads_the_part_stored_when_the_revision_was_saved(
    alice: User, carol: User, client_for: ClientFor
) -> None:
    rfc = services.create_rfc(alice, "Pallet swaps")
    url = reverse("proposals:detail", args=[rfc.number])
    client = client_for(carol)
    assert len(_revision_queries(client, url)) == 1  # the stored part, nothing else
    current = Rfc.objects.get(pk=rfc.pk).current
    assert current is not None
    assert current.page_version == page_part.version()
    assert current.html in current.page
    services.save_revision(rfc, alice, current.text + "\nSwap rules.\n", current.pk)
    assert len(_revision_queries(client, url)) == 1
    html = client.get(url).content.decode()
    assert "Swap rules." in html
    assert html.count('name="from"') == 2


def test_a_part_from_other_templates_is_rendered_again_and_stored(
    alice: User, client_for: ClientFor
) -> None:
    rfc = services.create_rfc(alice, "Tariff zones")
    url = reverse("proposals:detail", args=[rfc.number])
    Revision.objects.filter(rfc=rfc).update(page="<p>stale</p>", page_version="old")
    client = client_for(alice)
    first = _revision_queries(client, url)
    assert any(q.startswith("UPDATE") for q in first)
    html = client.get(url).content.decode()
    assert "<p>stale</p>" not in html
    assert 'class="checklist"' in html
    assert len(_revision_queries(client, url)) == 1
    stored = Revision.objects.get(rfc=rfc)
    assert stored.page_version == page_part.version()


def test_the_stored_part_holds_the_heading_and_leaves_room_for_the_viewer(
    alice: User, carol: User, client_for: ClientFor
) -> None:
    rfc = services.create_rfc(alice, "Pallet swaps")
    current = Rfc.objects.get(pk=rfc.pk).current
    assert current is not None
    head, mark, body = current.page.partition(page_part.VIEWER_MARK)
    assert mark and page_part.VIEWER_MARK not in body
    assert f"RFC {rfc.number:04d}: Pallet swaps" in head and 'class="badge state-draft"' in head
    assert "Editors:" not in current.page and "Edit</a>" not in current.page
    assert 'class="checklist"' in body
    url = reverse("proposals:detail", args=[rfc.number])
    for viewer, can_edit in ((alice, True), (carol, False)):
        html = client_for(viewer).get(url).content.decode()
        assert page_part.VIEWER_MARK not in html
        meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S)
        assert meta is not None
        assert "Authors:" in meta.group(1) and "Editors: Alice" in meta.group(1)
        assert ("Edit</a>" in meta.group(1)) is can_edit
        assert html.index("</p>", meta.start()) < html.index('class="doc-layout"')


def test_a_state_change_shows_at_once(alice: User, erin: User, client_for: ClientFor) -> None:
    rfc = services.create_rfc(alice, "Depot keys")
    client = client_for(alice)
    url = reverse("proposals:detail", args=[rfc.number])
    assert "state-draft" in client.get(url).content.decode()
    services.change_state(Rfc.objects.get(pk=rfc.pk), erin, "in-progress", force=True)
    html = client.get(url).content.decode()
    assert "state-in-progress" in html
    assert html.count('name="from"') == 2  # the state change is a revision of its own


def test_the_list_names_editors_only_where_the_document_lists_no_authors(
    alice: User, dave: User, client_for: ClientFor
) -> None:
    dave.first_name, dave.last_name = "Dave", "Okafor"
    dave.save()
    listed = services.create_rfc(alice, "Manifest rules")
    bare = services.create_rfc(alice, "Carrier codes")
    bare.authors.add(dave)
    Rfc.objects.filter(pk=bare.pk).update(listed_authors=[])
    html = client_for(alice).get(reverse("proposals:list")).content.decode()
    cells = dict(
        re.findall(r'<a href="/rfcs/(\d+)/">.*?<td class="col-authors">(.*?)</td>', html, re.S)
    )
    assert cells[str(bare.number)] == f"{alice.get_full_name() or alice.username}, Dave Okafor"
    assert cells[str(listed.number)] == ", ".join(Rfc.objects.get(pk=listed.pk).listed_authors)
