"""The index: a Markdown table of every RFC, kept between two marker comments in a file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from docket.workspace._lines import Lines
from docket.workspace._rows import RfcRow

START = "<!-- docket:index:start -->"
END = "<!-- docket:index:end -->"
HEADING = "# RFCs"


class IndexFileError(ValueError):
    """An index file whose markers Docket cannot make sense of."""


def index_table(rows: Sequence[RfcRow], index_file: Path) -> list[str]:
    """Table lines (no endings): number, linked title, state, authors."""
    out = ["| RFC | Title | State | Authors |", "|----:|-------|-------|---------|"]
    for row in sorted(rows, key=lambda r: (r.number, r.file.relative)):
        link = os.path.relpath(row.file.path, index_file.parent).replace(os.sep, "/")
        title = _cell(row.title)
        out.append(
            f"| {row.number} | [{title}]({_link(link)}) | {_cell(row.state)} "
            f"| {_cell(', '.join(row.authors))} |"
        )
    return out


def update_index(existing: str | None, table: Sequence[str]) -> str:
    """The index file's new text: only what lies between the markers changes.

    A missing file gets a heading; a file without markers gets them appended at its end.
    """
    if existing is None:
        return "\n".join([HEADING, "", START, *table, END, ""])
    lines = Lines.of(existing)
    nl = lines.newline
    bodies = [line.rstrip("\r\n") for line in lines.lines]
    starts = [i for i, b in enumerate(bodies) if b.strip() == START]
    ends = [i for i, b in enumerate(bodies) if b.strip() == END]
    if not starts and not ends:
        if lines.lines:
            lines.ensure_ending(len(lines.lines) - 1)
            lines.lines.append(nl)
        lines.lines.extend(line + nl for line in [START, *table, END])
        return lines.text()
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise IndexFileError(
            f"expected one {START} line followed by one {END} line "
            f"(found {len(starts)} start and {len(ends)} end markers)"
        )
    lines.lines[starts[0] + 1 : ends[0]] = [line + nl for line in table]
    return lines.text()


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _link(target: str) -> str:
    return f"<{target}>" if any(c in target for c in " ()") else target
