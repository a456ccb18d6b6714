"""Slugs and the configured file pattern, both ways."""

from __future__ import annotations

import pytest

from docket.workspace import FilePattern, PatternError, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Rate limiting the public API", "rate-limiting-the-public-api"),
        ("SSO with SAML 2.0!", "sso-with-saml-2-0"),
        ("Événements: Kafka → S3", "evenements-kafka-s3"),
        ("???", "rfc"),
        ("a" * 70, "a" * 60),
        ("word " * 20, "-".join(["word"] * 12)),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_the_default_pattern_round_trips() -> None:
    pattern = FilePattern("{number:04d}-{slug}.md")
    name = pattern.format(7, "queues")
    assert name == "0007-queues.md"
    assert pattern.match(name) == (7, "queues")
    assert pattern.match("12345-big.md") == (12345, "big")
    assert pattern.match("template.md") is None
    assert pattern.match("0007-queues.md.bak") is None


def test_a_pattern_with_a_folder() -> None:
    pattern = FilePattern("{number}/{slug}/README.md")
    assert pattern.format(3, "x") == "3/x/README.md"
    assert pattern.match("3/x/README.md") == (3, "x")


@pytest.mark.parametrize("bad", ["{slug}.md", "{number}-{title}.md", "{number"])
def test_bad_patterns_are_named(bad: str) -> None:
    with pytest.raises(PatternError, match="file-pattern"):
        FilePattern(bad).match("1-x.md")
