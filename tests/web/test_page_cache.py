"""RFC pages kept for readers who are not signed in, and forgotten when the RFC changes.

The cache learns of writes from PostgreSQL's notifications, which are sent at commit, so
these tests commit (``transaction=True``) and write from other connections too. Each
write path is checked by the page a reader gets next: a stale page fails the test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, NamedTuple

import psycopg
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from docket.web.db.postgresql.listener import connection_params
from docket.web.proposals import page_cache, services
from docket.web.proposals.models import Rfc
from docket.web.proposals.page_cache import HEADER, PageCache

NOTICE_WAIT_S = 5.0


def _response(body: bytes = b"<p>page</p>") -> HttpResponse:
    return HttpResponse(body, content_type="text/html; charset=utf-8")


# --- the cache itself ------------------------------------------------------------------


def test_a_kept_page_comes_back_whole() -> None:
    cache = PageCache(1 << 20)
    body = b"<h1>RFC 7</h1>" + b"x" * 30_000
    assert cache.keep(7, 70, _response(body), cache.epoch)
    served = cache.get(7)
    assert served is not None
    assert served.content == body
    assert served[HEADER] == "hit"
    assert served["Content-Type"] == "text/html; charset=utf-8"
    assert cache.size < len(body)  # kept compressed


def test_a_page_read_before_something_was_forgotten_is_not_kept() -> None:
    cache = PageCache(1 << 20)
    epoch = cache.epoch
    cache.forget({"99"})  # a notice for another RFC arrived while this page was rendered
    assert not cache.keep(7, 70, _response(), epoch)
    assert cache.get(7) is None
    assert cache.keep(7, 70, _response(), cache.epoch)


def test_notices_drop_only_their_own_rfcs_and_a_star_drops_all() -> None:
    cache = PageCache(1 << 20)
    for number in (1, 2, 3):
        cache.keep(number, number * 10, _response(), cache.epoch)
    cache.forget({"20"})
    assert [n for n in (1, 2, 3) if cache.get(n) is not None] == [1, 3]
    cache.forget(set())  # nothing arrived: nothing dropped, epoch unchanged
    assert len(cache) == 2
    cache.forget({"*"})
    assert len(cache) == 0 and cache.size == 0


def test_the_cache_stays_within_its_bytes_and_drops_the_least_recently_read() -> None:
    pages = {n: bytes(range(256)) * 8 * n for n in range(1, 6)}  # incompressible enough
    cache = PageCache(1 << 20)
    cache.keep(1, 10, _response(pages[1]), cache.epoch)
    one = cache.size
    cache = PageCache(3 * one + 10)
    for number in (1, 2, 3):
        cache.keep(number, number * 10, _response(pages[1]), cache.epoch)
    cache.get(1)  # read: now the most recent
    cache.keep(4, 40, _response(pages[1]), cache.epoch)
    assert cache.size <= cache.limit
    assert cache.get(2) is None
    assert all(cache.get(n) is not None for n in (1, 3, 4))
    assert not cache.keep(5, 50, _response(pages[5] * 50), cache.epoch)  # larger than all


def test_pages_that_set_cookies_or_need_a_csrf_cookie_are_not_kept(rf: Any) -> None:
    request = rf.get("/rfcs/1/")
    assert page_cache.keepable(request, _response())
    with_cookie = _response()
    with_cookie.set_cookie("messages", "x")
    assert not page_cache.keepable(request, with_cookie)
    assert not page_cache.keepable(request, HttpResponse(status=404))
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not page_cache.keepable(request, _response())


# --- pages on PostgreSQL ---------------------------------------------------------------


@pytest.fixture
def public(settings: Any, roles: None) -> None:
    settings.DOCKET_PUBLIC_READ = True
    settings.DOCKET_PAGE_CACHE_MB = 16


def _other_connection() -> psycopg.Connection[Any]:
    """A connection of its own, as another worker or a script would have."""
    return psycopg.connect(**connection_params(connection), autocommit=True)


def _until(client: Client, number: int, done: Callable[[HttpResponse], bool]) -> HttpResponse:
    """The RFC's next page that is ``done``, or the last one tried: notices take a moment."""
    deadline = time.monotonic() + NOTICE_WAIT_S
    while True:
        response = client.get(f"/rfcs/{number}/")
        if done(response) or time.monotonic() > deadline:
            return response
        time.sleep(0.01)


def _until_shown(client: Client, number: int, text: str) -> HttpResponse:
    """The next page that shows ``text``."""
    return _until(client, number, lambda response: text in response.content.decode())


def _retitle_elsewhere(rfc: Rfc, title: str) -> None:
    """Write a title in SQL from another connection, as a script would."""
    with _other_connection() as other:
        other.execute("UPDATE proposals_rfc SET title = %s WHERE id = %s", [title, rfc.pk])


def _kept(client: Client, number: int) -> HttpResponse:
    """The RFC's page, viewed until it comes from the cache."""
    client.get(f"/rfcs/{number}/")
    response = client.get(f"/rfcs/{number}/")
    assert response.get(HEADER) == "hit"
    return response


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_kept_page_is_served_without_a_query(public: None, alice: User) -> None:
    rfc = services.create_rfc(alice, "Shipment tracking")
    client = Client()
    first = client.get(f"/rfcs/{rfc.number}/")
    assert first.status_code == 200 and first[HEADER] == "miss"
    with CaptureQueriesContext(connection) as captured:
        again = client.get(f"/rfcs/{rfc.number}/")
    assert again[HEADER] == "hit"
    assert len(captured) == 0
    assert again.content == first.content
    assert "X-Request-ID" in again  # the middleware still runs


class Cast(NamedTuple):
    alice: User
    dave: User
    ready_text: Callable[[int, str], str]


def _save(rfc: Rfc, cast: Cast) -> str:
    text = rfc.current.text.replace("Shipment tracking", "Parcel tracking", 1)
    services.save_revision(rfc, cast.alice, text, rfc.current_id)
    return "Parcel tracking"


def _change_state(rfc: Rfc, cast: Cast) -> str:
    text = cast.ready_text(rfc.number, rfc.title)
    services.save_revision(rfc, cast.alice, text, rfc.current_id)
    services.change_state(rfc, cast.alice, "in-progress")
    return "in-progress"


def _add_author(rfc: Rfc, cast: Cast) -> str:
    rfc.authors.add(cast.dave)
    return "Dave"


def _rename_author(rfc: Rfc, cast: Cast) -> str:
    cast.alice.first_name = "Alicia"
    cast.alice.save()
    return "Alicia"


def _retitle_in_sql(rfc: Rfc, cast: Cast) -> str:
    _retitle_elsewhere(rfc, "Crate tracking")
    return "Crate tracking"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "write", [_save, _change_state, _add_author, _rename_author, _retitle_in_sql]
)
def test_every_write_drops_the_page(
    public: None,
    alice: User,
    dave: User,
    ready_text: Callable[[int, str], str],
    write: Callable[[Rfc, Cast], str],
) -> None:
    rfc = services.create_rfc(alice, "Shipment tracking")
    other = services.create_rfc(alice, "Customs forms")
    client = Client()
    _kept(client, other.number)
    before = _kept(client, rfc.number).content.decode()
    shown = write(Rfc.objects.get(pk=rfc.pk), Cast(alice, dave, ready_text))
    assert shown not in before
    page = _until_shown(client, rfc.number, shown)
    assert shown in page.content.decode()
    if write is not _rename_author:  # a name can be on any page: that one drops them all
        assert client.get(f"/rfcs/{other.number}/")[HEADER] == "hit"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_emptied_tables_drop_every_page(public: None, alice: User) -> None:
    """RFCs are never deleted, but a test flush or a restore empties the tables."""
    rfc = services.create_rfc(alice, "Shipment tracking")
    client = Client()
    _kept(client, rfc.number)
    with _other_connection() as other:
        other.execute("TRUNCATE proposals_rfc, proposals_revision, proposals_rfc_authors CASCADE")
    page = _until(client, rfc.number, lambda response: response.status_code != 200)
    assert page.status_code == 404, "the emptied RFC's page was still served"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_lost_listener_forgets_every_page(public: None, alice: User) -> None:
    rfc = services.create_rfc(alice, "Shipment tracking")
    client = Client()
    _kept(client, rfc.number)
    listener = page_cache._process.listener
    assert listener is not None and listener._connection is not None
    pid = listener._connection.info.backend_pid
    with _other_connection() as other:
        other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])  # waits for its end
    _retitle_elsewhere(rfc, "Crate tracking")  # while nobody listened: no notice will come
    page = client.get(f"/rfcs/{rfc.number}/")  # no notice in flight: the very next page
    assert HEADER not in page or page[HEADER] == "miss"
    assert "Crate tracking" in page.content.decode()
    _kept(client, rfc.number)  # listening again, and keeping pages again


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_signed_in_readers_and_visitors_with_cookies_never_use_it(
    public: None, alice: User, carol: User
) -> None:
    rfc = services.create_rfc(alice, "Shipment tracking")
    _kept(Client(), rfc.number)
    reader = Client()
    reader.force_login(carol)
    with CaptureQueriesContext(connection) as captured:
        page = reader.get(f"/rfcs/{rfc.number}/")
    assert HEADER not in page and len(captured) > 0
    assert "Sign out carol" in page.content.decode()
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32
    assert HEADER not in visitor.get(f"/rfcs/{rfc.number}/")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_turning_public_read_off_stops_serving_kept_pages(
    public: None, settings: Any, alice: User
) -> None:
    rfc = services.create_rfc(alice, "Shipment tracking")
    client = Client()
    _kept(client, rfc.number)
    settings.DOCKET_PUBLIC_READ = False
    response = client.get(f"/rfcs/{rfc.number}/")
    assert response.status_code == 302 and HEADER not in response


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("setting", [("DOCKET_DB_POOLER", True), ("DOCKET_PAGE_CACHE_MB", 0)])
def test_nothing_is_kept_behind_a_pooler_or_with_no_room(
    public: None, settings: Any, alice: User, setting: tuple[str, object]
) -> None:
    setattr(settings, *setting)
    rfc = services.create_rfc(alice, "Shipment tracking")
    client = Client()
    client.get(f"/rfcs/{rfc.number}/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get(f"/rfcs/{rfc.number}/")
    assert HEADER not in page and len(captured) > 0


@pytest.mark.django_db
def test_inside_a_transaction_nothing_is_kept(settings: Any, alice: User) -> None:
    """What a transaction reads may be rolled back; on SQLite nothing is kept at all."""
    settings.DOCKET_PUBLIC_READ = True
    rfc = services.create_rfc(alice, "Shipment tracking")
    client = Client()
    client.get(f"/rfcs/{rfc.number}/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get(f"/rfcs/{rfc.number}/")
    assert page.status_code == 200
    assert HEADER not in page and len(captured) > 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_forked_process_listens_on_its_own_connection(monkeypatch: Any) -> None:
    """gunicorn forks its workers: a child must neither use nor close its parent's socket."""
    from docket.web.db.postgresql import listener as listening

    parent = listening.Listener(connection, page_cache.CHANNEL)
    inherited = None
    try:
        assert parent.poll() is None  # first listen: anything may have changed
        assert parent.poll() == set()
        inherited = parent._connection
        assert inherited is not None
        monkeypatch.setattr(listening.os, "getpid", lambda: -1)  # now "in the child"
        assert parent.poll() is None
        assert not inherited.closed  # still the parent's
        assert parent._connection is not inherited
        with _other_connection() as other:
            other.execute("SELECT pg_notify(%s, '42')", [page_cache.CHANNEL])
        deadline = time.monotonic() + NOTICE_WAIT_S
        while not (found := parent.poll()) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert found == {"42"}
    finally:
        monkeypatch.undo()
        parent.close()
        if inherited is not None:
            inherited.close()
