"""The template's earlier version, from git, for migrate-template."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from docket.workspace import earlier_template


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)
    return done.stdout.decode()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.name", "T")
    _git(tmp_path, "config", "user.email", "t@x.org")
    return tmp_path


def test_outside_git_there_is_none(tmp_path: Path) -> None:
    template = tmp_path / "t.md"
    template.write_text("## A\n")
    assert earlier_template(template) is None


def test_an_untracked_or_never_changed_template_has_none(repo: Path) -> None:
    template = repo / "rfcs" / "template.md"
    template.parent.mkdir()
    template.write_text("## A\n")
    assert earlier_template(template) is None  # untracked
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")
    assert earlier_template(template) is None  # added in its only commit


def test_uncommitted_edits_compare_with_head_then_with_the_commit_before(repo: Path) -> None:
    template = repo / "rfcs" / "template.md"
    template.parent.mkdir()
    template.write_text("## A\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")
    template.write_text("## A\n\n## B\n")
    found = earlier_template(template)
    assert found is not None and (found.text, found.where) == ("## A\n", "HEAD")
    _git(repo, "commit", "-qam", "two")
    (repo / "other.md").write_text("x")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "three: not the template")
    found = earlier_template(template)
    commit = _git(repo, "log", "-n1", "--format=%h", "--", "rfcs/template.md").strip()
    assert found is not None and found.text == "## A\n"
    assert found.where == f"before commit {commit[:7]}"
