"""Finding an RFC again, and moving it through its lifecycle."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from docket.web.proposals import services
from docket.web.proposals.models import Rfc

EXAMPLE = Path(__file__).parents[2] / "examples" / "rfcs" / "0108-search-over-shipments.md"


def test_search_finds_a_new_rfc(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    alice = make_user("alice")
    services.create_rfc(alice, "Unrelated billing change")
    page = signed_in("alice")
    page.goto("/")
    page.get_by_role("link", name="New RFC").click()
    page.fill("#id_title", "Zephyrine ledger for tariffs")
    page.get_by_role("button", name="Create and edit").click()
    expect(page).to_have_url(re.compile(r"/rfcs/2/edit/$"))

    page.goto("/")
    page.get_by_label("Search text").fill("zephyrine")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table.rfcs tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.get_by_role("link")).to_have_text("Zephyrine ledger for tariffs")
    expect(rows.first.locator("mark").first).to_have_text(re.compile("zephyrine", re.IGNORECASE))

    page.get_by_label("Search text").fill("nosuchwordanywhere")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("table.rfcs")).to_contain_text("No RFCs match.")


def test_state_buttons_move_a_ready_rfc_and_refuse_an_unready_one(
    signed_in: Callable[[str], Page],
    make_user: Callable[..., User],
    stored_text: Callable[[int], str],
) -> None:
    alice = make_user("alice")
    services.create_rfc(alice, "Edge cache for tariffs")
    ready = EXAMPLE.read_text(encoding="utf-8").replace("state: in-progress", "state: draft", 1)
    services.create_rfc(alice, "Search over Shipments", text=ready, number=8)
    page = signed_in("alice")

    page.goto("/rfcs/1/")
    expect(page.locator(".heading-row .badge")).to_have_text("draft")
    with page.expect_response(re.compile(r"/rfcs/1/state/$")) as response:
        page.get_by_role("button", name="Move to in-progress").click()
    assert response.value.status == 409
    expect(page.locator("main")).to_contain_text("not ready")
    assert Rfc.objects.get(number=1).state == "draft"

    page.goto("/rfcs/8/")
    page.get_by_role("button", name="Move to in-progress").click()
    expect(page).to_have_url(re.compile(r"/rfcs/8/$"))
    expect(page.get_by_role("status")).to_contain_text("RFC 8 is now in-progress")
    expect(page.locator(".heading-row .badge")).to_have_text("in-progress")
    rfc = Rfc.objects.get(number=8)
    assert rfc.state == "in-progress"
    assert "state: in-progress" in stored_text(8)
