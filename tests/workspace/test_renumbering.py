"""Renumbering rewrites every kind of reference to the RFC, and nothing else."""

from __future__ import annotations

from docket.template import default_schema
from docket.workspace import rewrite_references
from docket.workspace._renumber import retitle

OLD_NAME = "0012-webhook-retries.md"
NEW_NAME = "0013-webhook-retries.md"


def _rewrite(text: str) -> str:
    return rewrite_references(text, 12, 13, OLD_NAME, NEW_NAME)


def test_every_reference_form_is_rewritten_keeping_its_style() -> None:
    text = (
        "See RFC 12, RFC-12, RFC-0012, rfc 12, RFC12, RFC #12 and "
        "[retries](0012-webhook-retries.md#design) and [x](../rfcs/0012-webhook-retries.md).\n"
    )
    assert _rewrite(text) == (
        "See RFC 13, RFC-13, RFC-0013, rfc 13, RFC13, RFC #13 and "
        "[retries](0013-webhook-retries.md#design) and [x](../rfcs/0013-webhook-retries.md).\n"
    )


def test_other_numbers_and_look_alikes_stay() -> None:
    text = (
        "RFC 120, RFC 1, RFC 112, RFC-0120, RFC 12.5, RFC 2012, ARFC 12, XRFC-12, 12 users, "
        "version 12, issue #12, 00012-webhook-retries.md, a0012-webhook-retries.md, "
        "0012-webhook-retries.mdx\n"
    )
    assert _rewrite(text) == text


def test_sentence_punctuation_after_a_reference_is_kept() -> None:
    assert _rewrite("Superseded by RFC 12. Also RFC-0012, see 0012-webhook-retries.md.") == (
        "Superseded by RFC 13. Also RFC-0013, see 0013-webhook-retries.md."
    )


def test_references_by_number_can_be_left_alone_when_ambiguous() -> None:
    text = "RFC 12 and [link](0012-webhook-retries.md)"
    assert rewrite_references(text, 12, 13, OLD_NAME, NEW_NAME, by_number=False) == (
        "RFC 12 and [link](0013-webhook-retries.md)"
    )


def test_retitle_changes_only_the_number_in_the_title_line() -> None:
    text = "---\nstate: draft\n---\n\n# RFC 12 - Retry 12 times\r\n\n## Summary\n\nRFC 12.\n"
    assert retitle(text, default_schema(), 12, 13) == text.replace("# RFC 12", "# RFC 13")


def test_retitle_leaves_a_title_with_another_number_alone() -> None:
    text = "# RFC 14 - Other\n"
    assert retitle(text, default_schema(), 12, 13) == text
