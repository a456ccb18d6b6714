"""The four roles, as Django groups, and the permissions each one carries.

The data migration and the tests both read this table, so a role's meaning is written once.
"""

from __future__ import annotations

READER = "reader"
AUTHOR = "author"
REVIEWER = "reviewer"
ADMIN = "admin"

ROLES: tuple[str, ...] = (READER, AUTHOR, REVIEWER, ADMIN)

# (app_label, codename) pairs per role.
_VIEW = [("proposals", "view_rfc"), ("proposals", "view_revision")]
_WRITE = [("proposals", "add_rfc"), ("proposals", "change_rfc"), ("proposals", "add_revision")]
_REVIEW = [("proposals", "review_rfc")]
_ANY = [("proposals", "edit_any_rfc"), ("proposals", "change_state_any_rfc")]
# Managing people through Django admin (the user also needs is_staff to open it).
_PEOPLE = [
    ("auth", "view_user"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_group"),
    ("accounts", "view_apitoken"),
    ("accounts", "change_apitoken"),
]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    READER: _VIEW,
    AUTHOR: _VIEW + _WRITE,
    REVIEWER: _VIEW + _REVIEW,
    ADMIN: _VIEW + _WRITE + _REVIEW + _ANY + _PEOPLE,
}
