"""Every form the pages render carries its CSRF token, and works with CSRF enforced.

The Django test client skips CSRF checks by default; these tests use a client that
enforces them, as a browser meets them.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from docket.web.proposals import services
from docket.web.proposals.models import Rfc

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _strict(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _post_forms(html: str) -> list[str]:
    return [body for attrs, body in _FORM.findall(html) if 'method="post"' in attrs.lower()]


def _token(html: str) -> str:
    match = _TOKEN.search(html)
    assert match is not None, "no CSRF token in the form"
    return match.group(1)


@pytest.mark.parametrize(
    "page",
    ["list", "create", "detail", "edit", "conflict", "tokens", "password_change"],
)
def test_every_post_form_has_a_csrf_token(page: str, alice: User, alices_rfc: Rfc) -> None:
    client = _strict(alice)
    number = alices_rfc.number
    if page == "conflict":
        base = alices_rfc.current
        services.save_revision(alices_rfc, alice, base.text + "\nTheirs\n", base.pk)
        edit = client.get(reverse("proposals:edit", args=[number])).content.decode()
        response = client.post(
            reverse("proposals:edit", args=[number]),
            {"text": "mine", "base_revision": base.pk, "csrfmiddlewaretoken": _token(edit)},
        )
        assert response.status_code == 409
    else:
        url = {
            "list": reverse("proposals:list"),
            "create": reverse("proposals:create"),
            "detail": reverse("proposals:detail", args=[number]),
            "edit": reverse("proposals:edit", args=[number]),
            "tokens": reverse("accounts:tokens"),
            "password_change": reverse("password_change"),
        }[page]
        response = client.get(url)
    forms = _post_forms(response.content.decode())
    assert forms, "the page has a form"
    for body in forms:
        _token(body)


def test_saving_from_the_editor_works_with_csrf_enforced(alice: User, alices_rfc: Rfc) -> None:
    client = _strict(alice)
    url = reverse("proposals:edit", args=[alices_rfc.number])
    (form,) = [f for f in _post_forms(client.get(url).content.decode()) if "base_revision" in f]
    response = client.post(
        url,
        {
            "csrfmiddlewaretoken": _token(form),
            "text": alices_rfc.current.text + "\nMore.\n",
            "base_revision": re.search(r'name="base_revision" value="(\d+)"', form).group(1),  # type: ignore[union-attr]
        },
    )
    assert response.status_code == 302
    assert alices_rfc.revisions.count() == 2


def test_sign_in_works_with_csrf_enforced(alice: User, password: str) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login")).content.decode()
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": password, "csrfmiddlewaretoken": _token(page)},
    )
    assert response.status_code == 302


def test_a_page_masks_its_csrf_token_once_and_every_form_posts_with_it(
    alice: User, alices_rfc: Rfc
) -> None:
    client = _strict(alice)
    url = reverse("proposals:detail", args=[alices_rfc.number])
    html = client.get(url).content.decode()
    tokens = set(_TOKEN.findall(html))
    header = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', html)
    assert header is not None
    assert len(_post_forms(html)) >= 2  # sign out and a state button
    assert tokens == {header.group(1)}
    (move,) = [f for f in _post_forms(html) if 'value="in-progress"' in f]
    response = client.post(
        reverse("proposals:state", args=[alices_rfc.number]),
        {"csrfmiddlewaretoken": _token(move), "state": "in-progress"},
    )
    assert response.status_code in (302, 409)  # moved, or refused as not ready: not 403
