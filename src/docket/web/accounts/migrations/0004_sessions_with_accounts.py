"""Sessions that keep their account's id in a column, copied from Django's own table.

Copying keeps everyone signed in across the upgrade. A session whose data cannot be read
(another secret key, a damaged row) is copied with no account: it signs nobody in, as it
would not have before.
"""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations, models


def _account(data: str) -> int | None:
    try:
        return int(SessionStore().decode(data)[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None


def copy_sessions(apps: Any, schema_editor: Any) -> None:
    old = apps.get_model("sessions", "Session")
    new = apps.get_model("accounts", "Session")
    alias = schema_editor.connection.alias
    rows = old.objects.using(alias).all().iterator(chunk_size=1000)
    batch = []
    for row in rows:
        batch.append(
            new(
                session_key=row.session_key,
                session_data=row.session_data,
                expire_date=row.expire_date,
                account_id=_account(row.session_data),
            )
        )
        if len(batch) == 1000:
            new.objects.using(alias).bulk_create(batch)
            batch = []
    new.objects.using(alias).bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_admins_manage_people"),
        ("sessions", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                (
                    "account",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "abstract": False,
            },
        ),
        migrations.RunPython(copy_sessions, migrations.RunPython.noop),
    ]
