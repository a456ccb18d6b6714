"""What the search index sees of an RFC: its words, without Markdown syntax or guidance.

Template guidance lives in HTML comments; indexing it would make every RFC match every
question the template asks, so comments and raw HTML are dropped.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

# Snippet highlighting marks hits with these code points, so they may not appear in the text.
MARK_START = "\ue000"
MARK_END = "\ue001"

_INLINE_TEXT = {"text", "code_inline"}
_BLOCK_TEXT = {"fence", "code_block"}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def _inline(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return "".join(parts)


def index_text(markdown: str) -> str:
    """The prose of a Markdown document, one block per line."""
    lines = []
    for token in _parser().parse(markdown):
        if token.type == "inline":
            text = _inline(token)
        elif token.type in _BLOCK_TEXT:
            text = token.content
        else:
            continue
        text = text.replace(MARK_START, "").replace(MARK_END, "").strip()
        if text:
            lines.append(text)
    return "\n".join(lines)
