"""On PostgreSQL, a function that ranks a query's matches with the GIN index, in one call.

As ``docket_search_ids`` (0004) does for exclusions: the setting that keeps the planner
off a sequential scan travels with the function, so ranking the matches of new words is
one statement instead of a transaction of four (BEGIN, the setting, the query, COMMIT).
The function returns its rows unordered; callers sort them. SQLite needs nothing.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FUNCTION = "docket_search_ranking"
FORWARD = (
    f"CREATE FUNCTION {FUNCTION}(wanted text, query text)"
    " RETURNS TABLE (rfc_id bigint, rank real)"
    " LANGUAGE sql STABLE SET enable_seqscan = off AS $$"
    " SELECT d.rfc_id::bigint, ts_rank(d.vector, websearch_to_tsquery('english', wanted))"
    " FROM docket_search_searchdocument d"
    " WHERE d.vector @@ websearch_to_tsquery('english', query) $$"
)
BACKWARD = f"DROP FUNCTION IF EXISTS {FUNCTION}(text, text)"


def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("docket_search", "0004_search_ids_function")]

    operations = [migrations.RunPython(forward, backward)]
