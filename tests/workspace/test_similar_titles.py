"""The similar-title warning for ``docket new``."""

from __future__ import annotations

from docket.workspace import Candidate, similar_rfcs

EXISTING = [
    Candidate(2, "Rate limiting the public API", "Clients flood the API.", "0002-a.md"),
    Candidate(3, "Moving shipment events to Kafka", "Events go through a queue.", "0003-b.md"),
    Candidate(
        5,
        "Tenant quotas",
        "We cap requests per tenant: rate limits on the public API endpoints.",
        "0005-c.md",
    ),
]


def test_a_near_identical_title_is_found() -> None:
    found = similar_rfcs("Rate limits for the public API", EXISTING)
    assert found[0].candidate.number == 2
    assert found[0].reason == "similar title"


def test_a_summary_covering_the_title_words_is_found() -> None:
    found = {s.candidate.number: s.reason for s in similar_rfcs("Public API rate limits", EXISTING)}
    assert found[5] == "its summary covers the same words"


def test_an_unrelated_title_finds_nothing() -> None:
    assert similar_rfcs("Dark mode for the dashboard", EXISTING) == []
