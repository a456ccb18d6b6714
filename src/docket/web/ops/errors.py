"""Error pages: a clear sentence and the request id, never a traceback.

Django calls these for 400/403/404/500 and CSRF failures (``handler*`` in ``urls.py``).
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def error_page(request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return error_page(
            request,
            413,
            "Request too large",
            "The request body is larger than the 2 MB the workspace accepts. "
            "An RFC is text: split it or remove pasted binary content.",
        )
    return error_page(
        request, 400, "Bad request", "The request could not be understood by the server."
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = str(exception) if exception and str(exception) else ""
    return error_page(
        request,
        403,
        "Not allowed",
        detail or "Your account does not have permission to do this. Ask an admin for a role.",
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404, "Not found", "There is nothing at this address.")


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(
        request,
        500,
        "Something went wrong",
        "The server hit an error. It has been logged with the request id below.",
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(
        request,
        403,
        "Form expired",
        "This form's security token is missing or out of date. Go back, reload the page and "
        "submit again; your text is still in the form you came from.",
    )
