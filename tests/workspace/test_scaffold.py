"""``scaffold``: the template copied, with title, authors, first state and dates filled in."""

from __future__ import annotations

import datetime as dt

from docket.document import parse_document
from docket.template import default_schema, parse_schema
from docket.workspace import scaffold

DAY = dt.date(2026, 5, 6)


def test_default_template_gets_title_authors_and_first_state() -> None:
    schema = default_schema()
    text = scaffold(
        schema, number=12, title="Webhook retries", authors=["Ann Lee (ann@x.org)", "Bo"]
    )
    doc = parse_document(text, schema=schema)
    assert doc.title is not None
    assert (doc.title.number, doc.title.text) == (12, "Webhook retries")
    assert [str(p) for p in doc.authors] == ["Ann Lee (ann@x.org)", "Bo"]
    assert doc.state == "draft"
    assert "Nick Staggs" not in text and "<TITLE>" not in text and "<NUM>" not in text


def test_guidance_comments_and_every_section_are_kept() -> None:
    schema = default_schema()
    text = scaffold(schema, number=1, title="T", authors=["A"])
    template_lines = schema.text.splitlines()
    made = text.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(template_lines, made, strict=True)) if a != b]
    assert len(made) == len(template_lines)
    assert [template_lines[i].split(":")[0].split(" ")[0] for i in changed] == [
        "authors",
        "state",
        "#",
    ]


def test_a_state_can_be_chosen() -> None:
    text = scaffold(default_schema(), number=1, title="T", authors=["A"], state="complete")
    assert "\nstate: complete\n" in text


def test_date_fields_get_today() -> None:
    schema = parse_schema(
        "---\nauthors: <NAME>\nstatus: <proposed || accepted>\ndate: <YYYY-MM-DD>\n---\n\n"
        "# {short title}\n\n## Context\n"
    )
    text = scaffold(schema, number=9, title="Use Postgres", authors=["Ann"], today=DAY)
    assert text.startswith(
        "---\nauthors: Ann\nstatus: proposed\ndate: 2026-05-06\n---\n\n# Use Postgres\n"
    )


def test_list_style_metadata_without_a_title_heading_gets_a_title_field() -> None:
    schema = parse_schema(
        "- Feature Name: (fill me in)\n- Start Date: (fill me in with today's date)\n\n"
        "# Summary\n\nOne paragraph explanation.\n"
    )
    text = scaffold(schema, number=3, title="const_generics", authors=[], today=DAY)
    assert text.startswith("- Feature Name: const_generics\n- Start Date: 2026-05-06\n\n# Summary")


def test_a_title_pattern_without_a_title_placeholder_still_gets_the_title() -> None:
    schema = parse_schema("# KEP-NNNN: Your short, descriptive title\n\n## Summary\n")
    text = scaffold(schema, number=42, title="Sidecar containers", authors=[])
    assert text.startswith("# KEP-42: Sidecar containers\n")


def test_crlf_templates_make_crlf_rfcs() -> None:
    schema = parse_schema(default_schema().text.replace("\n", "\r\n"))
    text = scaffold(schema, number=2, title="T", authors=["A"])
    assert "\n" not in text.replace("\r\n", "")
    assert text.endswith("\r\n")


def test_a_yaml_list_of_authors_stays_a_list() -> None:
    schema = parse_schema(
        "---\ntitle: <TITLE>\nauthors:\n  - <NAME>\nstatus: <open || closed>\n---\n\n## Why\n"
    )
    text = scaffold(schema, number=1, title="Queues", authors=["Ann (a@x.org)", "Bo"])
    assert text == (
        "---\ntitle: Queues\nauthors:\n  - Ann (a@x.org)\n  - Bo\nstatus: open\n---\n\n## Why\n"
    )
