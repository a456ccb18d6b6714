"""migrate-template inserts sections the template gained, in place, touching nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docket.document import parse_document
from docket.template import parse_schema
from docket.workspace import added_sections, migrate_text, sections_no_rfc_has

OLD_TEMPLATE = """\
---
authors: <NAME>
state: <draft || done>
---

# RFC <NUM> - <TITLE>

## Summary

<!-- What is this about? -->

## Design

### Data

<!-- Which data? -->

## Risks

<!-- What could go wrong? -->
"""

NEW_TEMPLATE = OLD_TEMPLATE.replace(
    "## Risks", "## Rollout\n\n<!-- How does it ship? -->\n<!-- Can we roll back? -->\n\n## Risks"
).replace("### Data\n", "### API\n\n| Method | Path |\n|--------|------|\n\n### Data\n")

RFC = """\
---
authors: Ann
state: draft
---

# RFC 3 - Queues

## Summary

We add queues.

## Design

### Data

Rows in a table.

## Risks

Backlog growth.
"""


def test_added_sections_are_what_the_new_template_has_and_the_old_lacked() -> None:
    added = added_sections(parse_schema(OLD_TEMPLATE), parse_schema(NEW_TEMPLATE))
    assert [s.title for s in added] == ["API", "Rollout"]


def test_sections_no_rfc_has_ignores_those_some_rfc_kept() -> None:
    schema = parse_schema(NEW_TEMPLATE)
    docs = [parse_document(RFC, schema=schema)]
    assert [s.title for s in sections_no_rfc_has(schema, docs)] == ["API", "Rollout"]


def test_a_section_goes_after_the_previous_sibling_with_its_guidance() -> None:
    schema = parse_schema(NEW_TEMPLATE)
    migrated = migrate_text(RFC, schema, ["rollout"])
    assert migrated == RFC.replace(
        "## Risks",
        "## Rollout\n\n<!-- How does it ship? -->\n<!-- Can we roll back? -->\n\n## Risks",
    )


def test_a_first_child_goes_before_the_next_sibling_with_its_table_header() -> None:
    schema = parse_schema(NEW_TEMPLATE)
    migrated = migrate_text(RFC, schema, ["api"])
    assert migrated == RFC.replace(
        "### Data\n", "### API\n\n| Method | Path |\n|--------|------|\n\n### Data\n"
    )


def test_a_section_whose_parent_the_rfc_removed_is_not_added() -> None:
    schema = parse_schema(NEW_TEMPLATE)
    rfc = RFC.replace("## Design\n\n### Data\n\nRows in a table.\n\n", "")
    assert migrate_text(rfc, schema, ["api"]) == rfc


def test_a_section_the_rfc_has_is_left_alone() -> None:
    schema = parse_schema(NEW_TEMPLATE)
    assert migrate_text(RFC, schema, ["summary", "risks"]) == RFC


def test_after_the_last_section_at_the_end_of_a_file_without_final_newline() -> None:
    schema = parse_schema(OLD_TEMPLATE + "\n## Appendix\n\n<!-- Extra material -->\n")
    rfc = RFC.rstrip("\n")
    assert migrate_text(rfc, schema, ["appendix"]) == (
        rfc + "\n\n## Appendix\n\n<!-- Extra material -->\n"
    )


_para = st.text(alphabet="abc xyz.,", min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=100, deadline=None)
@given(
    summary=st.lists(_para, min_size=1, max_size=3),
    risks=st.lists(_para, min_size=0, max_size=3),
    newline=st.sampled_from(["\n", "\r\n"]),
    trailing=st.sampled_from(["", "\n", "\n\n"]),
)
def test_removing_the_inserted_lines_gives_back_the_original(
    summary: list[str], risks: list[str], newline: str, trailing: str
) -> None:
    schema = parse_schema(NEW_TEMPLATE)
    rfc = (
        "---\nauthors: Ann\nstate: draft\n---\n\n# RFC 3 - Queues\n\n## Summary\n\n"
        + "\n\n".join(p.strip() for p in summary)
        + "\n\n## Design\n\n### Data\n\nRows.\n\n## Risks\n\n"
        + "\n\n".join(p.strip() for p in risks)
    ).rstrip("\n") + trailing
    rfc = rfc.replace("\n", newline)
    migrated = migrate_text(rfc, schema, ["rollout", "api"])
    inserted = (
        "## Rollout\n\n<!-- How does it ship? -->\n<!-- Can we roll back? -->\n\n"
        "### API\n\n| Method | Path |\n|--------|------|\n\n"
    ).replace("\n", newline)
    assert migrated.count("## Rollout") == 1 and migrated.count("### API") == 1
    assert "\n" not in migrated.replace("\r\n", "") or newline == "\n"
    restored = migrated.replace(inserted[inserted.index("### API") :], "", 1)
    restored = restored.replace(inserted[: inserted.index("### API")], "", 1)
    assert restored == rfc
