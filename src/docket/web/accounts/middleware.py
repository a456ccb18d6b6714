"""Django's authentication middleware, letting the backend see the session it reads."""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from docket.web.accounts.backends import reading_session


def get_user(request: HttpRequest) -> AbstractBaseUser | AnonymousUser:
    """Django's ``get_user``, with the request's session visible to the backend meanwhile.

    The session store loads its account with its own row; the backend takes it from
    there instead of asking the database again. Django still checks everything it checks:
    the backend's rules, the session's auth hash, its fallbacks.
    """
    if not hasattr(request, "_cached_user"):
        token = reading_session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)  # type: ignore[attr-defined]
        finally:
            reading_session.reset(token)
    return request._cached_user  # type: ignore[attr-defined]


class AuthenticationMiddleware(DjangoAuthentication):
    def process_request(self, request: HttpRequest) -> None:
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))  # type: ignore[assignment]
