"""What a document rule sees: the parsed document, the schema, the config and derived facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docket.document import Block, Document
    from docket.document.completeness import Completeness
    from docket.template import Schema
    from docket.workspace.config import Config

_FILE_NUMBER_RE = re.compile(r"^(\d+)(?=[-_. ]|$)")


def file_number(path: str) -> int | None:
    """The RFC number a file name starts with (``0012-title.md`` -> 12)."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    match = _FILE_NUMBER_RE.match(name)
    return int(match.group(1)) if match else None


@dataclass
class Context:
    doc: Document
    schema: Schema
    config: Config | None
    path: str
    """The path findings name: relative to the workspace root when there is one."""
    lifecycle: tuple[str, ...]
    state: str | None
    """The state the document is checked for: ``--state``, else its own."""
    _lines_in_code: set[int] | None = field(default=None, repr=False)
    _normalised: dict[int, str] = field(default_factory=dict, repr=False)

    @cached_property
    def completeness(self) -> Completeness:
        from docket.document.completeness import completeness

        return completeness(self.doc, self.schema)

    @property
    def file_number(self) -> int | None:
        return file_number(self.path)

    @property
    def required_sections(self) -> tuple[str, ...]:
        return self.config.required_sections if self.config is not None else ()

    @property
    def file_pattern(self) -> str | None:
        return self.config.file_pattern if self.config is not None else None

    def normalised(self, block: Block) -> str:
        """The block's words as the template's text is stored, computed once per block."""
        key = id(block)
        if key not in self._normalised:
            from docket.document import normalise

            self._normalised[key] = normalise(block.content or block.text)
        return self._normalised[key]

    def code_lines(self) -> set[int]:
        """Lines inside code blocks, comments and raw HTML: never prose to check."""
        if self._lines_in_code is None:
            lines: set[int] = set()
            blocks = [b for s in self.doc.sections for b in s.blocks] + list(self.doc.preamble)
            for block in blocks:
                if block.kind in ("code", "comment", "html"):
                    lines.update(range(block.start, block.end + 1))
            self._lines_in_code = lines
        return self._lines_in_code

    def body_start(self) -> int:
        """The first line after the metadata."""
        front = self.doc.front_matter
        return front.end + 1 if front.style != "none" and front.end else 1
