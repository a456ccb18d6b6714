"""htmx endpoints behind the editor: live preview and live lint of unsaved text.

Nothing is stored; they need the right to create or edit some RFC, so a reader cannot
use the server as a free renderer.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from docket.document import parse_document
from docket.web.proposals import permissions
from docket.web.proposals.access import refuse
from docket.web.proposals.analysis import findings_as_json, render_page
from docket.web.proposals.forms import PreviewForm
from docket.web.proposals.schema import current_schema


def _may_write(request: HttpRequest) -> bool:
    user = request.user
    return permissions.can_create(user) or bool(
        user.is_authenticated and user.has_perm("proposals.edit_any_rfc")
    )


@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    if not _may_write(request):
        return refuse(request, "Only authors and admins can use the editor.")
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return render(request, "proposals/_invalid.html", {"form": form}, status=400)
    text = form.cleaned_data["text"]
    rendered = render_page(text, parse_document(text, "<editor>", current_schema().title))
    return render(request, "proposals/_preview.html", {"html": rendered.html})


@require_POST
def lint(request: HttpRequest) -> HttpResponse:
    if not _may_write(request):
        return refuse(request, "Only authors and admins can use the editor.")
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return render(request, "proposals/_invalid.html", {"form": form}, status=400)
    from docket.lint import lint_text

    findings = lint_text(form.cleaned_data["text"], current_schema(), path="<editor>")
    return render(request, "proposals/_findings.html", {"findings": findings_as_json(findings)})
