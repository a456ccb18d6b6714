"""docs/rules.md documents every registered rule, in the same words as the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docket.lint import Rule, all_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def sections() -> dict[str, str]:
    """``## `` sections by heading; headings inside fenced examples do not count."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    fenced = False
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if line.startswith("## ") and not fenced:
            current = found.setdefault(line[3:].strip(), [line[3:].strip()])
            continue
        current.append(line)
    return {heading: "\n".join(lines) for heading, lines in found.items()}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_a_section_with_why_failing_fix_and_passing(rule: Rule) -> None:
    heading = f"{rule.code} {rule.slug}"
    body = sections().get(heading)
    assert body is not None, f"docs/rules.md has no '## {heading}' section"
    assert body.split("\n\n")[1].strip() == rule.summary
    assert f"Class: {rule.severity_class}." in body
    for tag in rule.tags:
        assert f"`{tag}`" in body
    for part in ("**Why.**", "**Fails", "**Fix:**", "**Passes"):
        assert part in body, f"{heading} lacks {part}"


def test_the_doc_url_anchors_match_the_headings() -> None:
    for rule in all_rules():
        anchor = rule.doc_url.rsplit("#", 1)[1]
        assert anchor == f"{rule.code} {rule.slug}".lower().replace(" ", "-")


def test_no_section_documents_a_rule_that_does_not_exist() -> None:
    documented = {h for h in sections() if re.match(r"DK\d{3} ", h)}
    assert documented == {f"{r.code} {r.slug}" for r in all_rules()}


def test_codes_are_unique_and_grouped_by_hundreds() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.slug for r in rules}) == len(rules)
    groups = {"DK0": "file", "DK1": "front-matter", "DK2": "title", "DK3": "sections"}
    groups |= {"DK4": "tables", "DK5": "folder"}
    for rule in rules:
        assert groups[rule.code[:3]] in rule.tags
