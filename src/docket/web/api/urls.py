"""URLs under ``/api/v1/``; anything unmatched is a JSON 404, not the HTML error page."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import URLPattern, URLResolver, path, re_path

from docket.web.api.errors import error_response
from docket.web.api.root import api


def not_found(request: HttpRequest, rest: str) -> JsonResponse:
    return error_response(404, "not_found", f"no API endpoint at {request.path}")


urlpatterns: list[URLPattern | URLResolver] = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
