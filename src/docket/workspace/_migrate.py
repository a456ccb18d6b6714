"""Adding sections that a template gained to RFCs written before it gained them.

A section goes in after the closest earlier sibling the RFC kept, else before the closest
later one, else at the end of its parent; a section whose parent the RFC removed is not
added. It goes in as the template writes it (heading, guidance comments, table header),
and nothing else in the file changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from docket.document import Document, Section, parse_document
from docket.template import Schema, SectionSpec
from docket.workspace._lines import Lines, body


def added_sections(old: Schema, new: Schema) -> list[SectionSpec]:
    """Sections ``new`` has that ``old`` did not, in template order."""
    before = {s.key for s in old.sections}
    return [s for s in new.sections if s.key not in before]


def sections_no_rfc_has(schema: Schema, docs: Iterable[Document]) -> list[SectionSpec]:
    """Template sections absent from every RFC: new to the template, as far as can be told."""
    seen: set[str] = set()
    for doc in docs:
        seen.update(s.key for s in doc.sections)
    return [s for s in schema.sections if s.key not in seen]


def migrate_text(text: str, schema: Schema, keys: Sequence[str]) -> str:
    """``text`` with each template section in ``keys`` that it lacks inserted in place."""
    template = parse_document(schema.text, schema.source, schema.title)
    for spec in schema.sections:
        if spec.key not in keys:
            continue
        doc = parse_document(text, "<text>", schema.title)
        if doc.section(spec.key) is not None:
            continue
        source = _template_lines(template, spec.key)
        if source:
            text = _insert(text, doc, schema, spec, source)
    return text


def unified_diff(old: str, new: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{name}",
            tofile=f"b/{name}",
        )
    )


def _template_lines(template: Document, key: str) -> list[str]:
    """The template's own lines for a section: heading to its first subsection, no trailing
    blank lines."""
    section = template.section(key)
    if section is None:
        return []
    stop = section.children[0].line - 1 if section.children else section.end
    lines = template.lines[section.line - 1 : stop]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _insert(text: str, doc: Document, schema: Schema, spec: SectionSpec, source: list[str]) -> str:
    lines = Lines.of(text)
    nl = lines.newline
    chunk = [line + nl for line in source]
    siblings = [s.key for s in schema.children(spec.parent)]
    at = siblings.index(spec.key)
    previous = _kept(doc, reversed(siblings[:at]), spec.parent)
    following = _kept(doc, siblings[at + 1 :], spec.parent)
    parent = doc.section(spec.parent) if spec.parent else None
    if previous is not None:
        return _after(lines, previous.end, chunk)
    if following is not None:
        return _before(lines, following.line, chunk)
    if parent is not None:
        if parent.children:
            return _before(lines, parent.children[0].line, chunk)
        return _after(lines, parent.end, chunk)
    if spec.parent is None:
        last = max((s.end for s in doc.roots), default=len(lines.lines))
        return _after(lines, last, chunk)
    return text


def _kept(doc: Document, keys: Iterable[str], parent: str | None) -> Section | None:
    for key in keys:
        found = doc.section(key)
        if found is not None and (found.parent.key if found.parent else None) == parent:
            return found
    return None


def _after(lines: Lines, line: int, chunk: list[str]) -> str:
    """Insert after line ``line`` (1-based), separated from it by one blank line."""
    index = min(line, len(lines.lines))
    if index:
        lines.ensure_ending(index - 1)
    nl = lines.newline
    following = lines.lines[index] if index < len(lines.lines) else None
    tail = [nl] if following is not None and body(following).strip() else []
    lines.lines[index:index] = [nl, *chunk, *tail]
    return lines.text()


def _before(lines: Lines, line: int, chunk: list[str]) -> str:
    """Insert before line ``line`` (1-based), followed by one blank line."""
    index = line - 1
    lines.lines[index:index] = [*chunk, lines.newline]
    return lines.text()
