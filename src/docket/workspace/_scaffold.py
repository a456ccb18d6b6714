"""A new RFC's Markdown, made from the template text itself.

The template is copied as written (guidance comments, tables, example blocks and all);
only the title line and the metadata values Docket knows (authors, state, dates) change.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from docket.document import Person, TitlePattern, field_key, parse_document
from docket.template import Schema
from docket.workspace._fields import set_field
from docket.workspace._lines import Lines, line_ending

_TITLE_FIELDS = ("title", "feature-name", "name")


def scaffold(
    schema: Schema,
    *,
    number: int,
    title: str,
    authors: Sequence[str | Person] = (),
    state: str | None = None,
    today: dt.date | None = None,
) -> str:
    """The template filled in for RFC ``number``: title, authors, first state, today's date."""
    day = (today or dt.date.today()).isoformat()
    text = _with_title(schema, number, title)
    style = schema.metadata_style
    people = schema.people_field
    if people is not None and authors:
        text = set_field(text, people.name, [str(a) for a in authors], title=schema.title)
    chosen = state or schema.first_state
    if schema.state_field is not None and chosen is not None:
        text = set_field(text, schema.state_field, chosen, title=schema.title, style=style)
    for spec in schema.fields:
        if spec.kind == "date":
            text = set_field(text, spec.name, day, title=schema.title, style=style)
        elif _needs_title_field(schema) and field_key(spec.name) in _TITLE_FIELDS:
            text = set_field(text, spec.name, title, title=schema.title, style=style)
    lines = Lines.of(text)
    if lines.lines:
        lines.ensure_ending(len(lines.lines) - 1)
    return lines.text()


def _needs_title_field(schema: Schema) -> bool:
    return schema.title is None or not schema.title.has_text


def _with_title(schema: Schema, number: int, title: str) -> str:
    pattern = schema.title
    if pattern is None:
        return schema.text
    doc = parse_document(schema.text, schema.source, pattern)
    if doc.title is None:
        return schema.text
    lines = Lines.of(schema.text)
    index = doc.title.line - 1
    raw = lines.lines[index]
    hashes = re.match(r"\s*#+", raw)
    lead = hashes.group() if hashes else "#" * pattern.level
    lines.lines[index] = f"{lead} {title_text(pattern, number, title)}{line_ending(raw)}"
    return lines.text()


def title_text(pattern: TitlePattern, number: int, title: str) -> str:
    """The title heading's text; a template like ``KEP-NNNN: Your title`` gets the title too."""
    text = pattern.format(number, title)
    if pattern.has_text or not pattern.has_number:
        return text
    head = re.match(rf"^(.*?\b{number}\b\s*[-–—:]\s*)", text)
    return head.group(1) + title if head else text
