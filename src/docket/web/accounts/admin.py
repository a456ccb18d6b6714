"""Admins manage users, roles (groups) and tokens through Django admin."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from docket.web.accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    readonly_fields = ("user", "name", "prefix", "digest", "created_at", "last_used_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A token made here could never be shown to its owner; users make their own.
        return False
