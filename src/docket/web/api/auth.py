"""Who is calling: an API token (``Authorization: Bearer``) or the browser session.

One callable handles both so a bad token is a 401 naming the token, never a CSRF error
from the session check that would otherwise run next. Session callers must send the
CSRF token on unsafe methods, exactly as the web forms do.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from docket.web.accounts import tokens
from docket.web.api.errors import ApiError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class DocketAuth(HttpBearer):
    """Bearer token first, then session; anonymous reads only when public read is on."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if header is not None:
            scheme, _, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise ApiError(
                    401, "not_authenticated", "the Authorization header must be 'Bearer <token>'"
                )
            return self.authenticate(request, raw.strip())
        user = request.user
        if user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                raise ApiError(
                    403,
                    "csrf_failed",
                    "CSRF check failed: send the csrftoken cookie's value in X-CSRFToken",
                )
            return user
        if settings.DOCKET_PUBLIC_READ and request.method in SAFE_METHODS:
            return AnonymousUser()
        return None

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = tokens.authenticate(token)
        if user is None:
            raise ApiError(401, "invalid_token", "the API token is invalid or has been revoked")
        # Token requests carry no session; the services read the user from here.
        request.user = user
        return user
