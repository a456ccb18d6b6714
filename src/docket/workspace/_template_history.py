"""The template as it was before its latest change, from git: what migrate-template compares."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 30


@dataclass(frozen=True)
class EarlierTemplate:
    text: str
    where: str
    """Which version it is, for people: ``HEAD`` or ``before commit 1a2b3c4``."""


def earlier_template(template: Path) -> EarlierTemplate | None:
    """The committed template when the file has uncommitted edits, else the version before
    the last commit that changed it; ``None`` outside git or when there is none."""
    folder = template.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    root = Path(top.strip()).resolve()
    relative = template.resolve().relative_to(root).as_posix()
    try:
        current = template.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    committed = _git(root, "show", f"HEAD:{relative}")
    if committed is None:
        return None
    if committed != current:
        return EarlierTemplate(committed, "HEAD")
    last = _git(root, "log", "-n", "1", "--format=%H", "--", relative)
    if not last or not last.strip():
        return None
    commit = last.strip()
    before = _git(root, "show", f"{commit}^:{relative}")
    if before is None:
        return None
    return EarlierTemplate(before, f"before commit {commit[:7]}")


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
