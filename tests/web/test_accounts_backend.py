"""The plain-SQL user, permission and session loads give Django's own answers, and a
session brings its account along in the same query."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from docket.web.accounts.backends import AccountBackend, reading_session
from docket.web.accounts.middleware import AuthenticationMiddleware
from docket.web.accounts.models import Session
from docket.web.accounts.sessions import SessionStore

_SESSION_TABLE = connection.ops.quote_name(Session._meta.db_table)

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
    stored = SessionStore()
    stored["colour"] = "teal"
    stored.create()
    key = stored.session_key
    loaded = SessionStore(key)
    assert loaded["colour"] == "teal"
    assert loaded.account is None  # nobody signed in
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.get("colour") is None
    assert expired.session_key is None
    assert SessionStore("no-such-key-000000000000000000").get("colour") is None


def _signed_in(client: Client, user: User) -> HttpRequest:
    """A request carrying the session ``client`` signed ``user`` in with."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value)
    AuthenticationMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def test_a_signed_in_session_keeps_its_account_beside_its_data(client: Client, alice: User) -> None:
    client.force_login(alice)
    row = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    assert row.account_id == alice.pk
    assert row.get_decoded()["_auth_user_id"] == str(alice.pk)


def test_the_session_brings_its_user_and_permissions_in_one_query(
    client: Client, alice: User, django_assert_num_queries: Any
) -> None:
    request = _signed_in(client, alice)
    with django_assert_num_queries(1):
        user = request.user
        assert user.is_authenticated and user.pk == alice.pk
        ours = user.get_all_permissions()
    assert ours == ModelBackend().get_all_permissions(_fresh(alice))
    assert reading_session.get() is None  # seen only while get_user() runs


def test_a_signed_in_page_reads_session_and_user_together(client: Client, alice: User) -> None:
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    reads = [q["sql"] for q in queries if _SESSION_TABLE in q["sql"] or '"auth_user"' in q["sql"]]
    assert len(reads) == 1, reads


def test_a_session_cannot_sign_in_an_account_that_may_no_longer(
    client: Client, alice: User
) -> None:
    request = _signed_in(client, alice)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert not request.user.is_authenticated


def test_a_changed_password_still_ends_other_sessions(client: Client, alice: User) -> None:
    request = _signed_in(client, alice)
    alice.set_password("a whole new secret")
    alice.save()
    assert not request.user.is_authenticated


def test_a_session_whose_data_names_another_account_signs_that_one_in(
    client: Client, alice: User, bob: User
) -> None:
    request = _signed_in(client, alice)
    Session.objects.filter(session_key=request.session.session_key).update(account_id=bob.pk)
    user = request.user
    assert user.is_authenticated and user.pk == alice.pk  # the signed data decides


def test_deleting_an_account_deletes_its_sessions(client: Client, alice: User) -> None:
    client.force_login(alice)
    assert Session.objects.filter(account_id=alice.pk).exists()
    alice.delete()
    assert not Session.objects.exists()


def test_the_upgrade_copies_sessions_with_their_accounts(alice: User) -> None:
    from django.apps import apps
    from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore

    copying = import_module("docket.web.accounts.migrations.0004_sessions_with_accounts")
    old = DjangoSessionStore()
    old.update({"_auth_user_id": str(alice.pk), "colour": "teal"})
    old.create()
    anonymous = DjangoSessionStore()
    anonymous["colour"] = "plum"
    anonymous.create()
    copying.copy_sessions(apps, SimpleNamespace(connection=connection))
    copied = {s.session_key: s for s in Session.objects.all()}
    assert copied[old.session_key].account_id == alice.pk
    assert copied[anonymous.session_key].account_id is None
    store = SessionStore(old.session_key)
    assert store["colour"] == "teal"
    assert store.account == alice


def test_a_user_read_by_plain_sql_is_the_orms_user_field_for_field(
    client: Client, alice: User
) -> None:
    alice.first_name, alice.last_name, alice.is_staff = "Alice", "Liddell", True
    alice.last_login = timezone.now() - timedelta(days=3)
    alice.save()
    client.force_login(alice)
    store = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value)
    store.load()
    orm = _fresh(alice)
    for loaded in (AccountBackend().get_user(alice.pk), store.account):
        assert loaded is not None
        for field in User._meta.concrete_fields:
            ours, theirs = getattr(loaded, field.attname), getattr(orm, field.attname)
            assert ours == theirs and type(ours) is type(theirs), field.name
