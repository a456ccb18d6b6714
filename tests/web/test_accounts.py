"""Signing in and out, throttling, passwords and invitations."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from docket.web.accounts.invitations import invite

ClientFor = Callable[[User | None], Client]


def _sign_in(client: Client, username: str, password: str) -> object:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_in_and_out(alice: User, password: str) -> None:
    client = Client()
    response = _sign_in(client, "alice", password)
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:list")
    assert client.get(reverse("proposals:list")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("proposals:list")).status_code == 302


def test_wrong_password_is_a_400_that_does_not_say_which_part_was_wrong(alice: User) -> None:
    wrong_password = _sign_in(Client(), "alice", "not it")
    no_such_user = _sign_in(Client(), "zed", "not it")
    assert wrong_password.status_code == no_such_user.status_code == 400
    for response in (wrong_password, no_such_user):
        html = response.content.decode()
        assert "Please enter a correct username and password" in html
        assert "not it" not in html
    assert "_auth_user_id" not in Client().session


def test_repeated_failures_are_throttled_even_with_the_right_password(
    alice: User, password: str, settings: pytest.FixtureRequest
) -> None:
    settings.DOCKET_LOGIN_FAILURE_LIMIT = 3  # type: ignore[attr-defined]
    client = Client()
    statuses = [_sign_in(client, "alice", f"guess {i}").status_code for i in range(3)]
    assert statuses == [400, 400, 400]
    blocked = _sign_in(client, "alice", password)
    assert blocked.status_code == 429
    assert "Too many failed sign-ins" in blocked.content.decode()
    assert client.get(reverse("proposals:list")).status_code == 302  # still signed out


def test_throttling_is_per_username_and_address(
    alice: User, dave: User, password: str, settings: pytest.FixtureRequest
) -> None:
    settings.DOCKET_LOGIN_FAILURE_LIMIT = 2  # type: ignore[attr-defined]
    for _ in range(2):
        _sign_in(Client(), "alice", "wrong")
    assert _sign_in(Client(), "dave", password).status_code == 302
    elsewhere = Client(REMOTE_ADDR="10.0.0.9")
    assert _sign_in(elsewhere, "alice", password).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(
    alice: User, password: str, settings: pytest.FixtureRequest
) -> None:
    settings.DOCKET_LOGIN_FAILURE_LIMIT = 2  # type: ignore[attr-defined]
    _sign_in(Client(), "alice", "wrong")
    assert _sign_in(Client(), "alice", password).status_code == 302
    _sign_in(Client(), "alice", "wrong")
    assert _sign_in(Client(), "alice", password).status_code == 302


def test_change_password(alice: User, password: str, client_for: ClientFor) -> None:
    client = client_for(alice)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "a much newer passphrase 42",
            "new_password2": "a much newer passphrase 42",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a much newer passphrase 42")


def test_reset_password_by_email(alice: User) -> None:
    client = Client()
    response = client.post(reverse("password_reset"), {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = next(line for line in body.splitlines() if "/accounts/reset/" in line).strip()
    path = link[link.index("/accounts/reset/") :]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset passphrase 77 ok", "new_password2": "reset passphrase 77 ok"},
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("reset passphrase 77 ok")


def test_an_invitation_lets_a_user_without_a_password_choose_one(db: None) -> None:
    newcomer = User.objects.create_user("frank", email="frank@example.org")
    assert not newcomer.has_usable_password()
    invite(RequestFactory().get("/"), newcomer)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["frank@example.org"]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    client = Client()
    page = client.get(link[link.index("/accounts/reset/") :], follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "frank's own passphrase", "new_password2": "frank's own passphrase"},
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password("frank's own passphrase")


def test_admins_can_invite_from_the_user_admin(erin: User, client_for: ClientFor) -> None:
    erin.is_superuser = True
    erin.save()
    frank = User.objects.create_user("frank", email="frank@example.org")
    response = client_for(erin).post(
        reverse("admin:auth_user_changelist"),
        {"action": "send_invitation", "_selected_action": [frank.pk]},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["frank@example.org"]]
