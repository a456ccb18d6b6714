"""The RFC document model: front matter, title, section tree and blocks, with line numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from docket.document._blocks import Block
from docket.document._title import TitlePattern

MetadataStyle = Literal["yaml", "list", "none"]

_PERSON_RE = re.compile(
    r"^\s*(?P<name>[^()<>,]+?)\s*[(<]\s*(?P<email>[^()<>\s]+@[^()<>\s]+)\s*[)>]\s*$"
)
_IGNORE_RE = re.compile(r"docket:\s*ignore(?P<file>-file)?\s+(?P<codes>[A-Za-z0-9_, -]+)")


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} ({self.email})" if self.email else self.name


@dataclass
class FrontMatter:
    """Metadata at the top of a document: YAML front matter or a ``- Key: value`` list."""

    style: MetadataStyle = "none"
    data: dict[str, Any] = field(default_factory=dict)
    start: int = 0
    end: int = 0
    field_lines: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    error_line: int | None = None

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.start or 1)


@dataclass(frozen=True)
class Title:
    text: str
    number: int | None
    line: int
    level: int
    raw: str
    matched: bool = True


@dataclass(eq=False)
class Section:
    title: str
    key: str
    level: int
    line: int
    end: int
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    parent: Section | None = field(default=None, repr=False)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def path(self) -> tuple[str, ...]:
        keys: list[str] = []
        node: Section | None = self
        while node is not None:
            keys.append(node.key)
            node = node.parent
        return tuple(reversed(keys))


@dataclass(frozen=True)
class Ignore:
    codes: frozenset[str]
    start: int
    end: int


@dataclass
class Document:
    path: str
    text: str
    lines: list[str]
    front_matter: FrontMatter
    title: Title | None
    sections: list[Section]
    roots: list[Section]
    preamble: list[Block]
    ignores: list[Ignore] = field(default_factory=list)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def field(self, name: str) -> Any:
        """A metadata value by name, matching ``Start Date``, ``start-date`` and ``start_date``."""
        wanted = _field_key(name)
        for key, value in self.front_matter.data.items():
            if _field_key(str(key)) == wanted:
                return value
        return None

    @property
    def state(self) -> str | None:
        value = self.field("state") or self.field("status")
        return str(value).strip() if value is not None else None

    @property
    def authors(self) -> list[Person]:
        value = self.field("authors") or self.field("author")
        return parse_people(value)

    def ignored(self, code: str, line: int) -> bool:
        return any(
            (code in ig.codes or "ALL" in ig.codes) and ig.start <= line <= ig.end
            for ig in self.ignores
        )


def _field_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "-", name.strip().lower())


def field_key(name: str) -> str:
    """Field names compared the way documents write them: case and separators ignored."""
    return _field_key(name)


def parse_people(value: Any) -> list[Person]:
    """``Name (email)`` entries from a YAML list or a comma-separated string."""
    if value is None:
        return []
    items = value if isinstance(value, list) else _split_people(str(value))
    people = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        match = _PERSON_RE.match(text)
        if match:
            people.append(Person(match["name"].strip(), match["email"].strip()))
        else:
            people.append(Person(text, ""))
    return people


def _split_people(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "(<":
            depth += 1
        elif ch in ")>":
            depth = max(0, depth - 1)
        if ch in ",;" and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [s for s in (p.strip() for p in out) if s]


def ignore_directives(blocks: list[tuple[Block, int, int]]) -> list[Ignore]:
    """``<!-- docket: ignore CODE -->`` comments, each applying to the span it sits in."""
    found = []
    for block, start, end in blocks:
        if block.kind != "comment":
            continue
        match = _IGNORE_RE.search(block.content)
        if match:
            codes = frozenset(
                c.strip().upper() for c in re.split(r"[,\s]+", match["codes"]) if c.strip()
            )
            if match["file"]:
                start, end = 1, 10**9  # ignore-file: the whole document, wherever it is written
            found.append(Ignore(codes, start, end))
    return found


__all__ = [
    "Document",
    "FrontMatter",
    "Ignore",
    "Person",
    "Section",
    "Title",
    "TitlePattern",
    "field_key",
    "parse_people",
]
