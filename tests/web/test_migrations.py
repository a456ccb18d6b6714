"""Data migrations: role groups exist, and old revisions get their listed authors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

TEXT = "---\nauthors: Priya Raman (priya@example.org), Tomás Herrera\n---\n# RFC 1 - Old\n"


@pytest.mark.django_db(transaction=True)
def test_backfill_fills_listed_authors_of_revisions_saved_before_0002() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("proposals", "0002_listed_authors")])
    old = executor.loader.project_state([("proposals", "0002_listed_authors")]).apps
    rfc = old.get_model("proposals", "Rfc").objects.create(number=1, title="Old")
    revision = old.get_model("proposals", "Revision").objects.create(
        rfc=rfc, seq=1, text=TEXT, title="Old", html=""
    )
    rfc.current = revision
    rfc.save()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from docket.web.proposals.models import Revision, Rfc

    assert Revision.objects.get(pk=revision.pk).listed_authors == ["Priya Raman", "Tomás Herrera"]
    assert Rfc.objects.get(pk=rfc.pk).listed_authors == ["Priya Raman", "Tomás Herrera"]


@pytest.mark.django_db(transaction=True)
def test_migrating_creates_the_cache_table_sign_in_throttling_uses() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE docket_cache")
    executor = MigrationExecutor(connection)
    executor.migrate([("ops", None)])
    assert "docket_cache" not in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    executor.migrate([("ops", "0001_cache_table")])
    assert "docket_cache" in connection.introspection.table_names()
