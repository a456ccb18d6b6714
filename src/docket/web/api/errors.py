"""One error shape for every failure: ``{"error": {"code", "message", "details"?}}``.

Clients branch on ``code`` (stable, machine-readable) and show ``message`` (a sentence).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from docket.web.api.etags import etag_for
from docket.web.proposals.services import (
    InvalidInput,
    NotReady,
    NumberTaken,
    StaleRevision,
    TransitionNotAllowed,
)

log = logging.getLogger(__name__)

Handler = Callable[[HttpRequest, Any], HttpResponse]


class ApiError(Exception):
    """Raised by endpoints to answer with ``status`` and the standard error body."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, details: Any = None) -> JsonResponse:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return JsonResponse({"error": error}, status=status)


def _location(loc: Any) -> str:
    # ninja prefixes locations with the parameter source ("body", "query") and the schema
    # argument's name; keep the source and the field path a client would recognise.
    parts = [str(p) for p in loc] if isinstance(loc, list | tuple) else [str(loc)]
    if len(parts) >= 2 and parts[0] in {"body", "query", "path", "header"}:
        parts = [parts[0], *parts[2:]] if len(parts) > 2 else parts
    return ".".join(parts)


def _validation(request: HttpRequest, exc: Any) -> HttpResponse:
    details = [
        {"location": _location(e.get("loc", ())), "message": str(e.get("msg", "invalid"))}
        for e in exc.errors
    ]
    first = details[0] if details else {"location": "request", "message": "invalid"}
    message = f"{first['location']}: {first['message']}"
    if len(details) > 1:
        message += f" (and {len(details) - 1} more)"
    return error_response(422, "validation_error", message, details)


def _fixed(status: int, code: str, message: str | None = None) -> Handler:
    def handler(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(status, code, message or str(exc) or code.replace("_", " "))

    return handler


def _unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
    # The traceback goes to the log (with the request id), never to the client.
    log.exception("unhandled error in %s %s", request.method, request.path)
    return error_response(500, "server_error", "something went wrong on our side; it is logged")


HANDLERS: dict[type[Exception], Handler] = {
    ApiError: lambda request, exc: error_response(exc.status, exc.code, exc.message, exc.details),
    ValidationError: _validation,
    AuthenticationError: _fixed(
        401,
        "not_authenticated",
        "sign in, or send 'Authorization: Bearer <token>' with an API token",
    ),
    HttpError: lambda request, exc: error_response(exc.status_code, "http_error", str(exc)),
    Http404: _fixed(404, "not_found", "no such resource"),
    PermissionDenied: _fixed(403, "permission_denied"),
    RequestDataTooBig: _fixed(413, "too_large", "the request body is too large"),
    InvalidInput: _fixed(422, "invalid_input"),
    NumberTaken: _fixed(409, "number_taken"),
    TransitionNotAllowed: _fixed(409, "transition_not_allowed"),
    StaleRevision: lambda request, exc: error_response(
        412, "stale_revision", str(exc), {"current_etag": etag_for(exc.current.pk)}
    ),
    NotReady: lambda request, exc: error_response(422, "not_ready", str(exc), exc.findings),
    Exception: _unexpected,
}


def install(api: NinjaAPI) -> None:
    """Route every exception the API can raise to the standard error body."""
    for exc_class, handler in HANDLERS.items():
        api.add_exception_handler(exc_class, handler)
