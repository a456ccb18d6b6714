"""Fixtures for the workflow commands: a temporary git repo and ways to run ``docket``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import docket.cli.workflow_cmd  # noqa: F401  (registers the commands on the app)
from docket.cli._app import app
from docket.template import default_schema
from docket.workspace import scaffold

Invoke = Callable[..., Result]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


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


def run_docket(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "docket", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
        check=False,
    )


def filled(text: str) -> str:
    """An RFC with a sentence under every heading and a row in every table."""
    out = []
    for line in text.split("\n"):
        out.append(line)
        if re.match(r"#{2,6} ", line):
            out += ["", f"Text for {line.lstrip('# ')}."]
        if re.fullmatch(r"\|[-| :]+\|", line):
            out.append("| " + " | ".join(["x"] * (line.count("|") - 1)) + " |")
    return "\n".join(out)


def write_rfc(folder: Path, number: int, title: str, *, full: bool = False, **kw: str) -> Path:
    text = scaffold(
        default_schema(), number=number, title=title, authors=[kw.get("author", "Ann (ann@x.org)")]
    )
    if "state" in kw:
        text = text.replace("state: draft", f"state: {kw['state']}")
    path = folder / f"{number:04d}-{title.lower().replace(' ', '-')}.md"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(filled(text) if full else text, encoding="utf-8")
    return path


def assert_clean_error(result: Result | subprocess.CompletedProcess[str], code: int) -> str:
    """Exit ``code``, an ``Error:`` line on stderr, and no traceback anywhere."""
    exit_code = result.exit_code if isinstance(result, Result) else result.returncode
    stderr = result.stderr
    assert exit_code == code, (exit_code, result.stdout, stderr)
    assert stderr.startswith("Error: "), stderr
    assert "Traceback" not in stderr + result.stdout
    if isinstance(result, Result):
        assert result.exception is None or isinstance(result.exception, SystemExit)
    return stderr
