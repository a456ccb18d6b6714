"""URLs under ``/api/v1/``: ninja's, with every refusal in the API's JSON error shape.

Unmatched paths are a JSON 404 and unsupported methods a JSON 405 (ninja answers the
latter in plain text), so clients parse one shape whatever went wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path

from docket.web.api.errors import error_response
from docket.web.api.root import api


def not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return error_response(404, "not_found", f"no API endpoint at {request.path}")


def _json_not_allowed(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        refusal = error_response(
            405, "method_not_allowed", f"{request.method} is not allowed here; use {allowed}"
        )
        refusal["Allow"] = allowed
        return refusal

    return wrapper


def _patterns() -> list[URLPattern | URLResolver]:
    patterns, _app, _namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _json_not_allowed(pattern.callback)
    return patterns


urlpatterns: list[URLPattern | URLResolver] = [
    path("", (_patterns(), "ninja", api.urls_namespace)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
