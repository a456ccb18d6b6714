"""RFC pages: list, detail, create, edit (with conflict handling), state change, diff."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import connections, router
from django.db.models import Count, FloatField, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from docket.web.proposals import finder, page_cache, page_part, permissions, reads, services
from docket.web.proposals.access import refuse, viewer_required
from docket.web.proposals.diff import line_diff
from docket.web.proposals.forms import CreateForm, EditForm, StateForm
from docket.web.proposals.models import Revision, Rfc
from docket.web.proposals.schema import current_schema
from docket.web.search.cache import cached

PAGE_SIZE = 25
# filled / total, with an RFC whose template has no sections counted as complete.
_COMPLETENESS = Coalesce(
    Cast("filled", FloatField()) / NullIf(Cast("total", FloatField()), Value(0.0)), Value(1.0)
)
SORTS: dict[str, tuple[str, Any]] = {
    "relevance": ("Best match (with a search)", None),
    "number": ("Number, newest first", "-number"),
    "oldest": ("Number, oldest first", "number"),
    "updated": ("Recently updated", "-updated_at"),
    "title": ("Title", "title"),
    "complete": ("Most complete", "-completeness"),
    "incomplete": ("Least complete", "completeness"),
}


@require_GET
@viewer_required
def rfc_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "").strip()
    author = request.GET.get("author", "").strip()
    query = request.GET.get("q", "").strip()[:500]
    sort = request.GET.get("sort", "relevance" if query else "number")
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "number"
    # RFC rows and author links change the search generation when they change, so a
    # listing is kept under it like a search's answer: one token read, then no query.
    connection = connections[router.db_for_read(Rfc)]
    number = request.GET.get("page")
    listing = cached(
        connection,
        ("listing", state, author, query, sort, number),
        lambda: _listing(state, author, query, sort, number),
    )
    counts = listing.counts
    page = _Counted([], PAGE_SIZE, listing.total).page(listing.number)
    page.object_list = listing.rfcs
    unlisted = [rfc.pk for rfc in page.object_list if not rfc.listed_authors]
    states = list(current_schema().states)
    states += sorted(s for s in counts if s not in states)
    return render(
        request,
        "proposals/list.html",
        {
            "page": page,
            "states": states,
            "counts": counts,
            "total": sum(counts.values()),
            "state": state,
            "author": author,
            "q": query,
            "sort": sort,
            "sorts": {key: label for key, (label, _) in SORTS.items()},
            "snippets": finder.snippets(query, [rfc.pk for rfc in page]) if query else {},
            # Named in the list only for RFCs whose front matter lists no authors.
            "editors": reads.editors_by_rfc(unlisted),
            "can_create": permissions.can_create(request.user),
        },
    )


class _Listing(NamedTuple):
    """What the list page shows of the RFCs: kept in the search cache, so read-only."""

    counts: dict[str, int]
    rfcs: list[Rfc]
    number: int
    total: int


def _listing(state: str, author: str, query: str, sort: str, number: str | None) -> _Listing:
    rfcs: QuerySet[Rfc] = Rfc.objects.all()
    ranked: list[int] = []
    if query:
        ranked = finder.matches(query)
        rfcs = rfcs.filter(pk__in=ranked)
    if author:
        rfcs = rfcs.filter(
            Q(authors__username=author) | Q(listed_authors__icontains=author)
        ).distinct()
    # Only the author filter's DISTINCT needs the matches wrapped in a subquery to count.
    counted = Rfc.objects.filter(pk__in=rfcs.values("pk")) if author else rfcs
    counts = {row["state"]: row["n"] for row in counted.values("state").annotate(n=Count("id"))}
    if state:
        rfcs = rfcs.filter(state=state)
    page: Page[Any]
    if sort == "relevance":
        page = _page_by_rank(rfcs, ranked, number)
    else:
        rfcs = rfcs.annotate(completeness=_COMPLETENESS).order_by(SORTS[sort][1], "-number")
        listed = counts.get(state, 0) if state else sum(counts.values())
        page = _Counted(rfcs, PAGE_SIZE, listed).get_page(number)
    return _Listing(counts, list(page.object_list), page.number, page.paginator.count)


class _Counted(Paginator):
    """A paginator told how many there are: the list page has counted its RFCs by state,
    so counting them again would be another query (a round trip on PostgreSQL)."""

    def __init__(
        self, object_list: Sequence[Any] | QuerySet[Rfc], per_page: int, count: int
    ) -> None:
        super().__init__(object_list, per_page)
        self.known = count

    @cached_property
    def count(self) -> int:
        return self.known


def _page_by_rank(rfcs: QuerySet[Rfc], ranked: list[int], number: str | None) -> Page[Any]:
    """Paginate in the search engine's order, fetching only the page's RFCs."""
    kept = set(rfcs.values_list("pk", flat=True))
    page: Page[Any] = Paginator([pk for pk in ranked if pk in kept], PAGE_SIZE).get_page(number)
    found = reads.rfcs_by_id(list(page.object_list))
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def _rfc(number: int) -> Rfc:
    return get_object_or_404(Rfc.objects.select_related("current"), number=number)


@require_GET
@viewer_required
def rfc_detail(request: HttpRequest, number: int) -> HttpResponse:
    kept = page_cache.for_request(request)
    if kept is not None and (response := kept[0].get(number)) is not None:
        return response
    row = reads.rfc_page(number)
    if row is None:
        raise Http404(f"There is no RFC {number}.")
    rfc, editors = row.rfc, row.editors
    response = render(
        request,
        "proposals/detail.html",
        {
            "rfc": rfc,
            "document": page_part.for_page(rfc, row.part, row.part_version),
            "authors": editors,
            "can_edit": permissions.can_edit(request.user, rfc, editors),
            "can_change_state": permissions.can_change_state(request.user, rfc, editors),
            "transitions": services.allowed_states(rfc),
        },
    )
    if kept is not None and page_cache.keepable(request, response):
        cache, epoch = kept
        cache.keep(number, rfc.pk, response, epoch)
    return response


@require_GET
@viewer_required
def rfc_source(request: HttpRequest, number: int) -> HttpResponse:
    rfc = _rfc(number)
    text = rfc.current.text if rfc.current else ""
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{rfc.number:04d}.md"'
    return response


@require_http_methods(["GET", "POST"])
def rfc_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create(request.user):
        return refuse(request, "Only authors and admins can create RFCs.")
    form = CreateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                rfc = services.create_rfc(request.user, form.cleaned_data["title"])
            except services.InvalidInput as exc:
                form.add_error("title", str(exc))
            else:
                return redirect("proposals:edit", number=rfc.number)
        status = 400
    return render(request, "proposals/create.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def rfc_edit(request: HttpRequest, number: int) -> HttpResponse:
    rfc = _rfc(number)
    if not permissions.can_edit(request.user, rfc):
        return refuse(request, "Only this RFC's authors and admins can edit it.")
    current = rfc.current
    if request.method == "GET":
        form = EditForm(
            initial={
                "text": current.text if current else "",
                "base_revision": current and current.pk,
            }
        )
        return _editor(request, rfc, form)
    form = EditForm(request.POST)
    if not form.is_valid():
        return _editor(request, rfc, form, status=400)
    text = form.cleaned_data["text"]
    base_id = form.cleaned_data["base_revision"]
    try:
        services.save_revision(
            rfc, request.user, text, base_id, message=form.cleaned_data["message"]
        )
    except services.StaleRevision as stale:
        return _conflict(request, rfc, text, base_id, stale.current)
    except services.InvalidInput as exc:
        form.add_error("text", str(exc))
        return _editor(request, rfc, form, status=400)
    messages.success(request, f"Saved RFC {rfc.number}.")
    return redirect("proposals:detail", number=rfc.number)


def _editor(request: HttpRequest, rfc: Rfc, form: EditForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "proposals/edit.html",
        {"rfc": rfc, "form": form, "schema": current_schema()},
        status=status,
    )


def _conflict(
    request: HttpRequest, rfc: Rfc, mine: str, base_id: int, current: Revision
) -> HttpResponse:
    """409: show what the other person changed since the base, keep the user's text to merge."""
    base = Revision.objects.filter(rfc=rfc, pk=base_id).first()
    theirs = line_diff(base.text if base else "", current.text)
    form = EditForm(initial={"text": mine, "base_revision": current.pk})
    return render(
        request,
        "proposals/conflict.html",
        {
            "rfc": rfc,
            "form": form,
            "base": base,
            "current": current,
            "theirs": theirs,
            "mine_vs_current": line_diff(current.text, mine),
            "schema": current_schema(),
        },
        status=409,
    )


@require_POST
def rfc_state(request: HttpRequest, number: int) -> HttpResponse:
    rfc = _rfc(number)
    if not permissions.can_change_state(request.user, rfc):
        return refuse(request, "Only this RFC's authors and admins can change its state.")
    form = StateForm(request.POST)
    if not form.is_valid():
        return _state_refused(request, rfc, "Choose a state to move to.", [], status=400)
    target = form.cleaned_data["state"]
    try:
        services.change_state(rfc, request.user, target, force=form.cleaned_data["force"])
    except services.NotReady as exc:
        return _state_refused(
            request, rfc, f"RFC {rfc.number} is not ready to be {target}.", exc.findings, 409
        )
    except services.TransitionNotAllowed as exc:
        return _state_refused(request, rfc, str(exc), [], status=409)
    except PermissionDenied:
        raise
    messages.success(request, f"RFC {rfc.number} is now {target}.")
    return redirect("proposals:detail", number=rfc.number)


def _state_refused(
    request: HttpRequest,
    rfc: Rfc,
    reason: str,
    findings: list[dict[str, Any]],
    status: int,
) -> HttpResponse:
    return render(
        request,
        "proposals/state_refused.html",
        {"rfc": rfc, "reason": reason, "findings": findings},
        status=status,
    )


@require_GET
@viewer_required
def rfc_diff(request: HttpRequest, number: int) -> HttpResponse:
    rfc = _rfc(number)
    revisions = {r.seq: r for r in rfc.revisions.only("seq", "text", "created_at", "author")}
    newest = max(revisions, default=0)
    try:
        new_seq = int(request.GET.get("to", newest))
        old_seq = int(request.GET.get("from", new_seq - 1))
    except ValueError:
        return _bad_diff(request, rfc, "Revision numbers must be whole numbers.")
    if new_seq not in revisions or (old_seq not in revisions and old_seq != 0):
        return _bad_diff(request, rfc, f"RFC {rfc.number} has revisions 1 to {newest}.")
    old_text = revisions[old_seq].text if old_seq else ""
    return render(
        request,
        "proposals/diff.html",
        {
            "rfc": rfc,
            "old": revisions.get(old_seq),
            "new": revisions[new_seq],
            "seqs": sorted(revisions, reverse=True),
            "old_seq": old_seq,
            "new_seq": new_seq,
            "lines": line_diff(old_text, revisions[new_seq].text),
        },
    )


def _bad_diff(request: HttpRequest, rfc: Rfc, detail: str) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"status": 400, "title": "No such revisions", "detail": detail},
        status=400,
    )
