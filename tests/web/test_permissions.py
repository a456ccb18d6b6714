"""Every role against every action, with the exact status code each must get.

alice owns the RFC; dave is an author of other RFCs; bob reviews; carol reads; erin is an
admin (staff, admin role). Anonymous visitors are sent to sign in (302).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from docket.web.proposals import services
from docket.web.proposals.models import Rfc

ACTIONS = ("list", "view", "create", "edit", "state", "preview", "tokens", "admin")

# role -> expected status per action, in ACTIONS order.
MATRIX: dict[str, tuple[int, ...]] = {
    "anonymous": (302, 302, 302, 302, 302, 302, 302, 302),
    "carol": (200, 200, 403, 403, 403, 403, 200, 302),
    "bob": (200, 200, 403, 403, 403, 403, 200, 302),
    "alice": (200, 200, 302, 302, 302, 200, 200, 302),
    "dave": (200, 200, 302, 403, 403, 200, 200, 302),
    "erin": (200, 200, 302, 302, 302, 200, 200, 200),
}

PUBLIC_READ_ANONYMOUS = (200, 200, 302, 302, 302, 302, 302, 302)


@pytest.fixture
def rfc(alice: User, ready_text: Callable[[int, str], str]) -> Rfc:
    return services.create_rfc(alice, "Owned by alice", ready_text(1, "Owned by alice"))


def perform(action: str, client: Client, rfc: Rfc) -> int:
    number = rfc.number
    if action == "list":
        response = client.get(reverse("proposals:list"))
    elif action == "view":
        response = client.get(reverse("proposals:detail", args=[number]))
    elif action == "create":
        response = client.post(reverse("proposals:create"), {"title": "Another"})
    elif action == "edit":
        response = client.post(
            reverse("proposals:edit", args=[number]),
            {"text": rfc.current.text + "\nEdited.\n", "base_revision": rfc.current.pk},
        )
    elif action == "state":
        response = client.post(reverse("proposals:state", args=[number]), {"state": "in-progress"})
    elif action == "preview":
        response = client.post(reverse("proposals:preview"), {"text": "# Hi"})
    elif action == "tokens":
        response = client.get(reverse("accounts:tokens"))
    elif action == "admin":
        response = client.get(reverse("admin:index"))
    else:  # pragma: no cover
        raise AssertionError(action)
    return response.status_code


@pytest.mark.parametrize("role", list(MATRIX))
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(
    role: str,
    action: str,
    rfc: Rfc,
    request: pytest.FixtureRequest,
    client_for: Callable[[User | None], Client],
) -> None:
    user = None if role == "anonymous" else request.getfixturevalue(role)
    expected = MATRIX[role][ACTIONS.index(action)]
    assert perform(action, client_for(user), rfc) == expected


@pytest.mark.parametrize("action", ACTIONS)
def test_public_read_lets_anonymous_visitors_read_only(
    action: str, rfc: Rfc, settings: pytest.FixtureRequest
) -> None:
    settings.DOCKET_PUBLIC_READ = True  # type: ignore[attr-defined]
    expected = PUBLIC_READ_ANONYMOUS[ACTIONS.index(action)]
    assert perform(action, Client(), rfc) == expected


def test_refused_actions_change_nothing(
    rfc: Rfc, carol: User, bob: User, dave: User, client_for: Callable[[User | None], Client]
) -> None:
    for user in (None, carol, bob):
        for action in ("create", "edit", "state"):
            perform(action, client_for(user), rfc)
    for action in ("edit", "state"):
        perform(action, client_for(dave), rfc)
    rfc.refresh_from_db()
    assert Rfc.objects.count() == 1
    assert rfc.revisions.count() == 1
    assert rfc.state == "draft"


def test_a_user_without_a_role_can_sign_in_but_read_nothing(
    make_user: Callable[..., User], client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(make_user("nobody", None))
    assert client.get(reverse("proposals:list")).status_code == 403
    assert client.get(reverse("accounts:tokens")).status_code == 200


def test_each_role_group_holds_exactly_its_permissions(db: None) -> None:
    from django.contrib.auth.models import Group

    from docket.web.accounts.roles import ROLE_PERMISSIONS

    for role, pairs in ROLE_PERMISSIONS.items():
        held = set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert held == set(pairs), role


def test_admins_manage_users_in_django_admin(
    erin: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(erin)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200
    response = client.post(
        reverse("admin:auth_user_add"),
        {"username": "frank", "password1": "", "password2": "", "usable_password": "false"},
    )
    assert response.status_code == 302
    assert User.objects.filter(username="frank").exists()


def test_django_admin_changes_an_rfcs_editors_but_nothing_a_revision_decides(
    alices_rfc: Rfc, dave: User, erin: User, client_for: Callable[[User | None], Client]
) -> None:
    client = client_for(erin)
    listed = list(alices_rfc.listed_authors)
    response = client.post(
        reverse("admin:proposals_rfc_change", args=[alices_rfc.pk]),
        {"authors": [dave.pk], "listed_authors": '["Mallory"]', "title": "Renamed"},
    )
    assert response.status_code == 302
    rfc = Rfc.objects.get(pk=alices_rfc.pk)
    assert list(rfc.authors.all()) == [dave]
    assert rfc.listed_authors == listed and rfc.title == alices_rfc.title
