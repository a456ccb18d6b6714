"""The Jinja2 environment for page templates: ``url()``, ``static()`` and a few filters."""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from jinja2 import Environment


@lru_cache(maxsize=4096)
def _reverse(prefix: str, urlconf: str | None, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args or None)


def _url(prefix: str, urlconf: str | None, name: str, *args: Any, **kwargs: Any) -> str:
    if kwargs:
        return reverse(name, urlconf=urlconf, args=args or None, kwargs=kwargs)
    try:
        return _reverse(prefix, urlconf, name, args)
    except TypeError:  # an argument that cannot be a key, such as a list
        return reverse(name, urlconf=urlconf, args=args)


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """``reverse()``, remembered: a page names the same few URLs on every request.

    The answer depends only on the name, the arguments, the URL configuration and the
    script prefix, so those make the key; keyword arguments are rare and not remembered.
    """
    return _url(get_script_prefix(), get_urlconf(), name, *args, **kwargs)


def request_url(request: HttpRequest) -> dict[str, Any]:
    """``url()`` for one page, with the request's script prefix and URL configuration read
    once rather than at every call (two context-local reads each, a twentieth of the RFC
    page's time). Pages rendered without a request use the global ``url()``."""
    return {"url": partial(_url, get_script_prefix(), get_urlconf())}


_FIELD = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'


def _page_token(request: HttpRequest) -> str:
    token: str | None = getattr(request, "docket_csrf_token", None)
    if token is None:
        token = get_token(request)
        setattr(request, "docket_csrf_token", token)  # noqa: B010 - not a declared attribute
    return token


# Made once: ``lazy()`` builds a proxy class each time it is called.
_lazy_token = lazy(_page_token, str)
_lazy_input = lazy(lambda request: format_html(_FIELD, _page_token(request)), SafeString, str)


def csrf_once(request: HttpRequest) -> dict[str, Any]:
    """``csrf_token`` and ``csrf_input`` that mask the token once per page.

    Django's own mask it afresh (32 random characters) every time a template names them;
    a page with a sign-out form and state buttons named them four times. Neither is
    computed unless the page uses it.
    """
    return {"csrf_token": _lazy_token(request), "csrf_input": _lazy_input(request)}


@lru_cache(maxsize=256)
def _static(path: str) -> str:
    return static(path)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update({"url": url, "static": _static, "get_messages": get_messages})
    return env
