"""``set_state`` changes the state value (and an updated date) and not one other byte."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.document import parse_document
from docket.template import default_schema, parse_schema
from docket.workspace import scaffold, set_state

DAY = dt.date(2026, 3, 4)


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(a) == len(b), "set_state must not add or remove lines here"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_it_changes_only_the_state_line() -> None:
    schema = default_schema()
    text = scaffold(schema, number=3, title="Queues", authors=["Ann (a@x.org)"], today=DAY)
    moved = set_state(text, schema, "in-progress")
    assert _changed_lines(text, moved) == [("state: draft\n", "state: in-progress\n")]
    assert parse_document(moved, schema=schema).state == "in-progress"


def test_it_keeps_crlf_endings_and_a_bom() -> None:
    schema = default_schema()
    text = "\ufeff---\r\nauthors: Ann\r\nstate: draft\r\n---\r\n\r\n# RFC 1 - X\r\n"
    moved = set_state(text, schema, "complete")
    assert moved == text.replace("state: draft", "state: complete")


def test_it_keeps_quotes_and_a_trailing_comment() -> None:
    schema = default_schema()
    text = '---\nauthors: Ann\nstate: "draft"   # keep me\n---\n# RFC 1 - X\n'
    assert set_state(text, schema, "in-progress") == text.replace('"draft"', '"in-progress"')


def test_it_updates_an_updated_date_the_document_has() -> None:
    schema = default_schema()
    text = "---\nauthors: Ann\nstate: draft\ncreated: 2026-01-01\nupdated: 2026-01-02\n---\n"
    moved = set_state(text, schema, "in-progress", today=DAY)
    assert moved == text.replace("state: draft", "state: in-progress").replace(
        "updated: 2026-01-02", "updated: 2026-03-04"
    )


def test_it_adds_the_updated_date_when_the_template_has_one() -> None:
    schema = parse_schema(
        "---\nstate: <a || b>\nlast updated: <DATE>\n---\n# RFC <NUM> - <TITLE>\n"
    )
    text = "---\nstate: a\n---\n# RFC 1 - X\n"
    moved = set_state(text, schema, "b", today=DAY)
    assert moved == "---\nstate: b\nlast updated: 2026-03-04\n---\n# RFC 1 - X\n"


def test_it_edits_bullet_list_metadata() -> None:
    schema = parse_schema("- Status: <Draft || Accepted>\n- Start Date: (today)\n\n# Summary\n")
    text = "- Status: Draft\n- Start Date: 2020-01-01\n\n# Summary\n\nHello.\n"
    assert set_state(text, schema, "Accepted") == text.replace("Status: Draft", "Status: Accepted")


def test_it_adds_a_state_field_to_a_document_without_one() -> None:
    schema = default_schema()
    text = "---\nauthors: Ann\n---\n\n# RFC 1 - X\n"
    expected = "---\nauthors: Ann\nstate: draft\n---\n\n# RFC 1 - X\n"
    assert set_state(text, schema, "draft") == expected


def test_broken_front_matter_is_refused_not_mangled() -> None:
    with pytest.raises(ValueError, match="never closed"):
        set_state("---\nstate: draft\n# RFC 1 - X\n", default_schema(), "complete")


_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x00"),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(
    before=st.lists(_line, max_size=8),
    after=st.lists(_line, max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
    state=st.sampled_from(["draft", "in-progress", "complete"]),
    bom=st.booleans(),
)
def test_every_other_byte_stays_as_it_was(
    before: list[str], after: list[str], newline: str, state: str, bom: bool
) -> None:
    schema = default_schema()
    head = ["---", "authors: Ann (a@x.org)", "state: draft", "---", ""]
    body = [*before, "# RFC 4 - Title", *after]
    text = ("\ufeff" if bom else "") + newline.join(head + body) + newline
    moved = set_state(text, schema, state)
    assert moved == text.replace("state: draft", f"state: {state}", 1)
