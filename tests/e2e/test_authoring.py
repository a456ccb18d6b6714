"""Signing in, creating an RFC from the template, the live preview, saving."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from docket.web.proposals.models import Rfc


def create_rfc(page: Page, title: str) -> None:
    """Create an RFC through the list page's button; leaves the page on its editor."""
    page.goto("/")
    page.get_by_role("link", name="New RFC").click()
    page.fill("#id_title", title)
    page.get_by_role("button", name="Create and edit").click()
    expect(page).to_have_url(re.compile(r"/rfcs/\d+/edit/$"))


def test_signing_in_opens_the_rfc_list(
    new_page: Callable[[], Page], make_user: Callable[..., User]
) -> None:
    make_user("alice")
    page = new_page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.fill("#id_username", "alice")
    page.fill("#id_password", "not the password")
    page.click("main button[type=submit]")
    expect(page.locator(".error-text").first).to_be_visible()

    page.fill("#id_username", "alice")
    page.fill("#id_password", "correct horse battery staple 42")
    page.click("main button[type=submit]")
    expect(page.get_by_role("heading", name="RFCs", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out alice")).to_be_visible()


def test_a_new_rfc_starts_from_the_template_with_its_number_and_title(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    make_user("alice")
    page = signed_in("alice")
    create_rfc(page, "Edge cache for tariffs")

    text = page.locator("#id_text").input_value()
    assert "# RFC 1 - Edge cache for tariffs" in text
    assert "state: draft" in text
    assert "## Key Decisions" in text
    # The preview renders the scaffold on load, without the template's guidance comments.
    preview = page.locator("#preview")
    expect(preview.locator("h2#key-decisions")).to_be_visible()
    # The page header shows the title; the preview does not repeat its heading.
    expect(preview.locator("h1")).to_have_count(0)
    expect(page.locator("h1")).to_contain_text("Edge cache for tariffs")
    expect(preview).not_to_contain_text("If I had 60 seconds")
    # The guiding questions sit beside the text.
    expect(page.get_by_label("Guiding questions")).to_contain_text("If I had 60 seconds")
    assert Rfc.objects.get(number=1).authors.filter(username="alice").exists()


def _type_rollout_plan(page: Page) -> None:
    expect(page.locator("#preview h2#summary")).to_be_visible()
    page.locator("#id_text").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\n## Rollout plan\n\nShip it **carefully**, one region at a time.\n")


def test_the_preview_follows_typing(
    signed_in: Callable[[str], Page],
    make_user: Callable[..., User],
    screenshot: Callable[[Page, str], None],
    stored_text: Callable[[int], str],
) -> None:
    make_user("alice")
    page = signed_in("alice")
    create_rfc(page, "Edge cache for tariffs")
    expect(page.locator("#preview h2#rollout-plan")).to_have_count(0)
    _type_rollout_plan(page)
    expect(page.locator("#preview h2#rollout-plan")).to_have_text(re.compile(r"^Rollout plan"))
    expect(page.locator("#preview strong")).to_have_text("carefully")
    screenshot(page, "editor")
    # Nothing is stored until the author saves.
    assert "Rollout plan" not in stored_text(1)
