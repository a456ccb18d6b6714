"""Personas for the web tests, after healthchecks' ``BaseTestCase``.

alice and dave are authors, bob reviews, carol only reads, erin is an admin; anonymous is
the Django test client before signing in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from docket.template import default_schema
from docket.web.accounts.roles import ADMIN, AUTHOR, READER, REVIEWER, ROLE_PERMISSIONS
from docket.web.proposals import page_cache, services
from docket.web.proposals.models import Rfc
from docket.web.search.cache import result_cache
from docket.workspace import scaffold

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _no_pages_kept_from_other_tests() -> Iterator[None]:
    """A test's RFC numbers repeat another's; the flush's notice may still be on its way."""
    page_cache.reset()
    yield
    page_cache.reset()  # and its connection closed, so the test database can be dropped


@pytest.fixture(autouse=True)
def _fast_passwords(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def role_group(role: str) -> Group:
    """The role's group, re-made if a transactional test's flush removed it."""
    group, created = Group.objects.get_or_create(name=role)
    if created:
        for app_label, codename in ROLE_PERMISSIONS[role]:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


@pytest.fixture
def roles(db: None) -> None:
    """For transactional tests: the flush after another one drops the migrated groups."""
    for role in ROLE_PERMISSIONS:
        role_group(role)


def make_user(username: str, role: str | None, *, staff: bool = False) -> User:
    user = User.objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, is_staff=staff
    )
    user.first_name = username.capitalize()
    user.save()
    if role:
        user.groups.add(role_group(role))
    return user


@pytest.fixture
def alice(db: None) -> User:
    return make_user("alice", AUTHOR)


@pytest.fixture
def dave(db: None) -> User:
    return make_user("dave", AUTHOR)


@pytest.fixture
def bob(db: None) -> User:
    return make_user("bob", REVIEWER)


@pytest.fixture
def carol(db: None) -> User:
    return make_user("carol", READER)


@pytest.fixture
def erin(db: None) -> User:
    return make_user("erin", ADMIN, staff=True)


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A test client signed in as the given user (``None``: anonymous)."""

    def build(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return build


def ready_text(number: int, title: str) -> str:
    """A scaffolded RFC with every section and table filled: ready for in-progress."""
    text = scaffold(
        default_schema(), number=number, title=title, authors=["Pat Example (pat@example.org)"]
    )
    text = re.sub(
        r"^(#{2,6} .*)$",
        lambda m: m.group(1) + "\n\nWritten by the author for this section.\n",
        text,
        flags=re.M,
    )

    def row(match: re.Match[str]) -> str:
        cells = match.group(0).count("|") - 1
        return match.group(0) + "\n|" + " filled |" * cells

    return re.sub(r"^\|(?:\s*:?-+:?\s*\|)+$", row, text, flags=re.M)


@pytest.fixture
def password() -> str:
    """Every persona's password."""
    return PASSWORD


@pytest.fixture(name="ready_text")
def _ready_text() -> Callable[[int, str], str]:
    return ready_text


@pytest.fixture(name="make_user")
def _make_user(db: None) -> Callable[..., User]:
    return make_user


@pytest.fixture
def alices_rfc(alice: User) -> Rfc:
    return services.create_rfc(alice, "Shipment tracking")


@pytest.fixture
def search_cache_on(settings: Any) -> Iterator[None]:
    """The per-process search cache on and empty whatever the settings say, emptied after."""
    settings.DOCKET_SEARCH_CACHE_SIZE = 256
    result_cache().clear()
    yield
    result_cache().clear()
