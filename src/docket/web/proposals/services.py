"""Creating RFCs, saving revisions and changing state: the one path views and the API share.

Each function checks the user's permission itself, so no caller can forget to.
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from docket.web.proposals import page_part, permissions
from docket.web.proposals.analysis import analyse, findings_as_json
from docket.web.proposals.models import Revision, Rfc
from docket.web.proposals.permissions import Actor
from docket.web.proposals.schema import current_schema

log = logging.getLogger(__name__)

# Two people creating at the same moment can read the same "next number"; the loser of the
# unique constraint tries again with a fresh one.
NUMBER_ATTEMPTS = 8
MAX_TITLE_CHARS = 300


class ServiceError(Exception):
    """A request the workspace refuses, with a message fit to show the user."""


class InvalidInput(ServiceError):
    pass


class NumberTaken(ServiceError):
    pass


class StaleRevision(ServiceError):
    """The edit was based on a revision that is no longer the newest."""

    def __init__(self, rfc: Rfc, base_revision_id: int | None, current: Revision) -> None:
        super().__init__(
            f"RFC {rfc.number} changed since you started editing: revision {current.seq} "
            f"by {current.author or 'someone'} is newer than the one you edited"
        )
        self.rfc = rfc
        self.base_revision_id = base_revision_id
        self.current = current


class TransitionNotAllowed(ServiceError):
    pass


class NotReady(ServiceError):
    """The document is not ready for the requested state; ``findings`` say what is missing."""

    def __init__(self, state: str, findings: list[dict[str, Any]]) -> None:
        super().__init__(f"not ready for {state}: {len(findings)} problem(s) to fix first")
        self.state = state
        self.findings = findings


def author_line(user: User) -> str:
    """How the user appears in a new RFC's ``authors`` field."""
    name = user.get_full_name() or user.get_username()
    return f"{name} ({user.email})" if user.email else name


def validate_text(text: str, max_chars: int = 1_000_000) -> str:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidInput(f"the text contains binary data (a NUL byte) on line {line}")
    if len(text) > max_chars:
        raise InvalidInput(f"the text is {len(text):,} characters; the limit is {max_chars:,}")
    return text


def validate_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("give the RFC a title")
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInput(f"the title is longer than {MAX_TITLE_CHARS} characters")
    return title


def next_number() -> int:
    return (Rfc.objects.aggregate(top=Max("number"))["top"] or 0) + 1


def create_rfc(
    user: Actor, title: str, text: str | None = None, *, number: int | None = None
) -> Rfc:
    """Reserve a number and write revision 1: ``text`` as given, else the scaffolded template.

    With ``number`` (an import keeping its file's number) a taken number raises
    ``NumberTaken`` instead of moving on.
    """
    if not permissions.can_create(user) or not isinstance(user, User):
        raise PermissionDenied("your role cannot create RFCs")
    title = validate_title(title)
    if text is not None:
        validate_text(text)
    from docket.workspace import scaffold

    schema = current_schema()
    for _attempt in range(NUMBER_ATTEMPTS):
        candidate = number if number is not None else next_number()
        body = text
        if body is None:
            body = scaffold(
                schema,
                number=candidate,
                title=title,
                authors=[author_line(user)],
                today=timezone.localdate(),
            )
        try:
            with transaction.atomic():
                rfc = Rfc.objects.create(number=candidate, title=title, created_by=user)
                rfc.authors.add(user)
                _append_revision(rfc, user, body, base=None, message="created")
                return rfc
        except IntegrityError:
            if number is not None:
                raise NumberTaken(f"RFC number {number} is already taken") from None
            log.info("RFC number %s was taken concurrently; retrying", candidate)
    raise ServiceError("could not reserve an RFC number; try again")


def save_revision(
    rfc: Rfc,
    user: Actor,
    text: str,
    base_revision_id: int | None,
    *,
    message: str = "",
) -> Revision:
    """Add a revision, refusing with ``StaleRevision`` if ``base`` is no longer the newest.

    Saving the text the newest revision already holds adds nothing and returns it.
    """
    if not permissions.can_edit(user, rfc) or not isinstance(user, User):
        raise PermissionDenied("only the RFC's authors and admins may edit it")
    validate_text(text)
    with transaction.atomic():
        locked = Rfc.objects.select_for_update().get(pk=rfc.pk)
        current = locked.current
        if current is not None and current.pk != base_revision_id:
            raise StaleRevision(locked, base_revision_id, current)
        if current is not None and current.text == text:
            return current
        revision = _append_revision(locked, user, text, base=current, message=message)
    _refresh(rfc, locked)
    return revision


def allowed_states(rfc: Rfc) -> list[str]:
    """The lifecycle neighbours of the RFC's state: one step forward or back."""
    states = list(current_schema().states)
    if rfc.state not in states:
        return states[:1] if states else []
    index = states.index(rfc.state)
    return [states[i] for i in (index + 1, index - 1) if 0 <= i < len(states)]


def change_state(rfc: Rfc, user: Actor, new_state: str, force: bool = False) -> Revision:
    """Move the RFC one lifecycle step after the readiness check; ``force`` (admins) skips both.

    The state lives in the document's front matter, so a change is a new revision that
    touches only that value.
    """
    if not permissions.can_change_state(user, rfc) or not isinstance(user, User):
        raise PermissionDenied("only the RFC's authors and admins may change its state")
    from docket.lint import readiness
    from docket.workspace import set_state

    if force and not user.has_perm("proposals.change_state_any_rfc"):
        raise PermissionDenied("only admins may force a state change")
    schema = current_schema()
    if new_state not in schema.states:
        raise TransitionNotAllowed(
            f"{new_state!r} is not a state; the lifecycle is {' → '.join(schema.states)}"
        )
    with transaction.atomic():
        locked = Rfc.objects.select_for_update().get(pk=rfc.pk)
        if locked.current is None:
            raise TransitionNotAllowed("the RFC has no text yet")
        if new_state == locked.state:
            raise TransitionNotAllowed(f"RFC {locked.number} is already {new_state}")
        if not force and new_state not in allowed_states(locked):
            raise TransitionNotAllowed(
                f"RFC {locked.number} cannot move from {locked.state or 'no state'} to "
                f"{new_state}; allowed: {', '.join(allowed_states(locked)) or 'none'}"
            )
        text = locked.current.text
        if not force:
            blocking = findings_as_json(readiness(text, schema, new_state))
            if blocking:
                raise NotReady(new_state, blocking)
        revision = _append_revision(
            locked,
            user,
            set_state(text, schema, new_state),
            base=locked.current,
            message=f"state: {locked.state or 'none'} → {new_state}",
        )
    _refresh(rfc, locked)
    return revision


def _append_revision(
    rfc: Rfc, user: User | None, text: str, *, base: Revision | None, message: str
) -> Revision:
    facts = analyse(text, current_schema(), fallback_title=rfc.title)
    seq = (rfc.revisions.aggregate(top=Max("seq"))["top"] or 0) + 1
    revision = Revision.objects.create(
        rfc=rfc,
        seq=seq,
        text=text,
        author=user,
        base=base,
        message=message[:200],
        **facts.revision_fields(),
    )
    rfc.current = revision
    rfc.title = facts.title
    rfc.state = facts.state
    rfc.listed_authors = facts.listed_authors
    rfc.filled = facts.filled
    rfc.total = facts.total
    rfc.updated_at = timezone.now()
    rfc.save(
        update_fields=[
            "current",
            "title",
            "state",
            "listed_authors",
            "filled",
            "total",
            "updated_at",
        ]
    )
    page_part.store(rfc)
    _index_for_search(rfc, revision)
    return revision


def _index_for_search(rfc: Rfc, revision: Revision) -> None:
    # The search app is optional: index only when it is installed.
    if not apps.is_installed("docket.web.search"):
        return
    from docket.web.search import index_rfc

    index_rfc(rfc, revision)


def _refresh(target: Rfc, source: Rfc) -> None:
    for name in ("current", "title", "state", "listed_authors", "filled", "total", "updated_at"):
        setattr(target, name, getattr(source, name))
