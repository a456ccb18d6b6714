"""Each fixture RFC marks the findings it must produce inline, markdownlint-style.

A marker ``{DK302}`` names a rule expected on that line, ``{DK302:+2}`` two lines below.
Markers sit in HTML comments (or YAML comments in front matter), which no rule reads as
content. Every finding must be marked and every marker found: exact lines, both ways.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lint_helpers import LINT_FIXTURES, schema_named

from docket.lint import lint_document
from docket.workspace.config import load_config

_MARKER_RE = re.compile(r"\{(DK\d{3})(?::([+-]\d+))?\}")
FIXTURE_FILES = sorted(LINT_FIXTURES.glob("*/*.md"))


def expected(text: str) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _MARKER_RE.finditer(line):
            found.append((number + int(match.group(2) or 0), match.group(1)))
    return sorted(found)


def lint_fixture(path: Path) -> list[tuple[int, str]]:
    schema = schema_named(path.parent.name)
    toml = path.parent / "docket.toml"
    config = load_config(path.parent, toml) if toml.exists() else None
    result = lint_document(path.read_text(encoding="utf-8"), schema, path=path.name, config=config)
    return sorted((f.line, f.code) for f in result.findings)


def test_there_are_good_and_bad_fixtures_for_every_template_style() -> None:
    styles = {p.parent.name for p in FIXTURE_FILES}
    assert styles == {"default", "rust", "madr", "kep", "bullets"}
    for style in styles:
        marked = [bool(expected(p.read_text())) for p in FIXTURE_FILES if p.parent.name == style]
        assert True in marked and False in marked, style


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_findings_match_their_markers(path: Path) -> None:
    assert lint_fixture(path) == expected(path.read_text(encoding="utf-8"))


def test_every_document_rule_is_exercised_by_a_fixture() -> None:
    from docket.lint import all_rules

    marked = {code for p in FIXTURE_FILES for _line, code in expected(p.read_text())}
    document_rules = {r.code for r in all_rules() if r.scope == "document"}
    # These have focused tests in test_lint_rules.py instead.
    focused = {"DK101", "DK102", "DK103", "DK105", "DK106", "DK201", "DK204", "DK502"}
    untested = document_rules - marked - focused
    assert not untested
