"""Paths and schemas of the linter's fixture templates and documents."""

from __future__ import annotations

from pathlib import Path

from docket.template import Schema, default_schema, load_schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEMPLATES = FIXTURES / "templates"
LINT_FIXTURES = FIXTURES / "lint"


def schema_named(name: str) -> Schema:
    """``default`` is the shipped template; any other name is a fixture template."""
    return default_schema() if name == "default" else load_schema(TEMPLATES / f"{name}.md")
