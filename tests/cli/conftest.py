"""Fixtures for the workflow commands: a temporary git repository as the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result
from workflow_helpers import Invoke, git

# Importing the module registers its commands on the shared app.
from docket.cli.workflow_cmd import app


@pytest.fixture
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global git identity or colour settings leak in from the machine."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_env: None) -> Path:
    """An empty git repository with a local identity, as the current folder."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Ann Lee")
    git(root, "config", "user.email", "ann@example.org")
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def docket() -> Invoke:
    """Run a docket command in-process; the result has separate stdout and stderr."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args))

    return invoke
