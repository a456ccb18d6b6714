"""``docket lint`` through the real command: exit codes, formats, config errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import docket.cli.lint_cmd as lint_cmd
import docket.cli.lint_run as lint_run
from docket.cli import load_app

app = load_app()  # every command registered, as `docket` has them
runner = CliRunner()


def rfc(number: int, state: str = "draft", summary: str = "Text.") -> str:
    return (
        f"---\nauthors: Grace Hopper (grace@example.com)\nstate: {state}\n---\n\n"
        f"# RFC {number} - Title {number}\n\n## Summary\n\n{summary}\n"
    )


def test_exit_0_and_a_summary_when_clean(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1)})
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 0, result.output
    assert result.output == "All checks passed: 1 file linted.\n"


def test_exit_1_on_errors_with_path_line_column_code(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1, state="finished")})
    result = runner.invoke(app, ["lint", "rfcs"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0].startswith("rfcs/0001-a.md:3:1: DK103 state 'finished'")
    assert result.output.splitlines()[-1] == "Found 1 error in 1 file."


def test_warnings_exit_0_unless_strict(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1, summary="<NAME>")})
    assert runner.invoke(app, ["lint", "--no-cache"]).exit_code == 0
    strict = runner.invoke(app, ["lint", "--strict", "--no-cache"])
    assert strict.exit_code == 1, strict.output
    assert "DK302" in strict.output and "[warning]" not in strict.output


def test_state_option_checks_readiness(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1, summary="<NAME>")})
    assert runner.invoke(app, ["lint"]).exit_code == 0
    result = runner.invoke(app, ["lint", "--state", "complete"])
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize(
    ("args", "toml", "message"),
    [
        (["lint", "missing.md"], "", "missing.md: no such file"),
        (["lint"], 'rfc-dir = "proposals"\n', "no RFC folder at"),
        (["lint", "--state", "done"], "", "unknown state 'done'"),
        (["lint"], "colour = true\n", "unknown setting 'colour'"),
        (["lint"], 'template = "nowhere.md"\n', "nowhere.md"),
    ],
)
def test_exit_2_for_usage_and_configuration_errors(
    workspace, tmp_path, args, toml, message
) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1)})
    (tmp_path / "docket.toml").write_text(toml, encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_exit_2_for_an_unknown_format(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1)})
    assert runner.invoke(app, ["lint", "--format", "xml"]).exit_code == 2


def test_json_sarif_and_github_formats(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1, state="finished")})
    data = json.loads(runner.invoke(app, ["lint", "-f", "json"]).stdout)
    assert [(d["path"], d["line"], d["code"]) for d in data] == [("rfcs/0001-a.md", 3, "DK103")]
    sarif = json.loads(runner.invoke(app, ["lint", "--format", "sarif"]).stdout)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "DK103"
    github = runner.invoke(app, ["lint", "--format", "github"])
    assert github.exit_code == 1
    assert github.stdout.startswith("::error file=rfcs/0001-a.md,line=3,col=1,title=DK103::")


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert lint_run._color() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert lint_run._color() is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert lint_run._color() is False


def test_the_installed_command_in_a_real_process(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1), "rfcs/0002-b.md": b"\xff\xfe bad"})
    docket = Path(sys.executable).with_name("docket")
    done = subprocess.run(
        [str(docket), "lint"], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("rfcs/0002-b.md:1:1: DK001 not valid UTF-8")
    assert "\x1b[" not in done.stdout  # piped: plain text
    assert done.stderr == ""


def test_the_quick_parser_has_exactly_the_typer_commands_options() -> None:
    import typer

    solo = typer.Typer(add_completion=False)
    solo.command("lint")(lint_cmd.lint)
    command = typer.main.get_command(solo)
    typer_flags = {
        flag for p in command.params for flag in getattr(p, "opts", []) if flag.startswith("-")
    }
    quick = lint_run.quick_parser()
    quick_flags = {flag for a in quick._actions for flag in a.option_strings}
    assert quick_flags == typer_flags


def test_the_quick_path_gives_the_same_exit_codes_and_errors(workspace, capsys) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1, state="finished")})
    with pytest.raises(SystemExit) as done:
        lint_run.run_alone(["rfcs", "-f", "json"])
    assert done.value.code == 1
    assert json.loads(capsys.readouterr().out)[0]["code"] == "DK103"
    with pytest.raises(SystemExit) as done:
        lint_run.run_alone(["--state", "nope"])
    assert done.value.code == 2 and "unknown state 'nope'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        lint_run.run_alone(["--jobs", "0"])  # left to Typer, which explains the mistake
    assert done.value.code == 2


def test_docket_lint_starts_without_django_rich_pygments_or_typer(
    workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    workspace("", {"rfcs/0001-a.md": rfc(1)})
    script = "import sys; sys.argv = ['docket', 'lint']; from docket.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "docket.lint" in imported
    heavy = {m for m in imported if m.split(".")[0] in {"django", "rich", "pygments", "typer"}}
    assert heavy == set()


def test_the_quick_path_offers_the_same_formats_as_the_typer_command() -> None:
    assert tuple(f.value for f in lint_cmd.OutputFormat) == lint_run.FORMATS
