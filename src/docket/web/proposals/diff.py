"""Line diffs between two texts, as data the template escapes (never pre-built HTML)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

Kind = Literal["hunk", "add", "del", "ctx"]


@dataclass(frozen=True)
class DiffLine:
    kind: Kind
    text: str


def line_diff(old: str, new: str, context: int = 3) -> list[DiffLine]:
    """A unified diff of ``old`` → ``new``; empty when they are the same."""
    lines: list[DiffLine] = []
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=context)
    for raw in diff:
        if raw.startswith(("---", "+++")):
            continue
        if raw.startswith("@@"):
            lines.append(DiffLine("hunk", raw))
        elif raw.startswith("+"):
            lines.append(DiffLine("add", raw[1:]))
        elif raw.startswith("-"):
            lines.append(DiffLine("del", raw[1:]))
        else:
            lines.append(DiffLine("ctx", raw[1:]))
    return lines
