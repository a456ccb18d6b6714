"""The RFC page's per-revision part, rendered when the revision is saved and stored with it.

Everything the page draws from a revision (the document, the checklist, the lint findings
and the history up to and including it) is fixed once that revision is current: history
only grows by a new revision, which becomes current in its place. So the part is rendered
once, at save time, like the document's HTML, and the page reads it back in one short
query. So is the heading above it (number, title, state, listed authors, completeness):
rendered on every view, its macros were a tenth of the page's time. What the page says
about the viewer goes between the two, where the part keeps a marker. The stored part is
tagged with a fingerprint of the templates it came from; after an upgrade changes them, a
page renders its part afresh and stores it again. Author names in the history are as they
were when the revision was saved.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import NamedTuple

from django.template.loader import get_template, render_to_string
from markupsafe import Markup

from docket.web.proposals import reads
from docket.web.proposals.models import Revision, Rfc

TEMPLATE = "proposals/_document.html"
_SOURCES = (TEMPLATE, "proposals/_macros.html")
# Where the page puts what it says about the viewer: a comment, which sanitised Markdown
# never carries, and which comes before the document in the part anyway.
VIEWER_MARK = "<!-- docket:viewer -->"


class PagePart(NamedTuple):
    """The stored part, split at the viewer's place: both halves are safe HTML."""

    head: Markup
    body: Markup

    @classmethod
    def split(cls, stored: str) -> PagePart:
        head, _, body = stored.partition(VIEWER_MARK)
        return cls(Markup(head), Markup(body))  # rendered by our own autoescaping template


@cache
def version() -> str:
    """A fingerprint of the templates the part is rendered from."""
    digest = hashlib.blake2b(digest_size=8)
    for name in _SOURCES:
        template = get_template(name).template  # type: ignore[attr-defined]
        digest.update(name.encode())  # not the path: a new install elsewhere is no change
        with open(template.filename, "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()


def render(rfc: Rfc) -> str:
    """The part for the RFC's current revision, from the database."""
    context = {
        "rfc": rfc,
        "revision": reads.current_revision(rfc),
        "history": reads.history(rfc),
        "viewer_part": Markup(VIEWER_MARK),
    }
    return render_to_string(TEMPLATE, context)


def store(rfc: Rfc) -> str:
    """Render the current revision's part and keep it with the revision."""
    part = render(rfc)
    if rfc.current_id is not None:
        Revision.objects.filter(pk=rfc.current_id).update(page=part, page_version=version())
    return part


def for_page(rfc: Rfc, stored: str, stored_version: str) -> PagePart:
    """The part as stored, or a fresh one (kept for next time) when missing or outdated."""
    current = rfc.current_id is not None and stored_version == version()
    return PagePart.split(stored if current else store(rfc))
