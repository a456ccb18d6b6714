"""Severity follows the document's state and the config; selection and ignores drop findings."""

from __future__ import annotations

import pytest
from lint_helpers import schema_named

from docket.lint import LintError, lint_paths, lint_text, readiness
from docket.template import default_schema


def rfc(state: str, extra: str = "") -> str:
    return f"""---
authors: Grace Hopper (grace@example.com)
state: {state}
---

# RFC 12 - Faster builds

## Summary

Cache build outputs between CI runs.

## Testing

<!-- What kind of testing makes sense? -->

## Open Questions

- How long do we keep cached outputs?
{extra}"""


def severities(text: str, **kwargs: object) -> dict[str, str]:
    return {f.code: f.severity for f in lint_text(text, default_schema(), **kwargs)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("state", "unfilled", "open_question"),
    [
        ("draft", "warning", "info"),
        ("in-progress", "error", "warning"),
        ("complete", "error", "error"),
    ],
)
def test_strictness_follows_the_lifecycle(state: str, unfilled: str, open_question: str) -> None:
    found = severities(rfc(state))
    assert found["DK302"] == unfilled
    assert found["DK306"] == open_question


def test_a_template_without_states_gets_the_middle_strictness() -> None:
    rust = schema_named("rust")
    text = "## Summary\n\nText.\n\n## Drawbacks\n\n## Unresolved questions\n\n- Why?\n"
    found = {f.code: f.severity for f in lint_text(text, rust)}
    assert found["DK302"] == "error"
    assert found["DK306"] == "warning"


def test_state_argument_checks_as_if_the_document_were_in_that_state() -> None:
    assert severities(rfc("draft"), state="complete")["DK306"] == "error"


def test_readiness_lists_only_the_errors_that_block_the_move() -> None:
    text = rfc("draft")
    assert readiness(text, default_schema(), "draft") == []
    blocking = readiness(text, default_schema(), "complete")
    assert {f.code for f in blocking} == {"DK302", "DK306"}
    assert all(f.severity == "error" for f in blocking)
    ready = (
        rfc("draft")
        .replace("- How long", "- Resolved: how long")
        .replace("<!-- What kind of testing makes sense? -->", "Unit tests for the cache key.")
    )
    assert readiness(ready, default_schema(), "complete") == []


def test_readiness_for_an_unknown_state_is_refused() -> None:
    with pytest.raises(LintError, match="unknown state 'done'"):
        readiness(rfc("draft"), default_schema(), "done")


def test_config_overrides_severity_by_code_prefix_tag_and_for_every_state(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace(
        '[severity.draft]\nDK302 = "error"\nquestions = "off"\n'
        '[severity.complete]\nDK3 = "info"\n'
        '[severity."*"]\nDK503 = "off"\n'
    )
    draft = severities(rfc("draft"), config=config)
    assert draft["DK302"] == "error"
    assert "DK306" not in draft
    complete = severities(rfc("complete"), config=config)
    assert complete["DK302"] == complete["DK306"] == "info"


def test_select_and_ignore_by_prefix(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace('select = ["DK3"]\nignore = ["DK306"]\n')
    assert set(severities(rfc("draft", "\n<NUM>\n"), config=config)) == {"DK302"}


def test_inline_ignore_applies_to_its_section_only() -> None:
    text = (
        rfc("complete").replace("<!-- What kind", "<!-- docket: ignore DK302 -->\n\n<!-- What kind")
        + "\n## Risks\n\n<!-- nothing yet -->\n"
    )
    found = [(f.code, f.line) for f in lint_text(text, default_schema()) if f.code == "DK302"]
    assert found == [("DK302", 22)]


def test_inline_ignore_file_covers_the_whole_document_wherever_it_sits() -> None:
    text = rfc("complete") + "\n## Risks\n\n<!-- docket: ignore-file DK3 -->\n"
    assert {f.code for f in lint_text(text, default_schema())} & {"DK302", "DK306"} == set()


def test_per_file_ignores_match_globs_relative_to_the_root(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace(
        '[per-file-ignores]\n"rfcs/0001-*.md" = ["DK302"]\n',
        {"rfcs/0001-old.md": rfc("in-progress"), "rfcs/0002-new.md": rfc("in-progress")},
    )
    run = lint_paths(None, config, use_cache=False)
    unfilled = {f.path for f in run.findings if f.code == "DK302"}
    assert unfilled == {"rfcs/0002-new.md"}


def test_strict_turns_warnings_into_errors(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace("", {"rfcs/0012-faster-builds.md": rfc("draft")})
    lenient = lint_paths(None, config, use_cache=False)
    strict = lint_paths(None, config, use_cache=False, strict=True)
    assert lenient.errors == 0 and lenient.count("warning") > 0
    assert strict.errors == lenient.count("warning")
