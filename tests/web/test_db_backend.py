"""The PostgreSQL backend skips the per-request health check only for a connection just used."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from docket.web.db.postgresql.base import RECENT, DatabaseWrapper
from docket.web.environment import PREPARE_AFTER

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def wrapper() -> Iterator[DatabaseWrapper]:
    """A connection of its own, outside the test's transaction, as a request would have."""
    made = connections.create_connection(DEFAULT_DB_ALIAS)
    assert isinstance(made, DatabaseWrapper)
    made.ensure_connection()
    assert made.health_check_enabled
    yield made
    made.close()


def _start_request(conn: DatabaseWrapper) -> int:
    """How many health checks the start of a request made."""
    with mock.patch.object(conn, "is_usable", wraps=conn.is_usable) as probe:
        conn.close_if_health_check_failed()
    assert conn.health_check_done
    return probe.call_count


def test_a_connection_that_just_ended_a_request_well_is_not_checked(
    wrapper: DatabaseWrapper,
) -> None:
    wrapper.close_if_unusable_or_obsolete()  # the end of a request
    assert _start_request(wrapper) == 0


def test_an_idle_connection_is_checked(wrapper: DatabaseWrapper) -> None:
    wrapper.close_if_unusable_or_obsolete()
    assert wrapper.last_good is not None
    wrapper.last_good -= RECENT + 1
    assert _start_request(wrapper) == 1


def test_a_connection_whose_last_request_had_errors_is_checked(
    wrapper: DatabaseWrapper,
) -> None:
    wrapper.close_if_unusable_or_obsolete()
    wrapper.errors_occurred = True  # a request failed half-way and left it unproven
    with mock.patch.object(wrapper, "is_usable", return_value=False):
        wrapper.close_if_unusable_or_obsolete()  # the end of that request: it is closed
    assert wrapper.last_good is None
    wrapper.ensure_connection()  # the next request connects afresh
    wrapper.health_check_done = False
    assert _start_request(wrapper) == 1


def test_a_dropped_connection_is_replaced_after_the_check(wrapper: DatabaseWrapper) -> None:
    wrapper.close_if_unusable_or_obsolete()
    wrapper.last_good = None  # as after errors or a long idle time
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    killer = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_statement_run_often_is_prepared_on_the_server(wrapper: DatabaseWrapper) -> None:
    def prepared() -> list[str]:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [row[0] for row in cursor.fetchall()]

    query = "SELECT count(*) FROM auth_user WHERE id > %s"
    for _ in range(PREPARE_AFTER + 1):
        with wrapper.cursor() as cursor:
            cursor.execute(query, [0])
    assert any("FROM auth_user WHERE id > $1" in statement for statement in prepared())
