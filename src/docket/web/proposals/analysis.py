"""What a revision's page needs, computed once when the revision is written.

Rendering, completeness and lint run here and nowhere else, so viewing an RFC only reads
stored columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from docket.document import Document, parse_document
from docket.document.completeness import completeness
from docket.render import Rendered, render_markdown
from docket.template import Schema


@dataclass(frozen=True)
class Facts:
    title: str
    state: str
    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    listed_authors: list[str] = field(default_factory=list)
    filled: int = 0
    total: int = 0
    checklist: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)

    def revision_fields(self) -> dict[str, Any]:
        """The facts as ``Revision`` model fields: each one is stored under its own name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def analyse(text: str, schema: Schema, *, fallback_title: str = "") -> Facts:
    from docket.lint import lint_text

    document = parse_document(text, "<rfc>", schema=schema)
    rendered = render_page(text, document)
    status = completeness(document, schema)
    title = (document.title.text if document.title else "") or rendered.title or fallback_title
    return Facts(
        title=title.strip()[:300] or "Untitled",
        state=(document.state or "")[:50],
        html=rendered.html,
        toc=[{"level": e.level, "text": e.text, "anchor": e.anchor} for e in rendered.toc],
        listed_authors=[person.name for person in document.authors if person.name][:50],
        filled=status.filled,
        total=status.total,
        checklist=[
            {
                "key": item.spec.key,
                "title": item.spec.title,
                "level": item.spec.level,
                "kept": item.kept,
                "filled": item.filled,
                "guidance": list(item.spec.guidance),
            }
            for item in status.items
        ],
        findings=findings_as_json(lint_text(text, schema, path="<rfc>")),
    )


def render_page(text: str, document: Document) -> Rendered:
    """The HTML as Docket's pages show it, under their header and Content-Security-Policy.

    The page header already shows the title, so the document's title heading is left out;
    ``img-src 'self'`` would break images on other hosts, so they become links to them.
    """
    return render_markdown(
        text,
        title_line=document.title.line if document.title else None,
        link_remote_images=True,
    )


def findings_as_json(findings: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "line": f.line,
            "column": f.column,
            "code": f.code,
            "slug": f.slug,
            "severity": f.severity,
            "message": f.message,
        }
        for f in findings
    ]
