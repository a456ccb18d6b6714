"""Schemas derived from other real template styles, with no code written for any of them."""

from __future__ import annotations

from pathlib import Path

from docket.template import load_schema

TEMPLATES = Path(__file__).resolve().parent.parent / "fixtures" / "templates"


def test_rust_style_bullet_metadata_and_paragraph_guidance() -> None:
    schema = load_schema(TEMPLATES / "rust.md")
    assert schema.metadata_style == "list"
    assert [f.name for f in schema.fields] == [
        "Feature Name",
        "Start Date",
        "Proposal PR",
        "Tracking Issue",
    ]
    assert schema.field("start-date") is not None and schema.field("start-date").kind == "date"
    assert schema.states == () and schema.state_field is None
    assert schema.title is None
    assert [s.key for s in schema.sections][:3] == [
        "summary",
        "motivation",
        "guide level explanation",
    ]
    summary = schema.section("summary")
    assert summary is not None
    assert summary.guidance == ("One paragraph explanation of the feature.",)
    assert "one paragraph explanation of the feature." in summary.template_text
    drawbacks = schema.section("drawbacks")
    assert drawbacks is not None and drawbacks.guidance == ("Why should we *not* do this?",)


def test_madr_style_yaml_choices_braced_placeholders_and_title() -> None:
    schema = load_schema(TEMPLATES / "madr.md")
    assert schema.state_field == "status"
    assert schema.states == ("proposed", "rejected", "accepted", "deprecated")
    date = schema.field("date")
    assert date is not None and date.kind == "date"
    assert date.template_value == "{YYYY-MM-DD when the decision was last updated}"
    assert schema.title is not None and schema.title.has_text and not schema.title.has_number
    assert schema.title.parse("Cache settings in process").text == "Cache settings in process"
    assert "{title of option 1}" in schema.placeholders
    consequences = schema.section("consequences")
    assert consequences is not None and consequences.parent == "decision outcome"


def test_kep_style_comment_guidance_optional_headings_and_numbered_title() -> None:
    schema = load_schema(TEMPLATES / "kep.md")
    assert schema.metadata_style == "none" and schema.fields == ()
    assert schema.title is not None and schema.title.has_number
    parsed = schema.title.parse("KEP-1234: Pod overhead")
    assert (parsed.number, parsed.text, parsed.matched) == (1234, "Pod overhead", True)
    assert schema.title.format(77, "Sidecars") == "KEP-77: Sidecars"
    stories = schema.section("user stories")
    assert stories is not None and stories.optional and stories.parent == "proposal"
    assert not schema.section("goals").optional  # type: ignore[union-attr]
    summary = schema.section("summary")
    assert summary is not None
    # Each question after a lead-in ending with ":" keeps the lead-in, so it reads alone.
    assert [q.rsplit(": ", 1)[-1] for q in summary.guidance] == [
        "What does it change for them?",
        "Why should they care?",
    ]
    assert summary.template_text == frozenset()


def test_bullet_list_metadata_with_bold_keys_and_a_table() -> None:
    schema = load_schema(TEMPLATES / "bullets.md")
    assert schema.metadata_style == "list"
    assert schema.state_field == "Status"
    assert schema.states == ("draft", "review", "accepted")
    assert schema.people_field is not None and schema.people_field.name == "Authors"
    assert schema.title is not None and schema.title.template == "Design: <TITLE>"
    options = schema.section("options")
    assert options is not None
    assert options.tables[0].columns == ("Option", "Pros", "Cons")
    assert options.tables[0].example_rows == (
        ("Keep a cache in Redis", "fast reads", "another service to run"),
    )
    assert "<NAME>" in schema.placeholders and "<TITLE>" in schema.placeholders
