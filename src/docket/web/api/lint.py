"""``POST /lint``: check any Markdown against the workspace's template, store nothing."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router
from pydantic import ValidationError as PydanticError

from docket.web.api.errors import ApiError
from docket.web.api.schemas import ErrorOut, LintIn, LintOut
from docket.web.proposals import permissions
from docket.web.proposals.analysis import findings_as_json
from docket.web.proposals.schema import current_schema

router = Router(tags=["Lint"])

MARKDOWN_TYPES = frozenset({"text/markdown", "text/plain", "text/x-markdown"})

_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "text/markdown": {"schema": {"type": "string"}},
            "application/json": {"schema": LintIn.model_json_schema()},
        },
    }
}


def _read(request: HttpRequest) -> LintIn:
    """The text to lint, from a Markdown body or a JSON ``{"text": ..., "state": ...}``."""
    content_type = request.content_type or ""
    if content_type in MARKDOWN_TYPES:
        try:
            text = request.body.decode(request.encoding or "utf-8")
        except (UnicodeDecodeError, LookupError):
            raise ApiError(400, "bad_encoding", "the Markdown body is not valid UTF-8") from None
        return LintIn(text=text, state=request.GET.get("state") or None)
    if content_type == "application/json":
        try:
            return LintIn.model_validate(json.loads(request.body))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, "bad_json", f"the body is not valid JSON: {exc}") from None
        except PydanticError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise ApiError(422, "validation_error", f"body.{where}: {first['msg']}") from None
    raise ApiError(
        415,
        "unsupported_media_type",
        f"send text/markdown or application/json, not {content_type or 'no Content-Type'}",
    )


@router.post(
    "/lint",
    response={200: LintOut, **{c: ErrorOut for c in (400, 401, 403, 413, 415, 422)}},
    summary="Lint Markdown",
    openapi_extra=_BODY_DOC,
)
def lint(request: HttpRequest) -> dict[str, Any]:
    """Findings for the Markdown sent, with ``state`` (query or JSON) adding readiness."""
    from docket.lint import lint_text

    if not permissions.can_view(request.auth):  # type: ignore[attr-defined]
        raise ApiError(403, "permission_denied", "your account has no role that can read RFCs")
    body = _read(request)
    schema = current_schema()
    if body.state is not None and body.state not in schema.states:
        raise ApiError(
            422,
            "validation_error",
            f"state: {body.state!r} is not a state; use one of {', '.join(schema.states)}",
        )
    findings = findings_as_json(lint_text(body.text, schema, path="<request>", state=body.state))
    return {"count": len(findings), "findings": findings}
