"""The search generation: a one-row token that changes whenever search's answers may.

Triggers in the database (not Python signals) replace the token on every insert, update
and delete of the index rows, of RFCs (their state feeds the state filter) and of the
RFC-author links (the author filter), and on a change of username (the author filter
names users by it; sign-ins, which update only ``last_login``, do not count), so bulk
loads, cascades and raw SQL count too. The engine keys its cached answers by the token,
so reading it is the whole of invalidation.

The token never repeats, not even after a rollback: an uncommitted write seen by its own
transaction must not leave a token that a later, different state could take again. So
PostgreSQL draws it from a sequence (which a rollback does not rewind) and SQLite from
``random()``. The table is not a model, so a test flush leaves its row in place.

SQLite drops a table's triggers when a migration rebuilds the table (Django rebuilds for
most column changes): a later migration that rebuilds one of these tables must create
its triggers again here. The search cache tests fail if it does not.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

GENERATION = "docket_search_generation"
WATCHED = ["docket_search_searchdocument", "proposals_rfc", "proposals_rfc_authors"]
EVENTS = ["insert", "update", "delete"]
USERS = "auth_user"

SQLITE_FORWARD = [
    f"CREATE TABLE {GENERATION} (id integer PRIMARY KEY CHECK (id = 1), value integer NOT NULL)",
    f"INSERT INTO {GENERATION} (id, value) VALUES (1, random())",
    *(
        f"CREATE TRIGGER {GENERATION}_{table}_{event} AFTER {event.upper()} ON {table}"
        f" BEGIN UPDATE {GENERATION} SET value = random() WHERE id = 1; END"
        for table in WATCHED
        for event in EVENTS
    ),
    f"CREATE TRIGGER {GENERATION}_{USERS}_username AFTER UPDATE OF username ON {USERS}"
    " WHEN old.username IS NOT new.username"
    f" BEGIN UPDATE {GENERATION} SET value = random() WHERE id = 1; END",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {GENERATION}_{USERS}_username",
    *(
        f"DROP TRIGGER IF EXISTS {GENERATION}_{table}_{event}"
        for table in WATCHED
        for event in EVENTS
    ),
    f"DROP TABLE IF EXISTS {GENERATION}",
]
POSTGRES_FORWARD = [
    f"CREATE SEQUENCE {GENERATION}_seq",
    f"CREATE TABLE {GENERATION} (id integer PRIMARY KEY CHECK (id = 1), value bigint NOT NULL)",
    f"INSERT INTO {GENERATION} (id, value) VALUES (1, nextval('{GENERATION}_seq'))",
    f"CREATE FUNCTION {GENERATION}_bump() RETURNS trigger LANGUAGE plpgsql AS $$"
    f" BEGIN UPDATE {GENERATION} SET value = nextval('{GENERATION}_seq') WHERE id = 1;"
    " RETURN NULL; END $$",
    # Once per statement, not per row: a bulk load bumps the token once.
    *(
        f"CREATE TRIGGER {GENERATION}_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
        f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {GENERATION}_bump()"
        for table in WATCHED
    ),
    f"CREATE TRIGGER {GENERATION}_bump AFTER UPDATE OF username ON {USERS} FOR EACH ROW"
    f" WHEN (old.username IS DISTINCT FROM new.username) EXECUTE FUNCTION {GENERATION}_bump()",
]
POSTGRES_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {GENERATION}_bump ON {USERS}",
    *(f"DROP TRIGGER IF EXISTS {GENERATION}_bump ON {table}" for table in WATCHED),
    f"DROP FUNCTION IF EXISTS {GENERATION}_bump()",
    f"DROP TABLE IF EXISTS {GENERATION}",
    f"DROP SEQUENCE IF EXISTS {GENERATION}_seq",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, by_vendor: dict[str, list[str]]) -> None:
    for statement in by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def forward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD})


def backward(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [
        ("docket_search", "0002_fulltext_index"),
        # After every migration that rebuilds a watched table, which on SQLite drops triggers.
        ("auth", "0012_alter_user_first_name_max_length"),
        ("proposals", "0004_rerender_current_html"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
