"""DK3xx: sections: required ones kept, kept ones filled, no template text left behind."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from docket.lint._context import Context
from docket.lint._rule import Issue, rule

if TYPE_CHECKING:
    from docket.document import Section

_UPPER_PLACEHOLDER_RE = re.compile(r"<[A-Z][A-Z0-9 _-]{2,40}>")
_INLINE_CODE_RE = re.compile(r"(`+)[^`]*?\1")
_ITEM_RE = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])(?:\s+|$)")
_RESOLVED_RE = re.compile(
    r"\b(?:resolved|answered|decided|closed|done)\b|\[[xX]\]|^~~.*~~$|"
    r"^(?:\*\*|__)?(?:none|n/?a|nothing|no open questions)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")
_MIN_GUIDANCE = 25  # shorter template phrases are too common to flag inside prose


@rule(
    "DK301",
    "section-missing",
    "A section the configuration requires (`required-sections`) is missing.",
    tags=("sections",),
    severity="gap",
)
def section_missing(ctx: Context) -> Iterator[Issue]:
    from docket.document import heading_key

    kept = {s.key for s in ctx.doc.sections}
    for key in ctx.required_sections:
        key = heading_key(key)
        if key in kept:
            continue
        spec = ctx.schema.section(key)
        title = spec.title if spec else key
        yield Issue(
            _where_it_belongs(ctx, key),
            f"required section {title!r} is missing",
            fix=f"add a `{'#' * (spec.level if spec else 2)} {title}` section and fill it in",
        )


def _where_it_belongs(ctx: Context, key: str) -> int:
    """The line of the next template section the document kept, else the last line."""
    spec = ctx.schema.section(key)
    if spec is not None:
        for later in ctx.schema.sections[spec.order + 1 :]:
            section = ctx.doc.section(later.key)
            if section is not None:
                return section.line
    return max(1, len(ctx.doc.lines) if ctx.doc.lines[-1:] != [""] else len(ctx.doc.lines) - 1)


@rule(
    "DK302",
    "section-unfilled",
    "A template section was kept but holds nothing beyond guidance and placeholders.",
    tags=("sections", "content"),
    severity="gap",
)
def section_unfilled(ctx: Context) -> Iterator[Issue]:
    for item in ctx.completeness.unfilled:
        section = item.section
        if section is None:
            continue
        if any(ctx.schema.section(child.key) is not None for child in section.children):
            continue  # its unfilled subsections are reported instead
        hint = " (its table has no rows)" if any(b.kind == "table" for b in section.blocks) else ""
        yield Issue(
            section.line,
            f"section {section.title!r} is not filled in{hint}",
            fix="answer the guiding questions, or delete the section if it does not apply",
        )


@rule(
    "DK303",
    "guidance-left",
    "Template guidance or example text is left in a section that also has content.",
    tags=("sections", "placeholder"),
    severity="gap",
)
def guidance_left(ctx: Context) -> Iterator[Issue]:
    for item in ctx.completeness.items:
        section, spec = item.section, item.spec
        if section is None or not item.filled or not spec.template_text:
            continue
        long_texts = [t for t in spec.template_text if len(t) >= _MIN_GUIDANCE]
        words = _key_words(spec.template_text)
        for block in section.blocks:
            if block.kind not in ("paragraph", "list", "quote"):
                continue
            raw = block.text.lower()
            if not any(word in raw for word in words):
                continue  # lacks a word every template text needs: cannot hold one
            text = ctx.normalised(block)
            if not text:
                continue
            if text in spec.template_text or any(t in text for t in long_texts):
                first = block.text.strip().splitlines()[0][:60]
                yield Issue(
                    block.start,
                    f"template text left in section {section.title!r}: {first!r}",
                    fix="delete the template's text and keep your own",
                )


@lru_cache(maxsize=256)
def _key_words(template_text: frozenset[str]) -> frozenset[str]:
    """The longest word of each template text: a block holding that text holds the word."""
    words = set()
    for text in template_text:
        found = _WORD_RE.findall(text)
        words.add(max(found, key=len) if found else "")  # "": no filter is possible
    return frozenset(words)


@rule(
    "DK304",
    "placeholder-left",
    "A template placeholder such as `<TITLE>` or `{decision}` is left in a section's text.",
    tags=("sections", "placeholder"),
    severity="gap",
)
def placeholder_left(ctx: Context) -> Iterator[Issue]:
    placeholders = [p for p in ctx.schema.placeholders if len(p) > 2]
    code = ctx.code_lines()
    for item in ctx.completeness.items:
        section = item.section
        if section is None or not item.filled:
            continue
        for block in section.blocks:
            if block.kind not in ("paragraph", "list", "quote", "table"):
                continue
            if "<" not in block.text and not any(p in block.text for p in placeholders):
                continue
            if ctx.normalised(block) in item.spec.template_text:
                continue  # the whole block is template text: DK303 reports it
            for offset, line in enumerate(block.text.split("\n")):
                number = block.start + offset
                if number in code:
                    continue
                hit = _first_placeholder(line, placeholders)
                if hit is not None:
                    column, text = hit
                    yield Issue(
                        number,
                        f"placeholder {text[:60]!r} left in section {section.title!r}",
                        column=column,
                        fix="replace the placeholder with real content",
                    )


def _first_placeholder(line: str, placeholders: list[str]) -> tuple[int, str] | None:
    """The leftmost placeholder outside inline code, with its 1-based column."""
    line = _INLINE_CODE_RE.sub(lambda m: " " * len(m.group()), line)
    best: tuple[int, str] | None = None
    for p in placeholders:
        index = line.find(p)
        if index >= 0 and (best is None or index + 1 < best[0]):
            best = (index + 1, p)
    match = _UPPER_PLACEHOLDER_RE.search(line)
    if match and (best is None or match.start() + 1 < best[0]):
        best = (match.start() + 1, match.group())
    return best


@rule(
    "DK305",
    "section-duplicate",
    "The same section heading appears twice under the same parent.",
    tags=("sections",),
    severity="gap",
)
def section_duplicate(ctx: Context) -> Iterator[Issue]:
    seen: dict[tuple[str, ...], int] = {}
    for section in ctx.doc.sections:
        path = section.path
        if path in seen:
            yield Issue(
                section.line,
                f"section {section.title!r} already appears on line {seen[path]}",
                fix="merge the two sections into one",
            )
        else:
            seen[path] = section.line


@rule(
    "DK306",
    "open-questions",
    "An open-questions section still lists questions not marked resolved.",
    tags=("sections", "questions"),
    severity="closing",
)
def open_questions(ctx: Context) -> Iterator[Issue]:
    for section in ctx.doc.sections:
        if "open question" not in section.key and "unresolved question" not in section.key:
            continue
        spec = ctx.schema.section(section.key)
        template_text = spec.template_text if spec else frozenset()
        for line, text in _items(section, template_text):
            yield Issue(
                line,
                f"open question in {section.title!r}: {text[:70]!r}",
                fix="answer it and mark it resolved (e.g. `Resolved: ...`), or move it out",
            )


def _items(section: Section, template_text: frozenset[str]) -> Iterator[tuple[int, str]]:
    from docket.document import normalise

    for block in section.blocks:
        if block.kind == "paragraph":
            candidates = [(block.start, block.content.strip())]
        elif block.kind == "list":
            candidates = list(_list_items(block.start, block.text))
        else:
            continue
        for line, text in candidates:
            flat = " ".join(text.split())
            if not flat or normalise(flat) in template_text or _RESOLVED_RE.search(flat):
                continue
            yield line, flat


def _list_items(start: int, text: str) -> Iterator[tuple[int, str]]:
    """Top-level list items with their first line numbers."""
    lines = text.split("\n")
    first = _ITEM_RE.match(lines[0]) if lines else None
    indent = len(first.group("indent")) if first else 0
    current: list[str] = []
    current_line = start
    for offset, line in enumerate(lines):
        match = _ITEM_RE.match(line)
        if match and len(match.group("indent")) == indent:
            if current:
                yield current_line, " ".join(current)
            current = [line[match.end() :].strip()]
            current_line = start + offset
        elif current is not None:
            current.append(line.strip())
    if current:
        yield current_line, " ".join(current)
