"""Helpers for the workflow command tests: run ``docket``, build RFCs, check errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

from docket.template import default_schema
from docket.workspace import scaffold

Invoke = Callable[..., Result]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout


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
    """Exit ``code``, an ``Error:`` line and a ``hint:`` line on stderr, and no traceback."""
    exit_code = result.exit_code if isinstance(result, Result) else result.returncode
    stderr = result.stderr
    assert exit_code == code, (exit_code, result.stdout, stderr)
    assert stderr.startswith("Error: "), stderr
    assert "\n  hint: " in stderr, stderr
    assert "Traceback" not in stderr + result.stdout
    if isinstance(result, Result):
        assert result.exception is None or isinstance(result.exception, SystemExit)
    return stderr
