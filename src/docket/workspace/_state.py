"""Moving an RFC to another lifecycle state: the rules, and the one-value edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docket.document import field_key, parse_document
from docket.template import Schema
from docket.workspace._fields import set_field

UPDATED_FIELDS = ("updated", "last-updated", "last-modified", "modified", "date-updated")


def set_state(text: str, schema: Schema, new_state: str, today: dt.date | None = None) -> str:
    """``text`` with only its state value changed, and its ``updated`` date when it has one.

    The date changes when the document or the template has an updated-like field; every
    other byte (line endings, a BOM, comments, spacing) stays as it was.
    """
    doc = parse_document(text, "<text>", schema.title)
    names = {field_key(k): k for k in doc.front_matter.data}
    wanted = [n for n in (schema.state_field, "state", "status") if n]
    name = next((names[field_key(n)] for n in wanted if field_key(n) in names), wanted[0])
    text = set_field(text, name, new_state, title=schema.title, style=schema.metadata_style)
    updated = next((names[k] for k in UPDATED_FIELDS if k in names), None)
    if updated is None:
        dates = (f.name for f in schema.fields if f.kind == "date")
        updated = next((n for n in dates if field_key(n) in UPDATED_FIELDS), None)
    if updated is not None:
        day = (today or dt.date.today()).isoformat()
        text = set_field(text, updated, day, title=schema.title, style=schema.metadata_style)
    return text


def transition_problem(
    lifecycle: Sequence[str], allowed: Sequence[str], current: str | None, new: str
) -> str | None:
    """Why moving from ``current`` to ``new`` is not allowed, or ``None`` when it is."""
    if new not in lifecycle:
        return f"unknown state {new!r}; the states are: {', '.join(lifecycle)}"
    if current == new:
        return f"the RFC is already in state {new!r}"
    if current is None or current not in lifecycle:
        return None
    if new not in allowed:
        options = ", ".join(allowed) if allowed else "none"
        return f"cannot move from {current!r} to {new!r}; allowed from {current!r}: {options}"
    return None
