"""Document-model behaviour the linter relies on: ``ignore-file`` scope, example-text titles."""

from __future__ import annotations

from docket.document import TitlePattern, parse_document


def test_ignore_file_inside_a_section_covers_the_whole_document() -> None:
    text = "# T\n\n## A\n\nText.\n\n## B\n\n<!-- docket: ignore-file DK302, DK304 -->\n\n## C\n"
    doc = parse_document(text)
    assert doc.ignored("DK302", 1) and doc.ignored("DK304", 11)
    assert not doc.ignored("DK303", 3)


def test_plain_ignore_inside_a_section_covers_only_that_section() -> None:
    text = "# T\n\n## A\n\nText.\n\n## B\n\n<!-- docket: ignore DK302 -->\n\n## C\n"
    doc = parse_document(text)
    assert doc.ignored("DK302", 7) and not doc.ignored("DK302", 3)
    assert not doc.ignored("DK302", 11)


def test_example_words_after_a_number_placeholder_stand_for_the_title() -> None:
    pattern = TitlePattern.from_heading(1, "KEP-NNNN: Your short, descriptive title")
    assert pattern.example_text == "Your short, descriptive title"
    match = pattern.parse("KEP-42: Pod overhead")
    assert (match.number, match.text, match.matched) == (42, "Pod overhead", True)
    assert pattern.format(42, "Pod overhead") == "KEP-42: Pod overhead"
    assert not pattern.parse("Pod overhead").matched


def test_placeholder_titles_are_unchanged_by_the_example_rule() -> None:
    pattern = TitlePattern.from_heading(1, "RFC <NUM> - <TITLE>")
    assert pattern.example_text == ""
    assert pattern.parse("RFC 3 - Search").number == 3
    assert pattern.format(3, "Search") == "RFC 3 - Search"
