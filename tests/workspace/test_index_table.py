"""The index table lives between markers; everything outside them stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.template import default_schema
from docket.workspace import INDEX_END, INDEX_START, Workspace, scaffold, update_index
from docket.workspace._index import IndexFileError, index_table
from docket.workspace.config import load_config

TABLE = ["| RFC | Title |", "|--|--|", "| 1 | x |"]


def test_a_missing_file_gets_a_heading_and_the_table() -> None:
    assert update_index(None, TABLE) == "\n".join(
        ["# RFCs", "", INDEX_START, *TABLE, INDEX_END, ""]
    )


def test_only_the_lines_between_the_markers_change() -> None:
    before = f"# Our RFCs\r\n\r\nIntro.\r\n{INDEX_START}\r\nold\r\n{INDEX_END}\r\nFooter\r\n"
    after = update_index(before, TABLE)
    assert after == before.replace("old\r\n", "".join(line + "\r\n" for line in TABLE))


def test_a_file_without_markers_gets_them_appended() -> None:
    assert update_index("# Notes\n\nKeep me.", TABLE) == (
        "# Notes\n\nKeep me.\n\n" + "\n".join([INDEX_START, *TABLE, INDEX_END]) + "\n"
    )


@pytest.mark.parametrize(
    "text",
    [f"{INDEX_START}\n{INDEX_START}\n{INDEX_END}\n", f"{INDEX_END}\nx\n{INDEX_START}\n"],
)
def test_muddled_markers_are_refused(text: str) -> None:
    with pytest.raises(IndexFileError, match="expected one"):
        update_index(text, TABLE)


def test_rows_link_to_the_files_relative_to_the_index(tmp_path: Path) -> None:
    rfcs = tmp_path / "rfcs"
    rfcs.mkdir()
    schema = default_schema()
    (rfcs / "0002-b.md").write_text(scaffold(schema, number=2, title="B | c", authors=["Bo"]))
    (rfcs / "0001-a.md").write_text(scaffold(schema, number=1, title="A", authors=["Ann", "Al"]))
    ws = Workspace(load_config(tmp_path))
    rows, _ = ws.rows()
    table = index_table(rows, tmp_path / "docs" / "index.md")
    assert table[2:] == [
        "| 1 | [A](../rfcs/0001-a.md) | draft | Ann, Al |",
        "| 2 | [B \\| c](../rfcs/0002-b.md) | draft | Bo |",
    ]
