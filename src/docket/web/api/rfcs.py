"""RFC endpoints: list, search, read, revisions, create, update (If-Match) and state."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status

from docket.web.api.errors import ApiError
from docket.web.api.etags import etag_for, if_match_allows
from docket.web.api.schemas import (
    CreateIn,
    ErrorOut,
    RevisionPage,
    RevisionTextOut,
    RfcOut,
    RfcPage,
    SearchPage,
    StateIn,
    UpdateIn,
)
from docket.web.proposals import permissions, services
from docket.web.proposals.models import Revision, Rfc
from docket.web.search import search

router = Router(tags=["RFCs"])

MAX_LIMIT = 100


def _errors(*codes: int) -> dict[int, Any]:
    return {code: ErrorOut for code in (401, 403, *codes)}


def _require_viewer(request: HttpRequest) -> None:
    if not permissions.can_view(request.auth):  # type: ignore[attr-defined]
        raise ApiError(403, "permission_denied", "your account has no role that can read RFCs")


def _rfc(number: int) -> Rfc:
    try:
        return Rfc.objects.select_related("current", "current__author").get(number=number)
    except Rfc.DoesNotExist:
        raise ApiError(404, "not_found", f"there is no RFC {number}") from None


def _page_bounds(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(422, "validation_error", f"query.limit: must be from 1 to {MAX_LIMIT}")
    if offset < 0:
        raise ApiError(422, "validation_error", "query.offset: must be 0 or more")
    return limit, offset


def summary(rfc: Rfc, authors: Sequence[str] | None = None) -> dict[str, Any]:
    """The RFC as lists show it; ``authors`` are its editors' usernames when known."""
    return {
        "number": rfc.number,
        "title": rfc.title,
        "state": rfc.state,
        "authors": list(authors)
        if authors is not None
        else [user.get_username() for user in rfc.authors.all()],
        "filled": rfc.filled,
        "total": rfc.total,
        "updated_at": rfc.updated_at,
    }


def revision_out(revision: Revision, *, text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": revision.pk,
        "seq": revision.seq,
        "author": revision.author.get_username() if revision.author else None,
        "created_at": revision.created_at,
        "message": revision.message,
        "title": revision.title,
        "state": revision.state,
        "etag": etag_for(revision.pk),
    }
    if text:
        out["text"] = revision.text
    return out


def detail(rfc: Rfc) -> dict[str, Any]:
    current = rfc.current
    return {
        **summary(rfc),
        "created_at": rfc.created_at,
        "etag": etag_for(current.pk) if current else None,
        "sections": current.checklist if current else [],
        "findings": current.findings if current else [],
        "current_revision": revision_out(current, text=True) if current else None,
    }


def _with_etag(rfc: Rfc, response: HttpResponse) -> dict[str, Any]:
    if rfc.current_id is not None:
        response["ETag"] = etag_for(rfc.current_id)
    return detail(rfc)


def _listing(state: str | None, author: str | None) -> QuerySet[Rfc]:
    rfcs = Rfc.objects.all()
    if state:
        rfcs = rfcs.filter(state=state)
    if author:
        rfcs = rfcs.filter(authors__username=author)
    return rfcs


@router.get("/rfcs", response={200: RfcPage, **_errors(422)}, summary="List RFCs")
def list_rfcs(
    request: HttpRequest,
    state: str | None = None,
    author: str | None = Query(None, description="Username of an author."),
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Newest first; ``state`` and ``author`` filter as the list page does."""
    _require_viewer(request)
    limit, offset = _page_bounds(limit, offset)
    rfcs = _listing(state, author).order_by("-number")
    page = rfcs.prefetch_related("authors")[offset : offset + limit]
    return {
        "count": rfcs.count(),
        "limit": limit,
        "offset": offset,
        "items": [summary(rfc) for rfc in page],
    }


@router.get("/search", response={200: SearchPage, **_errors(422)}, summary="Search RFCs")
def search_rfcs(
    request: HttpRequest,
    q: str = Query(..., description='Words, "quoted phrases", -exclusions and `or`.'),
    state: str | None = None,
    author: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Ranked full-text search with highlighted snippets, best match first."""
    _require_viewer(request)
    limit, offset = _page_bounds(limit, offset)
    results = search(q, state=state, author=author, limit=limit, offset=offset)
    return {
        "count": results.count,
        "limit": limit,
        "offset": offset,
        "items": [
            {"rfc": summary(hit.rfc, hit.authors), "rank": hit.rank, "snippet": hit.snippet}
            for hit in results.hits
        ],
    }


@router.get(
    "/rfcs/{number}", response={200: RfcOut, 304: None, **_errors(404)}, summary="Get an RFC"
)
def get_rfc(request: HttpRequest, number: int, response: HttpResponse) -> Any:
    """Metadata, sections with their filled flags, lint findings and the current text.

    The ``ETag`` header names the current revision; send it back as ``If-Match`` to update,
    or as ``If-None-Match`` to get an empty 304 while nothing has changed.
    """
    _require_viewer(request)
    rfc = _rfc(number)
    seen = request.headers.get("If-None-Match")
    if seen and rfc.current_id is not None and if_match_allows(seen, etag_for(rfc.current_id)):
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = etag_for(rfc.current_id)
        return not_modified
    return _with_etag(rfc, response)


@router.get(
    "/rfcs/{number}/revisions",
    response={200: RevisionPage, **_errors(404, 422)},
    summary="List an RFC's revisions",
)
def list_revisions(
    request: HttpRequest, number: int, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Newest first."""
    _require_viewer(request)
    limit, offset = _page_bounds(limit, offset)
    revisions = _rfc(number).revisions.select_related("author").order_by("-seq")
    return {
        "count": revisions.count(),
        "limit": limit,
        "offset": offset,
        "items": [revision_out(r) for r in revisions[offset : offset + limit]],
    }


@router.get(
    "/rfcs/{number}/revisions/{seq}",
    response={200: RevisionTextOut, **_errors(404)},
    summary="Get one revision",
)
def get_revision(request: HttpRequest, number: int, seq: int) -> dict[str, Any]:
    _require_viewer(request)
    rfc = _rfc(number)
    revision = rfc.revisions.select_related("author").filter(seq=seq).first()
    if revision is None:
        raise ApiError(404, "not_found", f"RFC {number} has no revision {seq}")
    return revision_out(revision, text=True)


@router.post("/rfcs", response={201: RfcOut, **_errors(409, 422)}, summary="Create an RFC")
def create_rfc(request: HttpRequest, body: CreateIn, response: HttpResponse) -> Status:
    """Takes the next free number; without ``text`` the template is scaffolded."""
    rfc = services.create_rfc(request.auth, body.title, body.text)  # type: ignore[attr-defined]
    rfc = _rfc(rfc.number)
    response["Location"] = f"{request.path.rstrip('/')}/{rfc.number}"
    return Status(201, _with_etag(rfc, response))


@router.put(
    "/rfcs/{number}",
    response={200: RfcOut, **_errors(404, 412, 422, 428)},
    summary="Update an RFC's text",
)
def update_rfc(
    request: HttpRequest, number: int, body: UpdateIn, response: HttpResponse
) -> dict[str, Any]:
    """Saves a new revision. Requires ``If-Match`` with the ETag from the last read:
    412 if someone saved since, 428 if the header is missing."""
    rfc = _rfc(number)
    if not permissions.can_edit(request.auth, rfc):  # type: ignore[attr-defined]
        raise ApiError(403, "permission_denied", "only the RFC's authors and admins may edit it")
    header = request.headers.get("If-Match")
    if header is None:
        raise ApiError(
            428,
            "precondition_required",
            "send If-Match with the ETag from GET /rfcs/{number}, so edits cannot be lost",
        )
    current = etag_for(rfc.current_id) if rfc.current_id is not None else None
    if current is None or not if_match_allows(header, current):
        raise ApiError(
            412,
            "stale_revision",
            f"RFC {number} changed since that ETag; GET it again and reapply your edit",
            {"current_etag": current},
        )
    services.save_revision(rfc, request.auth, body.text, rfc.current_id, message=body.message)  # type: ignore[attr-defined]
    return _with_etag(_rfc(number), response)


@router.post(
    "/rfcs/{number}/state",
    response={200: RfcOut, **_errors(404, 409, 422)},
    summary="Change an RFC's state",
)
def change_state(
    request: HttpRequest, number: int, body: StateIn, response: HttpResponse
) -> dict[str, Any]:
    """One lifecycle step, after the readiness check: 422 ``not_ready`` lists what is
    missing in ``details``; 409 when the move is not allowed from the current state."""
    rfc = _rfc(number)
    services.change_state(rfc, request.auth, body.state, force=body.force)  # type: ignore[attr-defined]
    return _with_etag(_rfc(number), response)
