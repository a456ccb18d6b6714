"""The database's own full-text index over ``SearchDocument``.

SQLite: an external-content FTS5 table, kept in step by triggers, ranked title-first.
PostgreSQL: a stored generated ``tsvector`` column (title weighted A, authors B, body D)
with a GIN index. Other databases get nothing, and search says so.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "docket_search_searchdocument"
FTS = "docket_search_fts"
COLUMNS = "title, authors, body"

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{TABLE}',"
    " content_rowid='rfc_id', tokenize='porter unicode61 remove_diacritics 2')",
    # Column order title, authors, body: a title hit weighs ten body hits.
    f"INSERT INTO {FTS}({FTS}, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)')",
    f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN"
    f" INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.rfc_id, new.title, new.authors, new.body);"
    " END",
    f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, {COLUMNS})"
    " VALUES ('delete', old.rfc_id, old.title, old.authors, old.body);"
    " END",
    f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN"
    f" INSERT INTO {FTS}({FTS}, rowid, {COLUMNS})"
    " VALUES ('delete', old.rfc_id, old.title, old.authors, old.body);"
    f" INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.rfc_id, new.title, new.authors, new.body);"
    " END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS}_insert",
    f"DROP TRIGGER IF EXISTS {FTS}_delete",
    f"DROP TRIGGER IF EXISTS {FTS}_update",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRES_FORWARD = [
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    " setweight(to_tsvector('english', coalesce(title, '')), 'A')"
    " || setweight(to_tsvector('english', coalesce(authors, '')), 'B')"
    " || setweight(to_tsvector('english', coalesce(body, '')), 'D')) STORED",
    f"CREATE INDEX docket_search_vector_gin ON {TABLE} USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS docket_search_vector_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
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
        ("docket_search", "0001_search_document"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
