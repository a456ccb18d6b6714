"""Last change per RFC: one git log for the folder, file times for what git does not know."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from docket.workspace import _history, last_changes


def _git(cwd: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def test_committed_files_get_their_last_commit_time(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.name", "T")
    _git(tmp_path, "config", "user.email", "t@x.org")
    rfcs = tmp_path / "rfcs"
    rfcs.mkdir()
    a, b, c, d = (rfcs / n for n in ("0001-a.md", "0002-b.md", "0003-c.md", "0004-d.md"))
    for f in (a, b, c):
        f.write_text("x\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "one", when="2024-01-02T03:04:05+00:00")
    b.write_text("y\n")
    c.write_text("z\n")
    _git(tmp_path, "commit", "-qam", "two", when="2025-06-07T08:09:10+00:00")
    c.write_text("dirty\n")
    d.write_text("new\n")
    changes = last_changes(rfcs, [a, b, c, d])
    assert changes[a.resolve()] == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    assert changes[b.resolve()] == dt.datetime(2025, 6, 7, 8, 9, 10, tzinfo=dt.UTC)
    for f in (c, d):  # modified and untracked: the file time
        assert changes[f.resolve()] == dt.datetime.fromtimestamp(f.stat().st_mtime, dt.UTC)


def test_outside_git_the_file_time_is_used(tmp_path: Path) -> None:
    f = tmp_path / "0001-a.md"
    f.write_text("x")
    os.utime(f, (1_700_000_000, 1_700_000_000))
    assert last_changes(tmp_path, [f]) == {
        f.resolve(): dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)
    }


def test_one_git_log_serves_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.name", "T")
    _git(tmp_path, "config", "user.email", "t@x.org")
    files = [tmp_path / f"{n:04d}-x.md" for n in range(1, 21)]
    for f in files:
        f.write_text("x\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "all", when="2024-01-02T03:04:05+00:00")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], **kwargs: Any) -> Any:
        calls.append(args)
        return real_run(args, **kwargs)

    monkeypatch.setattr(_history.subprocess, "run", counting_run)
    changes = last_changes(tmp_path, files)
    assert set(changes.values()) == {dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)}
    assert sum("log" in args for args in calls) == 1
    assert len(calls) <= 3  # rev-parse, log, status: never one per file
