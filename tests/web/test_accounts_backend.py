"""The plain-SQL user, permission and session loads give Django's own answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from docket.web.accounts.backends import AccountBackend
from docket.web.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no permission cache carried over


def test_every_role_gets_the_permissions_the_model_backend_gives(
    alice: User, bob: User, carol: User, erin: User
) -> None:
    direct = User.objects.create_user("frank")
    direct.user_permissions.add(Permission.objects.get(codename="review_rfc"))
    boss = User.objects.create_superuser("gina", password="x")
    for user in (alice, bob, carol, erin, direct, boss):
        ours = AccountBackend().get_all_permissions(_fresh(user))
        assert ours == ModelBackend().get_all_permissions(_fresh(user)), user.username
    assert "proposals.review_rfc" in AccountBackend().get_all_permissions(_fresh(direct))
    assert "proposals.add_rfc" in AccountBackend().get_all_permissions(_fresh(alice))
    assert "proposals.add_rfc" not in AccountBackend().get_all_permissions(_fresh(carol))


def test_a_loaded_user_brings_its_permissions_in_the_same_query(
    alice: User, bob: User, carol: User, erin: User, django_assert_num_queries: Any
) -> None:
    direct = User.objects.create_user("frank")
    direct.user_permissions.add(Permission.objects.get(codename="review_rfc"))
    for user in (alice, bob, carol, erin, direct):
        with django_assert_num_queries(1):
            loaded = AccountBackend().get_user(user.pk)
            assert loaded is not None
            ours = AccountBackend().get_all_permissions(loaded)
        assert ours == ModelBackend().get_all_permissions(_fresh(user)), user.username


def test_a_superusers_permissions_are_every_permission(erin: User) -> None:
    boss = User.objects.create_superuser("gina", password="x")
    loaded = AccountBackend().get_user(boss.pk)
    assert loaded is not None
    assert AccountBackend().get_all_permissions(loaded) == ModelBackend().get_all_permissions(
        _fresh(boss)
    )
    assert len(AccountBackend().get_all_permissions(loaded)) == Permission.objects.count()


def test_inactive_and_anonymous_users_have_no_permissions(alice: User) -> None:
    alice.is_active = False
    alice.save()
    assert AccountBackend().get_all_permissions(_fresh(alice)) == set()
    assert AccountBackend().get_all_permissions(AnonymousUser()) == set()


def test_get_user_loads_active_users_only(alice: User, carol: User) -> None:
    backend = AccountBackend()
    found = backend.get_user(alice.pk)
    assert found is not None
    assert (found.pk, found.username, found.password) == (alice.pk, "alice", alice.password)
    carol.is_active = False
    carol.save()
    assert backend.get_user(carol.pk) is None
    assert backend.get_user(10_000) is None
    assert backend.get_user("not a number") is None


def test_a_session_loads_until_it_expires() -> None:
    stored = DjangoSessionStore()
    stored["colour"] = "teal"
    stored.create()
    key = stored.session_key
    assert SessionStore(key)["colour"] == "teal"
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.get("colour") is None
    assert expired.session_key is None
    assert SessionStore("no-such-key-000000000000000000").get("colour") is None
