"""Focused cases for rules the fixture files do not mark: each fails once, passes once."""

from __future__ import annotations

from lint_helpers import schema_named

from docket.lint import Finding, lint_text
from docket.template import default_schema, parse_schema

GOOD_BODY = """
# RFC 12 - Faster builds

## Summary

Cache build outputs between CI runs.
"""


def doc(front: str, body: str = GOOD_BODY) -> str:
    return f"---\n{front}---\n{body}"


def codes(findings: list[Finding], code: str) -> list[tuple[int, int]]:
    return [(f.line, f.column) for f in findings if f.code == code]


def lint(text: str, path: str = "rfcs/0012-faster-builds.md") -> list[Finding]:
    return lint_text(text, default_schema(), path=path)


AUTHORS = "authors: Grace Hopper (grace@example.com)\n"


def test_a_complete_small_document_has_no_findings() -> None:
    assert lint(doc(AUTHORS + "state: draft\n")) == []


def test_dk101_front_matter_missing_points_at_line_1() -> None:
    assert codes(lint(GOOD_BODY.lstrip()), "DK101") == [(1, 1)]
    assert codes(lint(doc(AUTHORS + "state: draft\n")), "DK101") == []


def test_dk101_does_not_apply_to_templates_without_metadata() -> None:
    kep = schema_named("kep")
    assert not [
        f for f in lint_text("# KEP-1: A\n\n## Summary\n\nText.\n", kep) if f.code == "DK101"
    ]


def test_dk102_invalid_yaml_names_the_line() -> None:
    text = doc(AUTHORS + "state: draft\ntags: [a, b\n")
    found = [f for f in lint(text) if f.code == "DK102"]
    assert len(found) == 1 and found[0].severity == "error"
    assert "not valid YAML" in found[0].message
    assert 3 <= found[0].line <= 5


def test_dk102_unclosed_front_matter() -> None:
    found = codes(lint("---\nstate: draft\n\n# RFC 1 - A\n"), "DK102")
    assert found == [(1, 1)]


def test_dk103_unknown_state_names_the_allowed_ones() -> None:
    findings = lint(doc(AUTHORS + "state: finished\n"))
    assert codes(findings, "DK103") == [(3, 1)]
    message = next(f.message for f in findings if f.code == "DK103")
    assert "draft, in-progress, complete" in message
    assert codes(lint(doc(AUTHORS + "state: in-progress\n")), "DK103") == []


def test_dk103_accepts_states_the_config_adds(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace('states = ["draft", "in-progress", "complete", "withdrawn"]\n')
    text = doc(AUTHORS + "state: withdrawn\n")
    assert not [f for f in lint_text(text, default_schema(), config=config) if f.code == "DK103"]


def test_dk105_state_missing() -> None:
    assert codes(lint(doc(AUTHORS)), "DK105") == [(1, 1)]
    assert codes(lint(doc(AUTHORS + "state:\n")), "DK105") == [(3, 1)]


def test_dk106_authors_missing_and_empty() -> None:
    assert codes(lint(doc("authors: []\nstate: draft\n")), "DK106") == [(2, 1)]
    assert codes(lint(doc("authors:\nstate: draft\n")), "DK106") == [(2, 1)]
    assert codes(lint(doc(AUTHORS + "state: draft\n")), "DK106") == []


def test_dk107_flags_each_malformed_entry_on_its_own_line() -> None:
    front = (
        "authors:\n  - Grace Hopper (grace@example.com)\n  - {name: Ada}\n"
        "  - Bob (bob at example)\n"
    )
    found = codes(lint(doc(front + "state: draft\n")), "DK107")
    assert found == [(2, 1), (5, 1)]  # a mapping has no text to find: the field's line


def test_dk201_title_missing_points_below_the_front_matter() -> None:
    text = doc(AUTHORS + "state: draft\n", "\n## Summary\n\nText.\n")
    assert codes(lint(text), "DK201") == [(5, 1)]


def test_dk203_title_number_against_file_name() -> None:
    assert codes(lint(doc(AUTHORS + "state: draft\n"), path="rfcs/0013-x.md"), "DK203") == [(6, 3)]
    assert codes(lint(doc(AUTHORS + "state: draft\n"), path="<text>"), "DK203") == []


def test_dk204_title_not_following_the_pattern() -> None:
    text = doc(AUTHORS + "state: draft\n", "\n# Faster builds\n\n## Summary\n\nText.\n")
    findings = lint(text)
    assert codes(findings, "DK204") == [(6, 3)]
    assert next(f for f in findings if f.code == "DK204").severity == "warning"


def test_dk304_reports_the_column_of_the_placeholder() -> None:
    body = GOOD_BODY + "\nWe call it <PRODUCT NAME> for now.\n"
    assert codes(lint(doc(AUTHORS + "state: draft\n", body)), "DK304") == [(12, 12)]


def test_dk304_ignores_placeholders_in_inline_code_and_code_blocks() -> None:
    body = GOOD_BODY + "\nUse `Vec<ITEM TYPE>` here.\n\n```\n<PRODUCT NAME>\n```\n"
    assert codes(lint(doc(AUTHORS + "state: draft\n", body)), "DK304") == []


def test_dk305_duplicates_only_under_the_same_parent() -> None:
    body = (
        GOOD_BODY
        + "\n## Testing\n\nUnit.\n\n### Notes\n\nA.\n\n## Risks\n\nB.\n\n### Notes\n\nC.\n"
    )
    assert codes(lint(doc(AUTHORS + "state: draft\n", body)), "DK305") == []
    assert codes(
        lint(doc(AUTHORS + "state: draft\n", body + "\n## Testing\n\nMore.\n")), "DK305"
    ) == [(28, 1)]


def test_dk306_open_items_marked_resolved_in_several_ways_pass() -> None:
    body = GOOD_BODY + (
        "\n## Open Questions\n\n- Resolved: yes.\n- [x] checked\n- ~~gone~~\n- N/A\n"
        "- Answered below.\n\nNone.\n"
    )
    assert codes(lint(doc(AUTHORS + "state: complete\n", body)), "DK306") == []


def test_dk502_file_name_pattern(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace()
    text = doc(AUTHORS + "state: draft\n")
    bad = lint_text(text, default_schema(), path="rfcs/faster-builds.md", config=config)
    assert codes(bad, "DK502") == [(1, 1)]
    assert "0012-faster-builds.md" in next(f.message for f in bad if f.code == "DK502")
    good = lint_text(text, default_schema(), path="rfcs/0012-faster-builds.md", config=config)
    assert codes(good, "DK502") == []


def test_rules_run_on_any_template_without_code_changes() -> None:
    schema = parse_schema("# Note <TITLE>\n\n## Why\n\n<!-- Why? -->\n\n## How\n")
    findings = lint_text("# Note Faster\n\n## Why\n\nBecause.\n\n## How\n", schema)
    assert [(f.line, f.code) for f in findings] == [(7, "DK302")]
