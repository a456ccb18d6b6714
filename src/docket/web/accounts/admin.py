"""Admins manage users, roles (groups), invitations and tokens through Django admin."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from docket.web.accounts.invitations import invite
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


class DocketUserAdmin(UserAdmin):
    actions = ["send_invitation"]

    @admin.action(description="Send an invitation (a link to set the password)")
    def send_invitation(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        sent = 0
        for user in queryset:
            if not user.email:
                self.message_user(
                    request, f"{user.username} has no e-mail address.", messages.WARNING
                )
                continue
            invite(request, user)
            sent += 1
        self.message_user(request, f"Sent {sent} invitation(s).", messages.SUCCESS)


admin.site.unregister(User)
admin.site.register(User, DocketUserAdmin)
