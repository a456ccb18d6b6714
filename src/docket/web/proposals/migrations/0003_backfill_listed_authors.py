"""Fill ``listed_authors`` for revisions written before 0002 added it."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from docket.document import parse_document


def backfill(apps: Any, schema_editor: Any) -> None:
    revision_model = apps.get_model("proposals", "Revision")
    rfc_model = apps.get_model("proposals", "Rfc")
    for revision in revision_model.objects.filter(listed_authors=[]).iterator():
        names = [p.name for p in parse_document(revision.text).authors if p.name][:50]
        if names:
            # A queryset update: the model's save() refuses to touch a stored revision.
            revision_model.objects.filter(pk=revision.pk).update(listed_authors=names)
    for rfc in rfc_model.objects.exclude(current=None).select_related("current"):
        rfc_model.objects.filter(pk=rfc.pk).update(listed_authors=rfc.current.listed_authors)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0002_listed_authors")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
