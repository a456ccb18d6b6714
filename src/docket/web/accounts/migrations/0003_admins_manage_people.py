"""Let the admin role manage users and tokens in Django admin."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# Frozen copy of the permissions added to docket.web.accounts.roles.ADMIN here.
PEOPLE = [
    ("auth", "view_user"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_group"),
    ("accounts", "view_apitoken"),
    ("accounts", "change_apitoken"),
]


def grant(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("auth", "Group").objects.get(name="admin")
    permission_model = apps.get_model("auth", "Permission")
    for app_label, codename in PEOPLE:
        group.permissions.add(
            permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("auth", "Group").objects.get(name="admin")
    permission_model = apps.get_model("auth", "Permission")
    for app_label, codename in PEOPLE:
        group.permissions.remove(
            permission_model.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(grant, revoke)]
