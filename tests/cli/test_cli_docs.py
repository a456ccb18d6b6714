"""docs/cli.md shows each workflow command's current ``--help``.

Regenerate the help blocks after changing a command:
``DOCKET_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/cli/test_cli_docs.py``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import typer.rich_utils
from typer.testing import CliRunner

from docket.cli.workflow_cmd import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
COMMANDS = ("init", "new", "list", "show", "state", "index", "renumber", "migrate-template")
BLOCK = re.compile(r"(<!-- help: (?P<cmd>[\w-]+) -->\n```text\n)(?P<body>.*?)(\n```)", re.DOTALL)


def _help(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", 100)
    monkeypatch.setattr(typer.rich_utils, "FORCE_TERMINAL", False)
    result = CliRunner().invoke(app, [command, "--help"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    return "\n".join(lines).strip("\n")


def test_every_workflow_command_has_a_current_help_block(monkeypatch: pytest.MonkeyPatch) -> None:
    text = DOCS.read_text(encoding="utf-8")
    helps = {cmd: _help(cmd, monkeypatch) for cmd in COMMANDS}
    if os.environ.get("DOCKET_UPDATE_DOCS") == "1":
        text = BLOCK.sub(lambda m: m[1] + helps[m["cmd"]] + m[4], text)
        DOCS.write_text(text, encoding="utf-8")
    found = {m["cmd"]: m["body"] for m in BLOCK.finditer(text)}
    assert sorted(found) == sorted(COMMANDS), "each command needs one <!-- help: NAME --> block"
    for command in COMMANDS:
        assert f"\n## docket {command}\n" in text
        assert found[command] == helps[command], (
            f"docs/cli.md: the help for `docket {command}` is out of date; regenerate it with "
            "DOCKET_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/cli/test_cli_docs.py"
        )


def test_every_exit_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |"):
        assert code in text
