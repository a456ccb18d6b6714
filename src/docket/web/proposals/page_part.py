"""The RFC page's per-revision part, rendered when the revision is saved and stored with it.

Everything the page draws from a revision (the document, the checklist, the lint findings
and the history up to and including it) is fixed once that revision is current: history
only grows by a new revision, which becomes current in its place. So the part is rendered
once, at save time, like the document's HTML, and the page reads it back in one short
query. The stored part is tagged with a fingerprint of the templates it came from; after
an upgrade changes them, a page renders its part afresh and stores it again. Author names
in the history are as they were when the revision was saved.
"""

from __future__ import annotations

import hashlib
from functools import cache

from django.template.loader import get_template, render_to_string
from markupsafe import Markup

from docket.web.proposals import reads
from docket.web.proposals.models import Revision, Rfc

TEMPLATE = "proposals/_document.html"
_SOURCES = (TEMPLATE, "proposals/_macros.html")


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
    return render_to_string(
        TEMPLATE,
        {"rfc": rfc, "revision": reads.current_revision(rfc), "history": reads.history(rfc)},
    )


def store(rfc: Rfc) -> str:
    """Render the current revision's part and keep it with the revision."""
    part = render(rfc)
    if rfc.current_id is not None:
        Revision.objects.filter(pk=rfc.current_id).update(page=part, page_version=version())
    return part


def for_page(rfc: Rfc, stored: str, stored_version: str) -> Markup:
    """The part as stored, or a fresh one (kept for next time) when missing or outdated."""
    if rfc.current_id is not None and stored_version == version():
        return Markup(stored)  # rendered by our own autoescaping template
    return Markup(store(rfc))
