"""Markdown source -> flat list of headings and blocks with 1-based line ranges.

Only block structure is parsed (markdown-it-py with the inline rule off): Docket needs to
know where headings, paragraphs, lists, tables, code and comments are, not how emphasis
nests, and skipping inline parsing makes this several times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

BlockKind = Literal["paragraph", "list", "table", "code", "comment", "html", "quote", "rule"]

_COMMENT_RE = re.compile(r"^\s*<!--(.*?)-->\s*$", re.DOTALL)


@dataclass(frozen=True)
class Row:
    """One body row of a table: cells keyed by the table's column names."""

    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    text: str
    """The block's source lines, as written."""
    content: str = ""
    """Paragraph text, comment body, code body or list text, without markup delimiters."""
    language: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    items: tuple[str, ...] = ()

    def row_dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.columns, row.cells, strict=False)) for row in self.rows]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass
class Parsed:
    headings: list[Heading] = field(default_factory=list)
    # Each block is paired with the index of the heading it follows (-1: before any heading).
    blocks: list[tuple[int, Block]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    from docket.document._dispatch import install

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    # With no inline parsing, text_join has no inline children to join.
    md.core.ruler.disable(["inline", "text_join"])
    md.core.ruler.at("normalize", _normalize)
    install(md)
    return md


def _normalize(state: StateCore) -> None:
    """Stock normalisation, skipped when there are no CR or NUL characters to replace: it
    rewrites every newline of the text, about 7% of the parse."""
    from markdown_it.rules_core import normalize

    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _source(lines: list[str], start: int, end: int) -> str:
    return "\n".join(lines[start:end])


def _closing(tokens: list[Token], i: int) -> int:
    """Index of the token closing the one opened at ``tokens[i]``."""
    level = tokens[i].level
    closing = tokens[i].type.replace("_open", "_close")
    j = i + 1
    while j < len(tokens) and not (tokens[j].type == closing and tokens[j].level == level):
        j += 1
    return j


def _table(tokens: list[Token], i: int, j: int) -> tuple[tuple[str, ...], tuple[Row, ...]]:
    columns: list[str] = []
    rows: list[Row] = []
    in_head = False
    current: list[str] = []
    row_line = 0
    for tok in tokens[i:j]:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            current = []
            row_line = (tok.map[0] + 1) if tok.map else 0
        elif tok.type == "inline":
            current.append(tok.content.strip())
        elif tok.type == "tr_close":
            if in_head:
                columns = current
            else:
                rows.append(Row(row_line, tuple(current)))
    return tuple(columns), tuple(rows)


def parse_blocks(lines: list[str], skip_until: int = 0) -> Parsed:
    """Parse ``lines`` (no line endings) into headings and blocks.

    Lines before ``skip_until`` (0-based) are blanked first, so front matter is not parsed
    as Markdown but line numbers still count it.
    """
    body = [""] * skip_until + lines[skip_until:]
    tokens = _parser().parse("\n".join(body))
    out = Parsed()
    heading = -1
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        start, end = tok.map
        kind = tok.type
        if kind == "heading_open":
            text = tokens[i + 1].content.strip()
            out.headings.append(Heading(int(tok.tag[1]), text, start + 1))
            heading = len(out.headings) - 1
            i += 3
            continue
        block: Block | None = None
        j = i
        if kind == "paragraph_open":
            j = i + 2
            block = Block(
                "paragraph",
                start + 1,
                end,
                _source(lines, start, end),
                content=tokens[i + 1].content,
            )
        elif kind in ("bullet_list_open", "ordered_list_open"):
            j = _closing(tokens, i)
            items = tuple(
                _source(lines, t.map[0], t.map[1]).strip()
                for t in tokens[i:j]
                if t.type == "list_item_open" and t.level == 1 and t.map
            )
            src = _source(lines, start, end)
            block = Block("list", start + 1, end, src, content=src, items=items)
        elif kind == "table_open":
            j = _closing(tokens, i)
            columns, rows = _table(tokens, i, j)
            block = Block(
                "table", start + 1, end, _source(lines, start, end), columns=columns, rows=rows
            )
        elif kind in ("fence", "code_block"):
            block = Block(
                "code",
                start + 1,
                end,
                _source(lines, start, end),
                content=tok.content,
                language=tok.info.strip().split(" ")[0],
            )
        elif kind == "html_block":
            match = _COMMENT_RE.match(tok.content)
            if match:
                block = Block(
                    "comment", start + 1, end, _source(lines, start, end), content=match.group(1)
                )
            else:
                block = Block(
                    "html", start + 1, end, _source(lines, start, end), content=tok.content
                )
        elif kind == "blockquote_open":
            j = _closing(tokens, i)
            src = _source(lines, start, end)
            block = Block("quote", start + 1, end, src, content=src)
        elif kind == "hr":
            block = Block("rule", start + 1, end, _source(lines, start, end))
        if block is not None:
            out.blocks.append((heading, block))
        i = j + 1
    return out
