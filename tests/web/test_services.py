"""The service layer: numbering, revisions, stale saves and state changes."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import connection

from docket.web.accounts.roles import AUTHOR
from docket.web.proposals import services
from docket.web.proposals.models import Revision, Rfc


def test_create_scaffolds_the_template_with_number_title_and_author(alice: User) -> None:
    rfc = services.create_rfc(alice, "  Shipment   tracking ")
    assert rfc.number == 1
    assert rfc.title == "Shipment tracking"
    assert rfc.state == "draft"
    text = rfc.current.text
    assert "# RFC 1 - Shipment tracking" in text
    assert "Alice (alice@example.org)" in text
    assert list(rfc.authors.all()) == [alice]
    assert rfc.current.seq == 1 and rfc.current.base is None


def test_numbers_are_consecutive_and_unique(alice: User, dave: User) -> None:
    numbers = [services.create_rfc(user, f"RFC by {user}").number for user in (alice, dave, alice)]
    assert numbers == [1, 2, 3]


def test_a_number_taken_between_read_and_insert_is_retried(
    alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.create_rfc(alice, "First")
    calls = []
    real = services.next_number

    def stale_then_real() -> int:
        calls.append(1)
        # The first read is stale, as if another request reserved 1 in the meantime.
        return 1 if len(calls) == 1 else real()

    monkeypatch.setattr(services, "next_number", stale_then_real)
    second = services.create_rfc(alice, "Second")
    assert second.number == 2
    assert len(calls) == 2
    assert Rfc.objects.count() == 2


def test_an_explicit_number_that_is_taken_is_refused(alice: User) -> None:
    services.create_rfc(alice, "First")
    with pytest.raises(services.NumberTaken, match="RFC number 1 is already taken"):
        services.create_rfc(alice, "Clash", "# RFC 1 - Clash\n", number=1)


@pytest.mark.django_db(transaction=True)
def test_concurrent_creations_never_share_a_number(
    make_user: Callable[..., User], roles: None
) -> None:
    users = [make_user(f"writer{i}", AUTHOR) for i in range(6)]
    barrier = threading.Barrier(len(users))
    errors: list[BaseException] = []

    def create(user: User) -> None:
        try:
            barrier.wait()
            services.create_rfc(user, f"Race by {user.username}")
        except BaseException as exc:  # reported below, with the thread's error
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Rfc.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(users) + 1))


def test_save_adds_an_immutable_revision_based_on_the_previous(
    alices_rfc: Rfc, alice: User
) -> None:
    first = alices_rfc.current
    text = first.text + "\nMore words.\n"
    second = services.save_revision(alices_rfc, alice, text, first.pk, message="more")
    assert (second.seq, second.base, second.author, second.text) == (2, first, alice, text)
    assert alices_rfc.current == second
    assert Rfc.objects.get(pk=alices_rfc.pk).current == second
    second.text = "tampered"
    with pytest.raises(ValueError, match="immutable"):
        second.save()
    assert Revision.objects.get(pk=second.pk).text == text


def test_each_revision_stores_what_the_page_needs(alices_rfc: Rfc) -> None:
    revision = alices_rfc.current
    assert revision.title == "Shipment tracking"
    assert revision.state == "draft"
    # The page header shows the title, so the stored page HTML leaves its heading out.
    assert "<h1" not in revision.html and '<h2 id="summary">' in revision.html
    assert revision.total > 0 and revision.filled < revision.total
    unfilled = [item for item in revision.checklist if item["kept"] and not item["filled"]]
    assert any(item["title"] == "Problem Statement" and item["guidance"] for item in unfilled)
    assert all({"code", "line", "severity", "message"} <= set(f) for f in revision.findings)


def test_saving_the_same_text_adds_nothing(alices_rfc: Rfc, alice: User) -> None:
    current = alices_rfc.current
    assert services.save_revision(alices_rfc, alice, current.text, current.pk) == current
    assert alices_rfc.revisions.count() == 1


def test_a_save_based_on_a_stale_revision_is_refused(alices_rfc: Rfc, alice: User) -> None:
    base = alices_rfc.current
    services.save_revision(alices_rfc, alice, base.text + "\nTheirs\n", base.pk)
    with pytest.raises(services.StaleRevision) as caught:
        services.save_revision(alices_rfc, alice, base.text + "\nMine\n", base.pk)
    assert caught.value.current.seq == 2
    assert alices_rfc.revisions.count() == 2


def test_binary_text_is_refused_with_its_line(alices_rfc: Rfc, alice: User) -> None:
    with pytest.raises(services.InvalidInput, match="NUL byte\\) on line 2"):
        services.save_revision(alices_rfc, alice, "ok\nbad\x00", alices_rfc.current.pk)


def test_other_authors_cannot_save(alices_rfc: Rfc, dave: User, carol: User) -> None:
    for user in (dave, carol):
        with pytest.raises(PermissionDenied):
            services.save_revision(alices_rfc, user, "x", alices_rfc.current.pk)


def test_state_moves_one_step_when_ready(
    alice: User, ready_text: Callable[[int, str], str]
) -> None:
    rfc = services.create_rfc(alice, "Ready", ready_text(1, "Ready"))
    revision = services.change_state(rfc, alice, "in-progress")
    assert rfc.state == "in-progress" and revision.state == "in-progress"
    assert "state: in-progress" in revision.text
    # Only the state value changed.
    assert revision.text.replace("in-progress", "draft", 1) == revision.base.text
    assert services.allowed_states(rfc) == ["complete", "draft"]


def test_state_change_is_refused_with_what_is_missing(alices_rfc: Rfc, alice: User) -> None:
    with pytest.raises(services.NotReady) as caught:
        services.change_state(alices_rfc, alice, "in-progress")
    assert any("Problem Statement" in f["message"] for f in caught.value.findings)
    assert alices_rfc.revisions.count() == 1


def test_skipping_a_state_is_not_allowed(
    alice: User, ready_text: Callable[[int, str], str]
) -> None:
    rfc = services.create_rfc(alice, "Ready", ready_text(1, "Ready"))
    with pytest.raises(services.TransitionNotAllowed, match="cannot move from draft to complete"):
        services.change_state(rfc, alice, "complete")
    with pytest.raises(services.TransitionNotAllowed, match="not a state"):
        services.change_state(rfc, alice, "shipped")


def test_only_admins_may_force(alices_rfc: Rfc, alice: User, erin: User) -> None:
    with pytest.raises(PermissionDenied):
        services.change_state(alices_rfc, alice, "complete", force=True)
    services.change_state(alices_rfc, erin, "complete", force=True)
    assert alices_rfc.state == "complete"


def test_reviewers_and_other_authors_cannot_change_state(
    alice: User, bob: User, dave: User, ready_text: Callable[[int, str], str]
) -> None:
    rfc = services.create_rfc(alice, "Ready", ready_text(1, "Ready"))
    for user in (bob, dave):
        with pytest.raises(PermissionDenied):
            services.change_state(rfc, user, "in-progress")
