"""On PostgreSQL, tell listening processes which RFC pages a write may have changed.

Every insert, update and delete of an RFC, of a revision and of an RFC-author link
notifies ``docket_pages`` with the RFC's id; a change to a user's names, which pages show
as editors, and a TRUNCATE of any of these tables notify ``*`` (every page). Triggers,
not Python signals, so that bulk loads, cascades and raw SQL count too. PostgreSQL sends
a transaction's notices when it commits, once per distinct id, and never after a
rollback. ``docket/web/proposals/page_cache.py`` listens. SQLite has nothing to notify.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CHANNEL = "docket_pages"
FUNCTION = "docket_pages_notify"
# Each table, and the column that names the RFC a row belongs to.
TABLES = {"proposals_rfc": "id", "proposals_revision": "rfc_id", "proposals_rfc_authors": "rfc_id"}
USERS = "auth_user"


def _row_function(column: str) -> str:
    return (
        f"CREATE FUNCTION {FUNCTION}_{column}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        f" IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('{CHANNEL}', OLD.{column}::text); END IF;"
        f" IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('{CHANNEL}', NEW.{column}::text); END IF;"
        " RETURN NULL; END $$"
    )


FORWARD = [
    *(_row_function(column) for column in sorted(set(TABLES.values()))),
    f"CREATE FUNCTION {FUNCTION}_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
    f" PERFORM pg_notify('{CHANNEL}', '*'); RETURN NULL; END $$",
    *(
        f"CREATE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE ON {table}"
        f" FOR EACH ROW EXECUTE FUNCTION {FUNCTION}_{column}()"
        for table, column in TABLES.items()
    ),
    *(
        f"CREATE TRIGGER {FUNCTION}_truncate AFTER TRUNCATE ON {table}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}_all()"
        for table in TABLES
    ),
    f"CREATE TRIGGER {FUNCTION} AFTER UPDATE OF username, first_name, last_name ON {USERS}"
    " FOR EACH ROW WHEN ((old.username, old.first_name, old.last_name)"
    " IS DISTINCT FROM (new.username, new.first_name, new.last_name))"
    f" EXECUTE FUNCTION {FUNCTION}_all()",
]
BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FUNCTION} ON {USERS}",
    *(f"DROP TRIGGER IF EXISTS {FUNCTION}_truncate ON {table}" for table in TABLES),
    *(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {table}" for table in TABLES),
    f"DROP FUNCTION IF EXISTS {FUNCTION}_all()",
    *(f"DROP FUNCTION IF EXISTS {FUNCTION}_{column}()" for column in sorted(set(TABLES.values()))),
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement, params=None)


def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, FORWARD)


def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0006_revision_page_lz4"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
