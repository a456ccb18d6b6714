"""Who may do what to an RFC; views and the API both ask here, and so do the services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User

from docket.web.proposals.models import Rfc

Actor = User | AnonymousUser


class HasPk(Protocol):
    """An account, or a lighter record of one that carries its primary key."""

    @property
    def pk(self) -> Any: ...


def can_view(user: Actor) -> bool:
    if settings.DOCKET_PUBLIC_READ:
        return True
    return bool(user.is_authenticated and user.has_perm("proposals.view_rfc"))


def can_create(user: Actor) -> bool:
    return bool(user.is_authenticated and user.has_perm("proposals.add_rfc"))


def is_author(user: Actor, rfc: Rfc, authors: Iterable[HasPk] | None = None) -> bool:
    """Whether ``user`` is one of the RFC's authors: ``authors`` when the caller has them.

    ``rfc.authors.all()`` answers from a prefetch when the caller made one, so asking
    can_edit and can_change_state costs no query each; RFCs have few authors.
    """
    if not user.is_authenticated:
        return False
    return any(a.pk == user.pk for a in (rfc.authors.all() if authors is None else authors))


def can_edit(user: Actor, rfc: Rfc, authors: Iterable[HasPk] | None = None) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("proposals.edit_any_rfc"):
        return True
    return user.has_perm("proposals.change_rfc") and is_author(user, rfc, authors)


def can_change_state(user: Actor, rfc: Rfc, authors: Iterable[HasPk] | None = None) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("proposals.change_state_any_rfc"):
        return True
    return user.has_perm("proposals.change_rfc") and is_author(user, rfc, authors)
