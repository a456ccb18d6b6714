"""Template Markdown -> ``Schema``. Nothing about any template's sections is hard-coded."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import textwrap
from typing import Any

from docket.document import Block, Document, normalise, parse_document
from docket.document._title import TitlePattern, placeholders_in
from docket.template._schema import Example, FieldSpec, Schema, SectionSpec, TableSpec

_CHOICE_RE = re.compile(r"^\s*[<{]\s*(?P<body>[^<>{}]*\|[^<>{}]*)[>}]\s*$")
_UPPER_PLACEHOLDER_RE = re.compile(r"<[A-Z][A-Z0-9 _-]{0,40}>")
_FILL_ME_RE = re.compile(r"\((?:fill me in|todo|tbd)[^)]*\)", re.IGNORECASE)
_ENDPOINT_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+/", re.MULTILINE
)
_PERSON_VALUE_RE = re.compile(r"[^()<>,]+\s*[(<][^()<>\s]+@[^()<>\s]+[)>]")
_SENTENCE_END = ("?", ".", "!", ":")
_PEOPLE_NAMES = {"authors", "author", "owners", "owner"}


class TemplateError(Exception):
    """A template Docket cannot use: names the file and the problem."""


def parse_schema(text: str, source: str = "<template>") -> Schema:
    doc = parse_document(text, source, title=True)
    if doc.front_matter.error:
        raise TemplateError(
            f"{source}:{doc.front_matter.error_line}: template {doc.front_matter.error}"
        )
    title = _title_pattern(doc)
    if title is not None:
        doc = parse_document(text, source, title=title)
    fields = _fields(doc)
    state_field = _state_field(fields)
    states = state_field.choices if state_field else ()
    sections = tuple(_sections(doc))
    placeholders = _placeholders(doc, fields, title)
    return Schema(
        source=source,
        text=text,
        fingerprint=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        metadata_style=doc.front_matter.style,
        fields=fields,
        state_field=state_field.name if state_field else None,
        states=states,
        title=title,
        sections=sections,
        preamble_guidance=tuple(q for b in doc.preamble for q in _guidance(b)[0]),
        placeholders=placeholders,
    )


def _title_pattern(doc: Document) -> TitlePattern | None:
    """The heading holding ``<NUM>``/``<TITLE>``-like placeholders, else a lone first H1."""
    if doc.title is not None:
        return TitlePattern.from_heading(doc.title.level, doc.title.raw)
    for section in doc.sections:
        pattern = TitlePattern.from_heading(section.level, section.title)
        if pattern.has_number or (pattern.has_text and section.level == 1):
            return pattern
    return None


def _fields(doc: Document) -> tuple[FieldSpec, ...]:
    front = doc.front_matter
    out = []
    for name, value in front.data.items():
        raw = _raw_value(value)
        choice = _CHOICE_RE.match(raw)
        if choice:
            choices = tuple(
                c.strip()
                for c in re.split(r"\|\|?", choice["body"])
                if c.strip() and c.strip() not in ("…", "...")
            )
            out.append(FieldSpec(name, "choice", True, front.line_of(name), choices, raw))
        elif name.lower() in _PEOPLE_NAMES or (
            raw and _PERSON_VALUE_RE.fullmatch(raw.split(",")[0].strip())
        ):
            out.append(FieldSpec(name, "people", True, front.line_of(name), (), raw))
        elif "date" in name.lower() or isinstance(value, dt.date):
            out.append(FieldSpec(name, "date", False, front.line_of(name), (), raw))
        else:
            out.append(FieldSpec(name, "text", False, front.line_of(name), (), raw))
    return tuple(out)


def _raw_value(value: Any) -> str:
    # `date: {YYYY-MM-DD}` is a one-key YAML flow mapping: read it back as the placeholder.
    if isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None:
        return "{" + str(next(iter(value))) + "}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _state_field(fields: tuple[FieldSpec, ...]) -> FieldSpec | None:
    choices = [f for f in fields if f.kind == "choice"]
    named = [f for f in choices if f.name.lower() in ("state", "status")]
    return (named or choices)[0] if (named or choices) else None


def _sections(doc: Document) -> list[SectionSpec]:
    out = []
    for order, section in enumerate(doc.sections):
        guidance: list[str] = []
        examples: list[Example] = []
        texts: set[str] = set()
        tables: list[TableSpec] = []
        for block in section.blocks:
            questions, found = _guidance(block)
            guidance.extend(questions)
            examples.extend(found)
            if block.kind == "table":
                tables.append(TableSpec(block.columns, block.start))
            elif block.kind != "comment":
                texts.update(_template_texts(block))
        if tables:
            rows = tuple(
                tuple(cells)
                for ex in examples
                if ex.kind == "table-rows"
                for cells in _rows(ex.text)
            )
            tables[0] = TableSpec(tables[0].columns, tables[0].line, rows)
        out.append(
            SectionSpec(
                key=section.key,
                title=section.title,
                level=section.level,
                order=order,
                line=section.line,
                parent=section.parent.key if section.parent else None,
                guidance=tuple(guidance),
                examples=tuple(examples),
                tables=tuple(tables),
                template_text=frozenset(t for t in texts if t),
                optional=section.title != _heading_text(doc, section.line),
            )
        )
    return out


def _heading_text(doc: Document, line: int) -> str:
    return doc.lines[line - 1].lstrip("#").strip()


def _guidance(block: Block) -> tuple[list[str], list[Example]]:
    """Single questions from a guidance comment or plain guidance text; examples apart."""
    if block.kind == "comment":
        body = textwrap.dedent(block.content).strip()
        example = _example(body, block.start)
        if example is not None:
            return [], [example]
        return _questions(body), []
    if block.kind == "paragraph":
        text = block.content.strip()
        braced = re.fullmatch(r"\{(.+)\}", text, re.DOTALL)
        return _questions(braced.group(1) if braced else text), []
    if block.kind == "list":
        return [_one_line(re.sub(r"^[-*+]\s+|^\d+[.)]\s+", "", item)) for item in block.items], []
    return [], []


def _example(body: str, line: int) -> Example | None:
    if "```" in body or "~~~" in body:
        lang = re.search(r"(?:```|~~~)\s*(\w+)", body)
        return Example("code", body, line, lang.group(1) if lang else "")
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    if lines and all(ln.startswith("|") for ln in lines):
        return Example("table-rows", body, line)
    if _ENDPOINT_RE.search(body):
        return Example("endpoints", body, line)
    if lines and lines[0].startswith("#"):
        return Example("text", body, line)
    return None


def _questions(body: str) -> list[str]:
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        merged: list[str] = []
        for raw in paragraph.splitlines():
            line = raw.strip()
            if not line:
                continue
            if merged and not merged[-1].endswith(_SENTENCE_END) and line[:1].islower():
                merged[-1] += " " + line
            else:
                merged.append(line)
        prefix = ""
        for line in merged:
            if line.endswith(":") and "?" not in line:
                prefix = line + " "
                continue
            out.extend(prefix + s for s in re.split(r"(?<=\?)\s+(?=\S)", line) if s.strip())
    return [_one_line(q) for q in out]


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                rows.append(cells)
    return rows


def _template_texts(block: Block) -> set[str]:
    texts = {normalise(block.text)}
    if block.kind == "paragraph":
        texts.add(normalise(block.content))
    texts.update(normalise(item) for item in block.items)
    return texts


def _placeholders(
    doc: Document, fields: tuple[FieldSpec, ...], title: TitlePattern | None
) -> tuple[str, ...]:
    found: list[str] = []
    if title is not None:
        found.extend(placeholders_in(title.template))
    for f in fields:
        if f.kind == "choice" or _CHOICE_RE.match(f.template_value):
            found.append(f.template_value)
        found.extend(_UPPER_PLACEHOLDER_RE.findall(f.template_value))
        found.extend(m.group() for m in _FILL_ME_RE.finditer(f.template_value))
    for section in doc.sections:
        for block in section.blocks:
            if block.kind in ("paragraph", "list"):
                found.extend(_UPPER_PLACEHOLDER_RE.findall(block.text))
                found.extend(re.findall(r"\{[^{}\n]{3,120}\}", block.text))
    seen: dict[str, None] = {}
    for item in found:
        if item.strip():
            seen.setdefault(item.strip(), None)
    return tuple(seen)
