"""Re-render the page HTML of each RFC's current revision with what pages now expect.

The RFC page stopped repeating the title heading, links remote images instead of showing
them broken, and points in-page links at their ``user-content-`` targets. Only current
revisions are shown as HTML, so only they are re-rendered; the stored text is untouched.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from docket.document import parse_document
from docket.template import TemplateError
from docket.web.proposals.analysis import render_page
from docket.web.proposals.schema import current_schema


def rerender(apps: Any, schema_editor: Any) -> None:
    revision_model = apps.get_model("proposals", "Revision")
    rfc_model = apps.get_model("proposals", "Rfc")
    try:
        title: Any = current_schema().title
    except (TemplateError, OSError):
        title = True  # the template cannot be read here: take a lone first H1 as the title
    current = rfc_model.objects.exclude(current=None).values("current_id")
    for revision in revision_model.objects.filter(pk__in=current).only("pk", "text").iterator():
        rendered = render_page(revision.text, parse_document(revision.text, "<rfc>", title))
        toc = [{"level": e.level, "text": e.text, "anchor": e.anchor} for e in rendered.toc]
        # A queryset update: the model's save() refuses to touch a stored revision.
        revision_model.objects.filter(pk=revision.pk).update(html=rendered.html, toc=toc)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_backfill_listed_authors")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
