"""On PostgreSQL, a function that finds a query's matches with the GIN index, in one call.

The planner prefers a sequential scan for common words (the vectors live out of line, so
the heap looks tiny), which reads every vector; the backend turns sequential scans off
for its queries, which costs a transaction and two more round trips. Every refined
search looks its exclusions up, so that look-up gets a function that carries the setting
itself: ``SET`` on a function applies while it runs, and such a function is never
inlined, so its query is planned with the setting. SQLite needs nothing: FTS5 is always
an index.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FUNCTION = "docket_search_ids"
FORWARD = (
    f"CREATE FUNCTION {FUNCTION}(query text) RETURNS SETOF bigint"
    " LANGUAGE sql STABLE SET enable_seqscan = off AS $$"
    " SELECT rfc_id FROM docket_search_searchdocument"
    " WHERE vector @@ websearch_to_tsquery('english', query) $$"
)
BACKWARD = f"DROP FUNCTION IF EXISTS {FUNCTION}(text)"


def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("docket_search", "0003_search_generation")]

    operations = [migrations.RunPython(forward, backward)]
