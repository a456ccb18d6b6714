"""RFCs in each fixture template's style parse into the fields and sections the linter reads."""

from __future__ import annotations

from pathlib import Path

from docket.document import parse_document
from docket.template import load_schema

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def parse(style: str, name: str):  # type: ignore[no-untyped-def]
    schema = load_schema(FIXTURES / "templates" / f"{style}.md")
    path = FIXTURES / "lint" / style / name
    return parse_document(path.read_text(encoding="utf-8"), str(path), schema=schema)


def test_rust_style_bullet_metadata_and_reference_lines_are_not_content() -> None:
    doc = parse("rust", "0043-job-retries.md")
    assert doc.front_matter.style == "list"
    assert doc.field("start date") == "2024-05-01"
    assert doc.front_matter.field_lines["Proposal PR"] == 3
    assert doc.title is None
    summary = doc.section("summary")
    assert summary is not None and summary.line == 6
    # `[summary]: #summary` is a link reference definition, not a paragraph.
    assert [b.kind for b in summary.blocks] == ["paragraph"]
    assert summary.blocks[0].start == 9


def test_madr_style_yaml_status_and_braced_title() -> None:
    doc = parse("madr", "0005-bad-cache.md")
    assert doc.front_matter.style == "yaml"
    assert doc.state == "{proposed | rejected | accepted | deprecated}"
    assert isinstance(doc.field("date"), dict)  # `{YYYY-MM-DD ...}` is a YAML flow mapping
    assert doc.title is not None and doc.title.line == 11
    assert doc.title.raw == "{short title of solved problem and solution}"
    assert [s.key for s in doc.sections] == [
        "context and problem statement",
        "considered options",
        "decision outcome",
    ]


def test_kep_style_title_number_and_optional_suffix_dropped_from_keys() -> None:
    doc = parse("kep", "good-kep.md")
    assert doc.title is not None and (doc.title.number, doc.title.text) == (1234, "Pod overhead")
    stories = doc.section("user stories")
    assert stories is not None and stories.title == "User Stories"
    assert stories.parent is not None and stories.parent.key == "motivation"


def test_bullet_style_bold_keys_and_people() -> None:
    doc = parse("bullets", "good-design.md")
    assert doc.front_matter.style == "list"
    assert doc.state == "accepted"
    assert [p.email for p in doc.authors] == ["grace@example.com", "ada@example.com"]
    options = doc.section("options")
    assert options is not None
    table = next(b for b in options.blocks if b.kind == "table")
    assert table.columns == ("Option", "Pros", "Cons")
    assert [r.line for r in table.rows] == [15]
