"""The parser and every rule survive arbitrary text and bytes: findings, never exceptions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lint_helpers import schema_named

from docket.document import DocumentError, decode
from docket.lint import lint_text

SCHEMAS = [schema_named(name) for name in ("default", "rust", "madr", "kep", "bullets")]

# Fragments that steer random text into the parser's interesting corners.
FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "state: draft\n",
        "authors: [a, {b: c}]\n",
        "# RFC 1 - T\n",
        "## Summary\n",
        "## Open Questions\n",
        "- item\n",
        "| a | b |\n|---|---|\n",
        "| x |  |\n",
        "<!--",
        "-->",
        "<!-- docket: ignore-file DK3 -->\n",
        "```\n",
        "RFC 12",
        "[x](0012-a.md)",
        "<TITLE>",
        "{placeholder}",
        "\n",
        "    ",
        "\t",
        "\r\n",
        "\ufeff",
        "- Status: <a | b>\n",
        "> q\n",
    ]
)
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join)


def assert_no_internal_errors(text: str, path: str = "rfcs/0001-x.md") -> None:
    for schema in SCHEMAS:
        for finding in lint_text(text, schema, path=path):
            assert "internal error" not in finding.message, finding
            assert finding.line >= 1 and finding.column >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_linting_never_raises_on_arbitrary_text(text: str) -> None:
    assert_no_internal_errors(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_bytes_either_decode_and_lint_or_give_a_document_error(data: bytes) -> None:
    try:
        text = decode(data, "rfcs/0001-x.md")
    except DocumentError as exc:
        assert exc.path == "rfcs/0001-x.md" and exc.message
        return
    assert_no_internal_errors(text)
