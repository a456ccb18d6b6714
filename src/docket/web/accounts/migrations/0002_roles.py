"""Create the reader, author, reviewer and admin groups with their permissions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen copy of docket.web.accounts.roles at the time of this migration: a later change
# to the roles needs a new migration, not an edit here.
_VIEW = [("proposals", "view_rfc"), ("proposals", "view_revision")]
_WRITE = [("proposals", "add_rfc"), ("proposals", "change_rfc"), ("proposals", "add_revision")]
_REVIEW = [("proposals", "review_rfc")]
_ANY = [("proposals", "edit_any_rfc"), ("proposals", "change_state_any_rfc")]
ROLE_PERMISSIONS = {
    "reader": _VIEW,
    "author": _VIEW + _WRITE,
    "reviewer": _VIEW + _REVIEW,
    "admin": _VIEW + _WRITE + _REVIEW + _ANY,
}


def create_roles(apps: Any, schema_editor: Any) -> None:
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, pairs in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for app_label, codename in pairs:
            permission = permission_model.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def remove_roles(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("proposals", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
