"""The Jinja2 environment for page templates: ``url()``, ``static()`` and a few filters."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import Environment


@lru_cache(maxsize=4096)
def _reverse(prefix: str, urlconf: str | None, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args or None)


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """``reverse()``, remembered: a page names the same few URLs on every request.

    The answer depends only on the name, the arguments, the URL configuration and the
    script prefix, so those make the key; keyword arguments are rare and not remembered.
    """
    if kwargs:
        return reverse(name, args=args or None, kwargs=kwargs)
    try:
        return _reverse(get_script_prefix(), get_urlconf(), name, args)
    except TypeError:  # an argument that cannot be a key, such as a list
        return reverse(name, args=args)


@lru_cache(maxsize=256)
def _static(path: str) -> str:
    return static(path)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update({"url": url, "static": _static, "get_messages": get_messages})
    return env
