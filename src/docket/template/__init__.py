"""A template file read as a schema: fields, states, title pattern, sections, guidance, tables."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources

from docket.template._read import TemplateError, parse_schema
from docket.template._schema import Example, FieldSpec, Schema, SectionSpec, TableSpec

DEFAULT_TEMPLATE = "default_template.md"


def default_template_text() -> str:
    return resources.files(__package__).joinpath(DEFAULT_TEMPLATE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def default_schema() -> Schema:
    return parse_schema(default_template_text(), f"<docket>/{DEFAULT_TEMPLATE}")


def load_schema(path: str | os.PathLike[str]) -> Schema:
    """Read a template file; a ``TemplateError`` names the file when it cannot be used."""
    from docket.document import DocumentError, read_text

    name = os.fspath(path)
    try:
        text = read_text(name)
    except DocumentError as exc:
        raise TemplateError(f"template {exc}") from None
    return parse_schema(text, name)


__all__ = [
    "Example",
    "FieldSpec",
    "Schema",
    "SectionSpec",
    "TableSpec",
    "TemplateError",
    "default_schema",
    "default_template_text",
    "load_schema",
    "parse_schema",
]
