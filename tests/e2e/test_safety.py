"""Hostile Markdown never runs in the browser, and pages load nothing from other hosts.

The ``new_page`` fixture fails any test whose pages open a dialog or request another host;
these tests go looking for both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from docket.web.proposals import services

PAYLOADS = """
## Payloads

<script>alert('script')</script>

<img src="x" onerror="alert('onerror'); window.__pwned = 'img'">

<svg onload="alert('svg')"><circle r="5"/></svg>

<iframe src="javascript:alert('iframe')"></iframe>

[markdown link](javascript:alert('md-link'))

<a href="javascript:alert('html-link')">html link</a>

<a href="JaVaScRiPt:window.__pwned='mixed-case'">mixed case link</a>

<details open ontoggle="alert('toggle')"><summary>toggle</summary>inside</details>

Harmless text after the payloads.
"""

_ACTIVE = (
    "script, iframe, object, embed, svg, [onerror], [onload], [onclick], [ontoggle], "
    "a[href^='javascript' i]"
)


def _assert_inert(page: Page, container: str) -> None:
    region = page.locator(container)
    expect(region).to_contain_text("Harmless text after the payloads.")
    assert region.locator(_ACTIVE).count() == 0
    for name in ("html link", "mixed case link"):
        region.get_by_text(name).click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None


def test_script_javascript_links_and_event_handlers_never_execute(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    alice = make_user("alice")
    rfc = services.create_rfc(alice, "Hostile input")
    page = signed_in("alice")

    page.goto(f"/rfcs/{rfc.number}/edit/")
    editor = page.locator("#id_text")
    editor.fill(editor.input_value() + PAYLOADS)
    editor.press("End")  # a keyup: htmx re-renders the preview from the new text
    expect(page.locator("#preview")).to_contain_text("Harmless text after the payloads.")
    _assert_inert(page, "#preview")

    # The page of a saved revision shows the HTML stored when it was saved.
    services.save_revision(rfc, alice, editor.input_value(), rfc.current_id)
    page.goto(f"/rfcs/{rfc.number}/")
    _assert_inert(page, "article.rendered")


def test_pages_request_nothing_from_other_hosts(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    alice = make_user("alice")
    services.create_rfc(alice, "Offline pages")
    page = signed_in("alice")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("/", "/?q=offline", "/rfcs/new/", "/rfcs/1/", "/rfcs/1/edit/", "/rfcs/1/diff/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    # The pages did fetch their own styles and scripts, all from the live server.
    assert any(url.endswith(".css") for url in requests)
    assert any("htmx" in url for url in requests)
    hosts = {re.sub(r":\d+$", "", url.split("/")[2]) for url in requests}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
