"""Saving from the editor, and two people saving the same RFC at once."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from docket.web.proposals import services
from docket.web.proposals.models import Rfc


def _append(page: Page, line: str) -> None:
    editor = page.locator("#id_text")
    editor.fill(editor.input_value() + f"\n{line}\n")


def test_saving_stores_a_revision_and_shows_the_rendered_rfc(
    signed_in: Callable[[str], Page],
    make_user: Callable[..., User],
    screenshot: Callable[[Page, str], None],
    stored_text: Callable[[int], str],
) -> None:
    alice = make_user("alice")
    services.create_rfc(alice, "Edge cache for tariffs")
    page = signed_in("alice")
    page.goto("/rfcs/1/edit/")
    _append(page, "## Rollout plan\n\nShip it **carefully**, one region at a time.")
    page.fill("#id_message", "first rollout notes")
    page.get_by_role("button", name="Save revision").click()

    expect(page).to_have_url(re.compile(r"/rfcs/1/$"))
    expect(page.get_by_role("status")).to_contain_text("Saved RFC 1.")
    article = page.locator("article.rendered")
    expect(article.locator("h2#rollout-plan")).to_be_visible()
    expect(article.locator("strong")).to_have_text("carefully")
    expect(page.locator(".history")).to_contain_text("first rollout notes")
    screenshot(page, "rfc-page")
    assert Rfc.objects.get(number=1).revisions.count() == 2
    assert "one region at a time" in stored_text(1)


def test_the_second_of_two_concurrent_saves_gets_the_conflict_page_with_both_texts(
    signed_in: Callable[[str], Page],
    make_user: Callable[..., User],
    stored_text: Callable[[int], str],
) -> None:
    alice = make_user("alice")
    make_user("bob", role="admin")
    services.create_rfc(alice, "Edge cache for tariffs")
    alice_page = signed_in("alice")
    bob_page = signed_in("bob")
    alice_page.goto("/rfcs/1/edit/")
    bob_page.goto("/rfcs/1/edit/")

    _append(bob_page, "Bob says: cache for ten minutes.")
    bob_page.get_by_role("button", name="Save revision").click()
    expect(bob_page).to_have_url(re.compile(r"/rfcs/1/$"))

    _append(alice_page, "Alice says: cache for one hour.")
    with alice_page.expect_response(re.compile(r"/rfcs/1/edit/$")) as response:
        alice_page.get_by_role("button", name="Save revision").click()
    assert response.value.status == 409
    expect(alice_page.locator("main > h1")).to_contain_text("Someone else saved")
    # Their change is shown as a diff; her own text waits in the editor, unsaved.
    expect(alice_page.locator("pre.diff").first).to_contain_text("Bob says: cache for ten minutes.")
    mine = alice_page.locator("#id_text").input_value()
    assert "Alice says: cache for one hour." in mine
    assert "Alice says" not in stored_text(1)

    # Merging and saving again from the conflict page succeeds.
    alice_page.locator("#id_text").fill(mine + "\nBob says: cache for ten minutes.\n")
    alice_page.get_by_role("button", name="Save revision").click()
    expect(alice_page).to_have_url(re.compile(r"/rfcs/1/$"))
    text = stored_text(1)
    assert "Alice says: cache for one hour." in text and "Bob says" in text
