"""The Jinja2 environment for page templates: ``url()``, ``static()`` and a few filters."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    env = Environment(**options)
    env.globals.update({"url": url, "static": static, "get_messages": get_messages})
    return env
