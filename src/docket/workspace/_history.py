"""When each RFC last changed: from git in one call for the whole folder, else file times."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

GIT_TIMEOUT = 30


def last_changes(folder: Path, paths: Iterable[Path]) -> dict[Path, dt.datetime]:
    """Last change per path: the last commit touching it, or its file time when not committed
    or modified since."""
    wanted = [p.resolve() for p in paths]
    root = _git(folder, "rev-parse", "--show-toplevel")
    top = Path(root.strip()) if root else None
    committed = _git_times(folder, top) if top else {}
    dirty = _git_dirty(folder, top) if top and committed else set()
    out: dict[Path, dt.datetime] = {}
    for path in wanted:
        stamp = committed.get(path)
        if stamp is None or path in dirty:
            try:
                stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            except OSError:
                continue
        out[path] = stamp
    return out


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=false", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _git_times(folder: Path, top: Path) -> dict[Path, dt.datetime]:
    out = _git(folder, "log", "--format=\x1e%ct", "--name-only", "--no-renames", "--", ".")
    if out is None:
        return {}
    times: dict[Path, dt.datetime] = {}
    stamp: dt.datetime | None = None
    for line in out.split("\n"):  # not splitlines(): it splits at the \x1e marker too
        if line.startswith("\x1e"):
            stamp = dt.datetime.fromtimestamp(int(line[1:]), dt.UTC)
        elif line and stamp is not None:
            times.setdefault((top / line).resolve(), stamp)
    return times


def _git_dirty(folder: Path, top: Path) -> set[Path]:
    out = _git(folder, "status", "--porcelain", "--untracked-files=all", "--", ".")
    if out is None:
        return set()
    return {(top / line[3:].split(" -> ")[-1]).resolve() for line in out.splitlines() if line}
