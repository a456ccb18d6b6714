"""A throwaway workspace for the linter tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from docket.workspace.config import Config, load_config


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Config]:
    """A folder with ``docket.toml`` and ``rfcs/``, the current directory for the test."""

    def make(toml: str = "", files: dict[str, str | bytes] | None = None) -> Config:
        (tmp_path / "docket.toml").write_text(toml, encoding="utf-8")
        (tmp_path / "rfcs").mkdir(exist_ok=True)
        for name, content in (files or {}).items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        return load_config(tmp_path)

    return make
