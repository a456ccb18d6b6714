"""Every page's own stylesheets and scripts are served, so pages look and work as designed."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from playwright.sync_api import Page, Response

from docket.web.proposals import services

PAGES = ("/", "/rfcs/new/", "/rfcs/1/", "/rfcs/1/edit/", "/rfcs/1/diff/", "/accounts/tokens/")


def test_stylesheets_and_scripts_load_on_every_page(
    signed_in: Callable[[str], Page], make_user: Callable[..., User]
) -> None:
    alice = make_user("alice")
    services.create_rfc(alice, "Styled pages")
    page = signed_in("alice")
    assets: list[Response] = []
    page.on(
        "response",
        lambda response: (
            assets.append(response)
            if response.request.resource_type in ("stylesheet", "script")
            else None
        ),
    )
    for path in PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        # The site stylesheet took effect: the body is no longer in the browser's serif default.
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "serif" not in font.split(",")[0], f"{path}: unstyled ({font})"
    failed = sorted({f"{r.status} {r.url}" for r in assets if r.status >= 400})
    assert failed == [], f"assets not served: {failed}"
    assert {r.request.resource_type for r in assets} == {"stylesheet", "script"}
