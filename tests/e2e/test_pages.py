"""The RFC page and editor in a real browser: what a reader sees and can do, at desktop
and phone widths.

The ``new_page`` fixture also fails these tests on any request to another host and any
Content-Security-Policy violation, which is what a remote image used to cause.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from docket.web.accounts import tokens
from docket.web.proposals import services
from docket.web.proposals.models import Rfc

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1300, "height": 900}

EXTRA = """

![Queue diagram](https://cdn.example.com/queue.png)

See <a href="#limits">the limits</a> below, or go back to the [summary](#summary).

| Limit | Value | A very long column heading that would push a narrow screen sideways |
| --- | --- | --- |
| requests | 100/s | `a-really-long-identifier-without-any-break-opportunities-at-all` |

"""

FILLER = "\n\n" + "Words that fill the section and push the limits paragraph down. " * 60


def _rfc(author: User) -> Rfc:
    rfc = services.create_rfc(author, "Edge cache for tariffs")
    assert rfc.current is not None
    text = rfc.current.text.replace(
        "### Problem Statement", "### Problem Statement" + EXTRA + FILLER, 1
    ).replace("### Goals", '### Goals\n\n<p id="limits">The limits are strict.</p>', 1)
    services.save_revision(rfc, author, text, rfc.current.pk)
    return rfc


def test_remote_image_is_a_link_and_loads_nothing(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    rfc = _rfc(make_user("alice"))
    page = signed_in("alice")
    page.goto(f"/rfcs/{rfc.number}/")
    link = page.locator("article.rendered a.remote-image")
    expect(link).to_have_text("image: Queue diagram")
    expect(link).to_have_attribute("href", "https://cdn.example.com/queue.png")
    assert page.locator("article.rendered img").count() == 0
    # One title on the page: the header's.
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text("RFC 0001: Edge cache for tariffs")


def test_a_raw_html_in_page_link_scrolls_to_its_target(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    rfc = _rfc(make_user("alice"))
    page = signed_in("alice")
    page.goto(f"/rfcs/{rfc.number}/")
    target = page.locator("#user-content-limits")
    expect(target).not_to_be_in_viewport()
    page.get_by_role("link", name="the limits").click()
    assert page.url.endswith("#user-content-limits")
    expect(target).to_be_in_viewport()
    page.get_by_role("link", name="summary", exact=True).click()
    assert page.url.endswith("#summary")
    expect(page.locator("h2#summary")).to_be_in_viewport()


def test_checklist_questions_open_on_demand(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    make_user("alice")
    rfc = services.create_rfc(User.objects.get(username="alice"), "Edge cache for tariffs")
    page = signed_in("alice")
    page.goto(f"/rfcs/{rfc.number}/")
    item = page.locator(".checklist li", has_text="Problem Statement")
    question = item.get_by_text("What is broken / missing today?")
    expect(question).to_be_hidden()
    expect(item.locator("summary .count")).to_have_text("6 questions")
    item.locator("summary").click()
    expect(question).to_be_visible()


def test_the_editor_shows_the_questions_of_the_section_being_edited_beside_the_text(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    rfc = _rfc(make_user("alice"))
    page = signed_in("alice")
    page.goto(f"/rfcs/{rfc.number}/edit/")
    textarea = page.locator("#id_text")
    text = textarea.input_value()
    caret = text.index("### Goals") + 4
    textarea.focus()
    textarea.evaluate(f"t => t.setSelectionRange({caret}, {caret})")
    page.keyboard.press("ArrowRight")
    goals = page.locator('.guidance details[data-section="goals"]')
    expect(goals).to_have_attribute("open", "")
    expect(goals.get_by_text("How will we know this is successful?")).to_be_in_viewport()
    expect(page.locator('.guidance details[data-section="summary"]')).not_to_have_attribute(
        "open", ""
    )
    editor_box = textarea.bounding_box()
    questions_box = goals.bounding_box()
    assert editor_box and questions_box
    assert questions_box["x"] >= editor_box["x"] + editor_box["width"], "not beside the text"


def test_every_page_fits_a_phone_and_a_desktop_without_sideways_scrolling(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    alice = make_user("alice")
    rfc = _rfc(alice)
    tokens.issue(alice, "Nightly export from the CI runner")
    page = signed_in("alice")
    paths = [
        "/",
        "/?q=tariffs",
        f"/rfcs/{rfc.number}/",
        f"/rfcs/{rfc.number}/edit/",
        f"/rfcs/{rfc.number}/diff/",
        "/accounts/tokens/",
        "/rfcs/new/",
        "/no-such-page/",
    ]
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{path} is {width}px wide at {size['width']}px"
