"""Which of a template's sections a document has filled.

A section is filled when it holds something beyond comments, white space, the template's
own text under that heading, template placeholders and header-only tables; a parent is
filled through its children.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docket.document._blocks import Block
from docket.document._model import Document, Section
from docket.document._text import normalise

if TYPE_CHECKING:
    from docket.template import Schema, SectionSpec

_GENERIC_PLACEHOLDER_RE = re.compile(r"<[A-Z][A-Z0-9 _-]{0,40}>")


@dataclass(frozen=True)
class SectionStatus:
    spec: SectionSpec
    section: Section | None
    filled: bool

    @property
    def kept(self) -> bool:
        return self.section is not None


@dataclass(frozen=True)
class Completeness:
    items: tuple[SectionStatus, ...]

    @property
    def kept(self) -> list[SectionStatus]:
        return [i for i in self.items if i.kept]

    @property
    def filled(self) -> int:
        return sum(1 for i in self.items if i.kept and i.filled)

    @property
    def total(self) -> int:
        return len(self.kept)

    @property
    def ratio(self) -> float:
        return self.filled / self.total if self.total else 0.0

    @property
    def unfilled(self) -> list[SectionStatus]:
        return [i for i in self.items if i.kept and not i.filled]


def strip_placeholders(text: str, placeholders: Iterable[str] = ()) -> str:
    for placeholder in placeholders:
        text = text.replace(placeholder, " ")
    return _GENERIC_PLACEHOLDER_RE.sub(" ", text)


def block_has_content(
    block: Block, template_text: frozenset[str], placeholders: Iterable[str] = ()
) -> bool:
    """Whether ``block`` is the author's own content rather than template scaffolding."""
    if block.kind in ("comment", "rule"):
        return False
    if block.kind == "table":
        return any(
            any(normalise(strip_placeholders(cell, placeholders)) for cell in row.cells)
            for row in block.rows
        )
    if block.kind == "html":
        return bool(normalise(re.sub(r"<[^>]*>", " ", block.content)))
    if block.kind == "code":
        return bool(block.content.strip())
    text = normalise(strip_placeholders(block.content or block.text, placeholders))
    if not text or text in template_text:
        return False
    return not (block.items and all(normalise(item) in template_text for item in block.items))


def section_filled(
    section: Section, spec: SectionSpec | None, schema: Schema | None = None
) -> bool:
    template_text = spec.template_text if spec else frozenset()
    placeholders = schema.placeholders if schema else ()
    if any(block_has_content(b, template_text, placeholders) for b in section.blocks):
        return True
    return any(
        section_filled(child, schema.section(child.key) if schema else None, schema)
        for child in section.children
    )


def completeness(doc: Document, schema: Schema) -> Completeness:
    """Every template section, whether the document kept it, and whether it is filled."""
    by_key: dict[str, Section] = {}
    for section in doc.sections:
        by_key.setdefault(section.key, section)
    items = []
    for spec in schema.sections:
        kept = by_key.get(spec.key)
        filled = kept is not None and section_filled(kept, spec, schema)
        items.append(SectionStatus(spec, kept, filled))
    return Completeness(tuple(items))


__all__ = [
    "Completeness",
    "SectionStatus",
    "block_has_content",
    "completeness",
    "section_filled",
    "strip_placeholders",
]
