"""Which files are RFCs, and naming one by number or path."""

from __future__ import annotations

from pathlib import Path

import pytest

from docket.workspace import Workspace, WorkspaceError, discover
from docket.workspace.config import load_config


def _workspace(tmp_path: Path, toml: str = "") -> Workspace:
    (tmp_path / "docket.toml").write_text(toml)
    return Workspace(load_config(tmp_path))


def test_only_files_matching_the_pattern_count(tmp_path: Path) -> None:
    rfcs = tmp_path / "rfcs"
    rfcs.mkdir()
    for name in ("0002-b.md", "0010-a.md", "README.md", "template.md", ".0003-hidden.md", "x.txt"):
        (rfcs / name).write_text("x")
    (rfcs / "0004-dir.md").mkdir()
    ws = _workspace(tmp_path)
    assert [(f.number, f.relative, f.slug) for f in discover(ws.config)] == [
        (2, "0002-b.md", "b"),
        (10, "0010-a.md", "a"),
    ]


def test_the_template_is_not_an_rfc_even_when_it_matches(tmp_path: Path) -> None:
    rfcs = tmp_path / "text"
    rfcs.mkdir()
    (rfcs / "0000-template.md").write_text("# Summary\n")
    (rfcs / "0001-x.md").write_text("# Summary\n")
    ws = _workspace(tmp_path, 'rfc-dir = "text"\ntemplate = "text/0000-template.md"\n')
    assert [f.relative for f in ws.files()] == ["0001-x.md"]


def test_a_missing_folder_has_no_rfcs(tmp_path: Path) -> None:
    assert _workspace(tmp_path).files() == []


def test_resolve_by_number_path_and_prefix(tmp_path: Path) -> None:
    rfcs = tmp_path / "rfcs"
    rfcs.mkdir()
    (rfcs / "0012-a.md").write_text("x")
    ws = _workspace(tmp_path)
    for ref in ("12", "0012", "RFC-12", "rfc 12", str(rfcs / "0012-a.md")):
        assert ws.resolve(ref).number == 12


def test_resolve_errors_name_the_problem_and_a_fix(tmp_path: Path) -> None:
    rfcs = tmp_path / "rfcs"
    rfcs.mkdir()
    (rfcs / "0012-a.md").write_text("x")
    (rfcs / "0012-b.md").write_text("x")
    (rfcs / "notes.md").write_text("x")
    ws = _workspace(tmp_path)
    with pytest.raises(WorkspaceError, match="no RFC numbered 7") as missing:
        ws.resolve("7")
    assert "docket list" in missing.value.hint
    with pytest.raises(WorkspaceError, match="2 files are numbered 12") as shared:
        ws.resolve("12")
    assert "renumber" in shared.value.hint
    with pytest.raises(WorkspaceError, match="outside the workspace"):
        ws.resolve(str(tmp_path / "docket.toml"))
    with pytest.raises(WorkspaceError, match="not an RFC file"):
        ws.resolve(str(rfcs / "notes.md"))
    with pytest.raises(WorkspaceError, match="no such file"):
        ws.resolve(str(rfcs / "0099-gone.md"))
