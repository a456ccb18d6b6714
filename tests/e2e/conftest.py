"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a test opens is watched: a JavaScript dialog (``alert``, ``confirm``, ``prompt``),
a request to any host but the live server, an uncaught script error or a Content-Security-
Policy violation fails the test, whatever the test is about.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# ORM calls made from the test body.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PASSWORD = "correct horse battery staple 42"
TIMEOUT_MS = 10_000
# Set to a folder to keep screenshots of the editor and the RFC page for a human to look at.
SCREENSHOTS = os.environ.get("DOCKET_E2E_SCREENSHOTS", "")

if shutil.which(CHROMIUM) is None:  # `make test` installs it first, so never in CI
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}", allow_module_level=True)

from django.contrib.auth.models import Group, Permission, User  # noqa: E402
from playwright.sync_api import (  # noqa: E402
    Browser,
    BrowserContext,
    Dialog,
    Page,
    expect,
    sync_playwright,
)

from docket.web.accounts.roles import ROLE_PERMISSIONS  # noqa: E402
from docket.web.proposals import page_cache  # noqa: E402
from docket.web.proposals.models import Rfc  # noqa: E402

expect.set_options(timeout=TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _no_pages_kept_from_other_tests() -> Iterator[None]:
    """The live server runs in this process: a test's RFC numbers repeat another's."""
    page_cache.reset()
    yield
    page_cache.reset()  # and its connection closed, so the test database can be dropped


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What the pages of one test did that a safe workspace never does."""

    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def off_host(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).hostname not in LOCAL_HOSTS]


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def new_page(browser: Browser, live_server: object, watch: Watch) -> Iterator[Callable[[], Page]]:
    """Pages in fresh contexts (one per user), each watched for dialogs and foreign requests."""
    contexts: list[BrowserContext] = []

    def make() -> Page:
        context = browser.new_context(
            base_url=str(live_server), viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: watch.requests.append(request.url))

        def on_dialog(dialog: Dialog) -> None:
            watch.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: watch.errors.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                watch.errors.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert watch.dialogs == [], f"a page opened a JavaScript dialog: {watch.dialogs}"
    assert watch.off_host() == [], f"a page requested another host: {watch.off_host()}"
    assert watch.errors == [], f"a page's scripts failed or broke its CSP: {watch.errors}"


def _role(name: str) -> Group:
    # transactional_db empties every table between tests, the migration's groups included.
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codename in ROLE_PERMISSIONS[name]:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


@pytest.fixture
def make_user(transactional_db: None) -> Callable[..., User]:
    def make(username: str, role: str = "author") -> User:
        user = User.objects.create_user(
            username, email=f"{username}@example.com", password=PASSWORD
        )
        user.groups.add(_role(role))
        return user

    return make


@pytest.fixture
def signed_in(new_page: Callable[[], Page]) -> Callable[[str], Page]:
    """A new page with ``username`` signed in through the login form."""

    def sign_in(username: str) -> Page:
        page = new_page()
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.get_by_role("button", name=f"Sign out {username}").wait_for()
        return page

    return sign_in


@pytest.fixture
def screenshot() -> Callable[[Page, str], None]:
    def take(page: Page, name: str) -> None:
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def stored_text() -> Callable[[int], str]:
    """The text of an RFC's newest revision, read from the database the server writes to."""

    def read(number: int) -> str:
        current = Rfc.objects.select_related("current").get(number=number).current
        assert current is not None, f"RFC {number} has no revision"
        return current.text

    return read
