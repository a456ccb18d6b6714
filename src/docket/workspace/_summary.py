"""One RFC read into what listings show: number, title, state, authors, completeness."""

from __future__ import annotations

from dataclasses import dataclass

from docket.document import Document, field_key
from docket.document.completeness import Completeness, completeness
from docket.template import Schema
from docket.workspace._discovery import RfcFile

_TITLE_FIELDS = ("title", "feature-name", "name")
_SUMMARY_KEYS = ("summary", "abstract", "context and problem statement", "tl dr")


@dataclass(frozen=True)
class RfcSummary:
    file: RfcFile
    document: Document
    completeness: Completeness

    @property
    def number(self) -> int:
        return self.file.number

    @property
    def title(self) -> str:
        return display_title(self.document, self.file)

    @property
    def state(self) -> str:
        return self.document.state or ""

    @property
    def authors(self) -> list[str]:
        return [p.name for p in self.document.authors]

    @property
    def summary_text(self) -> str:
        return summary_text(self.document)


def summarise(file: RfcFile, document: Document, schema: Schema) -> RfcSummary:
    return RfcSummary(file, document, completeness(document, schema))


def display_title(doc: Document, file: RfcFile) -> str:
    """The title heading's text, else a title-like metadata field, else the file's slug."""
    if doc.title is not None and doc.title.text:
        return doc.title.text
    for key, value in doc.front_matter.data.items():
        if field_key(key) in _TITLE_FIELDS and value:
            return str(value)
    return file.slug.replace("-", " ").replace("_", " ").strip() or file.relative


def summary_text(doc: Document) -> str:
    """The author's own text in the summary-like section (else the first), for similarity."""
    section = next((s for s in doc.sections if s.key in _SUMMARY_KEYS), None)
    if section is None and doc.sections:
        section = doc.sections[0]
    if section is None:
        return ""
    return " ".join(
        b.content or b.text for b in section.blocks if b.kind in ("paragraph", "list", "quote")
    )
