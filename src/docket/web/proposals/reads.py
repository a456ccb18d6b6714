"""The reads of the most-read pages (the RFC page, the list, search hits), in plain SQL.

The RFC page is the most-read thing in the workspace. Building each of these queries through
the ORM costs five to ten times what the database takes to answer it (0.2-0.5 ms against
0.03-0.05 ms each, measured at 10,000 RFCs), so they are written out once here. Raw
querysets still return model instances with every field converted as the ORM would; the
RFC page's own query, the hottest, converts its one JSON column itself. Table names come
from the models, so a renamed table cannot leave these behind.
"""

from __future__ import annotations

import json
from functools import cache
from typing import NamedTuple

from django.contrib.auth.models import User
from django.db import connection

from docket.web.proposals.models import Revision, Rfc


@cache
def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "rfc": quote(Rfc._meta.db_table),
        "revision": quote(Revision._meta.db_table),
        "user": quote(User._meta.db_table),
        "authors": quote(Rfc.authors.through._meta.db_table),
    }


def _slots(ids: list[int]) -> str:
    """Placeholders for an ``IN (...)`` list of ``ids``."""
    return ", ".join(["%s"] * len(ids))


class Editor(NamedTuple):
    pk: int
    username: str
    full_name: str

    @classmethod
    def from_row(cls, pk: int, username: str, first: str, last: str) -> Editor:
        return cls(pk, username, f"{first} {last}".strip())

    @property
    def shown(self) -> str:
        """The name pages show, as ``User.get_full_name() or username`` would."""
        return self.full_name or self.username


class PageRow(NamedTuple):
    rfc: Rfc
    editors: list[Editor]
    part: str
    """The current revision's stored page part (see page_part.py), "" when none."""
    part_version: str


_PAGE_FIELDS = ("id", "number", "title", "state", "current_id", "listed_authors", "filled", "total")

# The RFC's editors as one JSON array of [id, username, first name, last name], in the
# order they were added: each database spells the aggregate its own way.
_EDITORS_JSON = {
    "sqlite": (
        "(SELECT json_group_array(json_array(e.id, e.username, e.first_name, e.last_name))"
        " FROM (SELECT u.id, u.username, u.first_name, u.last_name FROM {authors} a"
        " JOIN {user} u ON u.id = a.user_id WHERE a.rfc_id = r.id ORDER BY a.id) e)"
    ),
    "postgresql": (
        "(SELECT json_agg(json_build_array(u.id, u.username, u.first_name, u.last_name)"
        " ORDER BY a.id) FROM {authors} a JOIN {user} u ON u.id = a.user_id"
        " WHERE a.rfc_id = r.id)"
    ),
}


def rfc_page(number: int) -> PageRow | None:
    """The RFC's row, its editors and its current revision's stored page part: one query.

    Read with a plain cursor: of the RFC's columns only ``listed_authors`` (JSON) needs
    converting, and a raw queryset's set-up cost as much as the query. On PostgreSQL each
    query is a round trip, so the editors come along as a JSON aggregate.
    """
    sql = (
        "SELECT r.id, r.number, r.title, r.state, r.current_id, r.listed_authors, r.filled,"
        f" r.total, {_EDITORS_JSON[connection.vendor]},"
        " COALESCE(v.page, ''), COALESCE(v.page_version, '')"
        " FROM {rfc} r LEFT JOIN {revision} v ON v.id = r.current_id WHERE r.number = %s"
    ).format(**_tables())
    with connection.cursor() as cursor:
        cursor.execute(sql, [number])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[: len(_PAGE_FIELDS)])
    listed = _PAGE_FIELDS.index("listed_authors")
    field = Rfc._meta.get_field("listed_authors")
    values[listed] = field.from_db_value(values[listed], None, connection)  # type: ignore[arg-type]
    rfc = Rfc.from_db(connection.alias, list(_PAGE_FIELDS), values)
    found = row[len(_PAGE_FIELDS)]
    if isinstance(found, str):  # SQLite's JSON is text; psycopg decodes PostgreSQL's json
        found = json.loads(found)
    editors = [Editor.from_row(*editor) for editor in found or []]
    return PageRow(rfc, editors, row[-2], row[-1])


def current_revision(rfc: Rfc) -> Revision | None:
    """What the page shows of the current revision: its HTML, checklist and findings."""
    if rfc.current_id is None:
        return None
    sql = "SELECT id, rfc_id, seq, html, checklist, findings FROM {revision} WHERE id = %s"
    found = list(Revision.objects.raw(sql.format(**_tables()), [rfc.current_id]))
    return found[0] if found else None


def history(rfc: Rfc) -> list[Revision]:
    """Every revision, newest first, each with ``author_name`` (empty when unknown)."""
    sql = (
        "SELECT v.id, v.rfc_id, v.seq, v.created_at, v.message, v.state, v.base_id,"
        " COALESCE(u.username, '') AS author_name"
        " FROM {revision} v LEFT JOIN {user} u ON u.id = v.author_id"
        " WHERE v.rfc_id = %s ORDER BY v.seq DESC"
    ).format(**_tables())
    return list(Revision.objects.raw(sql, [rfc.pk]))


def rfcs_by_id(ids: list[int]) -> dict[int, Rfc]:
    """The RFCs with these ids (a page of a list or of hits), keyed by id.

    Only the columns lists and hits show are read; any other would cost a query per RFC.
    """
    if not ids:
        return {}
    sql = (
        "SELECT id, number, title, state, listed_authors, filled, total, updated_at"
        " FROM {rfc} WHERE id IN (" + _slots(ids) + ")"
    )
    return {rfc.pk: rfc for rfc in Rfc.objects.raw(sql.format(**_tables()), ids)}


def editors_by_rfc(ids: list[int]) -> dict[int, list[Editor]]:
    """Each RFC's editors, in the order they were added (a page of a list or of hits)."""
    if not ids:
        return {}
    sql = (
        "SELECT a.rfc_id, u.id, u.username, u.first_name, u.last_name"
        " FROM {authors} a JOIN {user} u ON u.id = a.user_id"
        " WHERE a.rfc_id IN (" + _slots(ids) + ") ORDER BY a.id"
    )
    found: dict[int, list[Editor]] = {pk: [] for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**_tables()), ids)
        for rfc_id, *editor in cursor.fetchall():
            found[rfc_id].append(Editor.from_row(*editor))
    return found
