"""Sign-in with throttling, and naming a new API token."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from docket.web.accounts import throttle
from docket.web.accounts.tokens import MAX_NAME_CHARS

THROTTLED = "throttled"


def client_address(request: Any) -> str:
    return str(request.META.get("REMOTE_ADDR", "") if request is not None else "")


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses to even try a password once a username+address pair has failed too often."""

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        address = client_address(self.request)
        if throttle.is_blocked(username, address):
            raise ValidationError(
                "Too many failed sign-ins for this account from your address. "
                "Wait a few minutes, or reset your password.",
                code=THROTTLED,
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.clear(username, address)
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(max_length=MAX_NAME_CHARS, help_text="What the token is for.")
