"""The stylesheet for highlighted code, generated from the renderer's Pygments style."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from docket.render import pygments_css


@cache
def _stylesheet() -> str:
    return pygments_css()


@require_GET
@cache_control(public=True, max_age=3600)
def pygments_stylesheet(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_stylesheet(), content_type="text/css; charset=utf-8")
