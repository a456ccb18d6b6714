"""Source text as lines that keep their endings, so edits can leave every other byte alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
BOM = "\ufeff"


@dataclass
class Lines:
    """A file's lines, split where the document parser splits them: CRLF, CR or LF."""

    bom: str
    lines: list[str]

    @classmethod
    def of(cls, text: str) -> Lines:
        bom = BOM if text.startswith(BOM) else ""
        return cls(bom, _LINE_RE.findall(text[len(bom) :]))

    @property
    def newline(self) -> str:
        """The file's line ending: the first one it uses, else ``\\n``."""
        for line in self.lines:
            ending = line_ending(line)
            if ending:
                return ending
        return "\n"

    def text(self) -> str:
        return self.bom + "".join(self.lines)

    def ensure_ending(self, index: int) -> None:
        """Give line ``index`` (0-based) an ending, so text can follow it."""
        if index < len(self.lines) and not line_ending(self.lines[index]):
            self.lines[index] += self.newline


def line_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def body(line: str) -> str:
    """A line without its ending."""
    return line[: len(line) - len(line_ending(line))]
