"""Turn a permission answer into the right response: sign in first, or 403."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from docket.web.proposals import permissions

View = Callable[..., HttpResponse]


def refuse(request: HttpRequest, reason: str) -> HttpResponse:
    """Anonymous visitors are sent to sign in; a signed-in user without the right gets 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(reason)


def viewer_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_view(request.user):
            return refuse(request, "Your account has no role that can read RFCs yet.")
        return view(request, *args, **kwargs)

    return wrapper
