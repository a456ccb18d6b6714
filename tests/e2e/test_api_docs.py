"""The API docs page in a real browser: Swagger UI runs from local files under the CSP."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page


def test_the_docs_page_renders_every_endpoint_with_nothing_off_site(
    new_page: Callable[[], Page],
) -> None:
    page = new_page()
    console_errors: list[str] = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.goto("/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    paths = {p.strip() for p in page.locator(".opblock-summary-path").all_inner_texts()}
    assert {"/api/v1/rfcs", "/api/v1/search", "/api/v1/lint"} <= paths
    assert console_errors == []
    # new_page's teardown fails the test on any request off 127.0.0.1, a dialog or a CSP error.
