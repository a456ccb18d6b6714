"""``docket serve``, ``docket migrate`` and ``docket demo`` in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import docket.cli.web_cmd as web_cmd
from docket.cli._app import app
from docket.web.proposals.models import Rfc

runner = CliRunner()
pytestmark = pytest.mark.django_db


def test_serve_runs_gunicorn_with_the_bind_and_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(web_cmd.os, "execv", lambda path, args: calls.append(list(args)))
    result = runner.invoke(app, ["serve", "--bind", "0.0.0.0:9000", "--workers", "3"])
    assert result.exit_code == 0, result.output
    (args,) = calls
    assert args[1:4] == ["-m", "gunicorn", "docket.web.wsgi:application"]
    assert args[args.index("--bind") + 1] == "0.0.0.0:9000"
    assert args[args.index("--workers") + 1] == "3"


def test_serve_defaults_to_localhost_8000(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(web_cmd.os, "execv", lambda path, args: calls.append(list(args)))
    assert runner.invoke(app, ["serve"]).exit_code == 0
    assert calls[0][calls[0].index("--bind") + 1] == "127.0.0.1:8000"


def test_serve_refuses_a_malformed_bind() -> None:
    result = runner.invoke(app, ["serve", "--bind", "localhost"])
    assert result.exit_code == 2
    assert "must look like 127.0.0.1:8000" in result.output


def test_serve_dev_uses_the_autoreloading_server(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, tuple[object, ...], dict[str, object]]] = []
    monkeypatch.setattr(
        "django.core.management.call_command",
        lambda name, *args, **kwargs: seen.append((name, args, kwargs)),
    )
    result = runner.invoke(app, ["serve", "--dev", "--bind", "127.0.0.1:8111"])
    assert result.exit_code == 0, result.output
    assert seen == [("runserver", ("127.0.0.1:8111",), {"use_reloader": True})]


@pytest.mark.django_db(transaction=True)
def test_demo_twice_prints_the_password_only_the_first_time(tmp_path: Path, roles: None) -> None:
    folder = tmp_path / "rfcs"
    folder.mkdir()
    (folder / "0001-hello.md").write_text("---\nstate: draft\n---\n\n# RFC 1 - Hello\n")
    first = runner.invoke(app, ["demo", str(folder)])
    assert first.exit_code == 0, first.output
    assert "1 loaded" in first.output and "password" in first.output
    second = runner.invoke(app, ["demo", str(folder)])
    assert second.exit_code == 0, second.output
    assert "0 loaded, 1 already there" in second.output
    assert "already exists; its password is unchanged" in second.output
    assert Rfc.objects.count() == 1


def test_serve_refuses_an_unmigrated_database(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["one"])
    monkeypatch.setattr(web_cmd.os, "execv", lambda *a: pytest.fail("must not start gunicorn"))
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert "needs 1 migration(s); run docket migrate first" in result.output
