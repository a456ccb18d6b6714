"""Listing rows come from the cache while a file's bytes are unchanged, and never go stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from docket.template import default_schema
from docket.workspace import Workspace, _workspace, scaffold
from docket.workspace.config import load_config


def _setup(tmp_path: Path) -> Workspace:
    rfcs = tmp_path / "rfcs"
    rfcs.mkdir()
    for n, title in ((1, "Queues"), (2, "Billing")):
        text = scaffold(default_schema(), number=n, title=title, authors=["Ann (a@x.org)"])
        (rfcs / f"{n:04d}-{title.lower()}.md").write_text(text)
    return Workspace(load_config(tmp_path))


def _facts(ws: Workspace) -> list[tuple[Any, ...]]:
    rows, errors = ws.rows()
    assert errors == []
    return [(r.number, r.title, r.state, r.authors, r.filled, r.kept, r.summary) for r in rows]


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("parsed a file the cache should have answered for")

    monkeypatch.setattr(_workspace, "parse_document", refuse)


def test_a_warm_cache_answers_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = _setup(tmp_path)
    cold = _facts(ws)
    assert [f[:4] for f in cold] == [
        (1, "Queues", "draft", ["Ann"]),
        (2, "Billing", "draft", ["Ann"]),
    ]
    assert list((tmp_path / ".docket-cache").glob("rows-*.json"))
    _no_parsing(monkeypatch)
    assert _facts(ws) == cold


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    ws = _setup(tmp_path)
    _facts(ws)
    path = tmp_path / "rfcs" / "0002-billing.md"
    path.write_text(path.read_text().replace("# RFC 2 - Billing", "# RFC 2 - Invoicing"))
    assert _facts(ws)[1][1] == "Invoicing"


def test_a_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path) -> None:
    ws = _setup(tmp_path)
    cold = _facts(ws)
    (cache,) = (tmp_path / ".docket-cache").glob("rows-*.json")
    cache.write_text('{"files": {"x": 1')
    assert _facts(ws) == cold
    assert cache.read_text().startswith('{"files":{')


def test_another_template_uses_another_cache(tmp_path: Path) -> None:
    ws = _setup(tmp_path)
    _facts(ws)
    (before,) = (tmp_path / ".docket-cache").glob("rows-*.json")
    template = tmp_path / "t.md"
    template.write_text(default_schema().text.replace("## Risks", "## Hazards"))
    (tmp_path / "docket.toml").write_text('template = "t.md"\n')
    other = Workspace(load_config(tmp_path))
    assert [f[5] for f in _facts(other)] == [28, 28]  # "Risks" is no longer a template section
    (after,) = (tmp_path / ".docket-cache").glob("rows-*.json")
    assert after != before
