"""Assets served by views: the highlighting stylesheet and the ``/favicon.ico`` redirect."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from docket.render import pygments_css


@cache
def _stylesheet() -> str:
    return pygments_css()


@require_GET
@cache_control(public=True, max_age=3600)
def pygments_stylesheet(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_stylesheet(), content_type="text/css; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and tools ask for ``/favicon.ico`` whatever the page says; point them at ours.

    Temporary but cacheable for a day: a permanent redirect would outlive a static URL that
    changes (hashed file names), since browsers keep those for good.
    """
    return HttpResponseRedirect(static("docket/favicon.svg"))
