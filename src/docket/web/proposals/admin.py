"""RFCs in Django admin are read-only: every change must go through a new revision."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from docket.web.proposals.models import Revision, Rfc


@admin.register(Rfc)
class RfcAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "state", "updated_at")
    list_filter = ("state",)
    search_fields = ("title",)
    filter_horizontal = ("authors",)
    # Everything a revision decides is read-only here; only the editors may change.
    readonly_fields = (
        "number",
        "title",
        "state",
        "current",
        "listed_authors",
        "filled",
        "total",
        "created_by",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("rfc", "seq", "author", "created_at", "state")
    list_select_related = ("rfc", "author")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
