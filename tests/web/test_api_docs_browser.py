"""The API docs page in a real browser: Swagger UI runs from local files under the CSP."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

if shutil.which(CHROMIUM) is None:  # `make test` installs it first, so never in CI
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)

# Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402


def test_the_docs_page_renders_every_endpoint_with_nothing_off_site(live_server: object) -> None:
    base = str(live_server.url)  # type: ignore[attr-defined]
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
            page.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            page.goto(f"{base}/api/v1/docs")
            page.wait_for_selector(".opblock", timeout=15_000)
            paths = page.locator(".opblock-summary-path").all_inner_texts()
        finally:
            browser.close()
    assert {"/api/v1/rfcs", "/api/v1/search", "/api/v1/lint"} <= {p.strip() for p in paths}
    assert problems == []
    host = urlsplit(base).netloc
    assert [url for url in requests if urlsplit(url).netloc not in {host, ""}] == []
