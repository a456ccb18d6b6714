"""Per-user API tokens: shown once, stored hashed, revocable."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from docket.web.accounts import tokens
from docket.web.accounts.models import ApiToken

ClientFor = Callable[[User | None], Client]


def _create(client: Client, name: str = "ci") -> tuple[int, str]:
    response = client.post(reverse("accounts:tokens"), {"name": name})
    match = re.search(r'value="(dkt_[^"]+)"', response.content.decode())
    assert match is not None
    return response.status_code, match.group(1)


def test_a_token_is_shown_once_and_stored_only_as_a_hash(
    carol: User, client_for: ClientFor
) -> None:
    client = client_for(carol)
    status, secret = _create(client)
    assert status == 201
    stored = ApiToken.objects.get(user=carol)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"dkt_{stored.prefix}_")
    assert secret not in {str(v) for v in ApiToken.objects.values_list().get()}
    later = client.get(reverse("accounts:tokens")).content.decode()
    assert secret not in later
    assert f"dkt_{stored.prefix}_…" in later


def test_the_token_page_is_never_cached(carol: User, client_for: ClientFor) -> None:
    response = client_for(carol).post(reverse("accounts:tokens"), {"name": "ci"})
    assert response["Cache-Control"] == "no-store"


def test_a_token_authenticates_its_user_until_revoked(carol: User, client_for: ClientFor) -> None:
    client = client_for(carol)
    _status, secret = _create(client)
    assert tokens.authenticate(secret) == carol
    assert ApiToken.objects.get(user=carol).last_used_at is not None
    token_id = ApiToken.objects.get(user=carol).pk
    response = client.post(reverse("accounts:token-revoke", args=[token_id]))
    assert response.status_code == 302
    assert tokens.authenticate(secret) is None
    assert "revoked" in client.get(reverse("accounts:tokens")).content.decode()


def test_a_wrong_or_malformed_token_authenticates_nobody(carol: User) -> None:
    _token, secret = tokens.issue(carol, "ci")
    prefix = secret.split("_")[1]
    assert tokens.authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert tokens.authenticate(f"dkt_{prefix}_") is None
    assert tokens.authenticate("Bearer nonsense") is None
    assert tokens.authenticate("") is None


def test_nobody_can_revoke_another_users_token(
    carol: User, bob: User, client_for: ClientFor
) -> None:
    token, secret = tokens.issue(carol, "ci")
    response = client_for(bob).post(reverse("accounts:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    assert tokens.authenticate(secret) == carol


def test_an_inactive_users_token_stops_working(carol: User) -> None:
    _token, secret = tokens.issue(carol, "ci")
    carol.is_active = False
    carol.save()
    assert tokens.authenticate(secret) is None


def test_a_token_needs_a_name(carol: User, client_for: ClientFor) -> None:
    response = client_for(carol).post(reverse("accounts:tokens"), {"name": ""})
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0
