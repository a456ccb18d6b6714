"""Bytes or text -> ``Document``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docket.document._blocks import Block, parse_blocks
from docket.document._model import Document, FrontMatter, Section, Title, ignore_directives
from docket.document._text import heading_key, strip_optional
from docket.document._title import TitlePattern

if TYPE_CHECKING:
    from docket.template import Schema

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_YAML_KEY_RE = re.compile(r"^([^\s#:-][^:]*?)\s*:(?:\s|$)")
_LIST_FIELD_RE = re.compile(
    r"^[-*+]\s+\**(?P<key>[A-Za-z][\w /.-]{0,40}?)\**\s*:\**\s*(?P<value>.*)$", re.DOTALL
)


class DocumentError(Exception):
    """A file that cannot be read as an RFC at all: names the path and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path = path
        self.message = message
        self.line = line


def decode(data: bytes, path: str = "<bytes>") -> str:
    """UTF-8 text from bytes; a BOM is dropped, binary data and bad encodings are refused."""
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise DocumentError(path, "binary file: contains a NUL byte", line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}); "
            "save the file as UTF-8",
            line,
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A file's text, or a ``DocumentError`` saying why it cannot be read."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if p.is_dir():
            raise DocumentError(name, "is a directory, not a Markdown file")
        size = p.stat().st_size
        if size > max_bytes:
            raise DocumentError(
                name,
                f"file is {size / 1_048_576:.1f} MiB, over the {max_bytes / 1_048_576:.1f} MiB "
                "limit (raise max-file-size in docket.toml if this is intended)",
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot read the file: {exc.strerror or exc}") from None
    return decode(data, name)


def read_document(
    path: str | os.PathLike[str],
    title: TitlePattern | bool | None = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    schema: Schema | None = None,
) -> Document:
    return parse_document(read_text(path, max_bytes), os.fspath(path), title, schema=schema)


def parse_document(
    text: str,
    path: str = "<text>",
    title: TitlePattern | bool | None = True,
    *,
    schema: Schema | None = None,
) -> Document:
    """Parse ``text`` into a ``Document``.

    Pass the ``schema`` of the template the document follows: its title pattern says which
    heading is the title. Without one, ``title`` is the pattern, ``None`` when there is no
    title heading (every heading is then a section), or ``True`` to guess: a lone H1 first.
    """
    if schema is not None:
        title = schema.title
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, body_start = _yaml_front_matter(lines)
    parsed = parse_blocks(lines, body_start)
    headings = parsed.headings

    title_index = _title_index(headings, title)
    doc_title: Title | None = None
    if title_index is not None:
        h = headings[title_index]
        pattern = title if isinstance(title, TitlePattern) else None
        if pattern is not None:
            m = pattern.parse(h.text)
            doc_title = Title(m.text, m.number, h.line, h.level, h.text, m.matched)
        else:
            doc_title = Title(h.text, None, h.line, h.level, h.text)

    last_line = _last_content_line(lines)
    sections: list[Section] = []
    by_heading: dict[int, Section] = {}
    roots: list[Section] = []
    stack: list[Section] = []
    for index, h in enumerate(headings):
        if index == title_index:
            continue
        end = last_line
        for later in headings[index + 1 :]:
            if later.level <= h.level:
                end = _trim_back(lines, later.line - 1)
                break
        section = Section(
            strip_optional(h.text), heading_key(h.text), h.level, h.line, max(end, h.line)
        )
        while stack and stack[-1].level >= h.level:
            stack.pop()
        if stack:
            section.parent = stack[-1]
            stack[-1].children.append(section)
        else:
            roots.append(section)
        stack.append(section)
        sections.append(section)
        by_heading[index] = section

    preamble: list[Block] = []
    spans: list[tuple[Block, int, int]] = []
    for h_index, block in parsed.blocks:
        owner = by_heading.get(h_index)
        if owner is None:
            preamble.append(block)
            spans.append((block, 1, len(lines)))
        else:
            owner.blocks.append(block)
            spans.append((block, owner.line, owner.end))

    if front.style == "none":
        front = _list_front_matter(preamble, headings, title_index) or front

    return Document(
        path=path,
        text=text,
        lines=lines,
        front_matter=front,
        title=doc_title,
        sections=sections,
        roots=roots,
        preamble=preamble,
        ignores=ignore_directives(spans),
    )


def _title_index(headings: list[Any], title: TitlePattern | bool | None) -> int | None:
    if title is None or title is False or not headings:
        return None
    if isinstance(title, TitlePattern):
        for index, h in enumerate(headings):
            if h.level == title.level:
                return index
            if h.level < title.level:
                return None
        return None
    first = headings[0]
    if first.level == 1 and sum(1 for h in headings if h.level == 1) == 1:
        return 0
    return None


def _yaml_front_matter(lines: list[str]) -> tuple[FrontMatter, int]:
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter(), 0
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        return (
            FrontMatter(
                style="yaml",
                start=1,
                end=1,
                error="front matter opened with '---' on line 1 is never closed by a '---' line",
                error_line=1,
            ),
            0,
        )
    front = FrontMatter(style="yaml", start=1, end=close + 1)
    for offset, line in enumerate(lines[1:close], start=2):
        match = _YAML_KEY_RE.match(line)
        if match:
            front.field_lines.setdefault(match.group(1).strip().strip("'\""), offset)
    source = "\n".join(lines[1:close])
    try:
        data = _yaml_load(source)
    except _yaml_error() as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        front.error = f"front matter is not valid YAML: {problem}"
        front.error_line = (mark.line + 2) if mark is not None else 1
        return front, close + 1
    if data is None:
        data = {}
    if not isinstance(data, dict):
        front.error = "front matter must be a mapping of `key: value` lines"
        front.error_line = 2
        return front, close + 1
    front.data = {str(k): v for k, v in data.items()}
    return front, close + 1


def _list_front_matter(
    preamble: list[Block], headings: list[Any], title_index: int | None
) -> FrontMatter | None:
    """Metadata written as a bullet list (``- Start Date: 2024-01-01``) before the first section."""
    first_section_line = next((h.line for i, h in enumerate(headings) if i != title_index), 10**9)
    for block in preamble:
        if block.start > first_section_line:
            return None
        if block.kind in ("comment", "rule"):
            continue
        if block.kind != "list" or not block.items:
            return None
        data: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for offset, item in enumerate(block.items):
            match = _LIST_FIELD_RE.match(item)
            if not match:
                return None
            key = match["key"].strip()
            data[key] = match["value"].strip()
            lines[key] = block.start + offset
        return FrontMatter(
            style="list",
            data=data,
            start=block.start,
            end=block.end,
            field_lines=_item_lines(block, lines),
        )
    return None


def _item_lines(block: Block, guessed: dict[str, int]) -> dict[str, int]:
    out = dict(guessed)
    for offset, line in enumerate(block.text.split("\n")):
        match = _LIST_FIELD_RE.match(line.strip())
        if match and match["key"].strip() in out:
            out[match["key"].strip()] = block.start + offset
    return out


def _last_content_line(lines: list[str]) -> int:
    return max(1, _trim_back(lines, len(lines)))


def _trim_back(lines: list[str], line: int) -> int:
    while line > 1 and not lines[line - 1].strip():
        line -= 1
    return line


def _yaml_load(source: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(source, Loader=loader)


def _yaml_error() -> type[Exception]:
    import yaml

    return yaml.YAMLError
