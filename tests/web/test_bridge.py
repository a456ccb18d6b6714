"""The git bridge: ``docket import`` / ``docket export`` round trips, idempotence, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from typer.testing import CliRunner

import docket.cli.bridge_cmd  # noqa: F401  (registers the commands)
from docket.cli._app import app
from docket.web.bridge import apply_import, plan_import
from docket.web.proposals.models import Revision, Rfc
from docket.web.proposals.schema import current_schema

pytestmark = pytest.mark.django_db

runner = CliRunner()


def rfc_text(number: int, title: str, summary: str, newline: str = "\n") -> str:
    lines = [
        "---",
        "authors: Ada Lovelace (ada@example.com)",
        "state: draft",
        "---",
        "",
        f"# RFC {number} - {title}",
        "",
        "## Summary",
        "",
        summary,
        "",
    ]
    return newline.join(lines)


FILES: dict[str, bytes] = {
    "0001-message-queue.md": rfc_text(1, "Message queue", "Use a queue.").encode(),
    # CRLF line endings, a byte-order mark and non-ASCII text must all survive.
    "0002-cafe-logistics.md": b"\xef\xbb\xbf"
    + rfc_text(2, "Café logistics", "Livraison à Zürich, 東京 too.", "\r\n").encode(),
    "0003-search.md": rfc_text(3, "Search", "Full-text search.").encode(),
}


@pytest.fixture
def admin() -> User:
    return User.objects.create_superuser("admin", "admin@example.com", "pw")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "rfcs"
    source.mkdir()
    for name, data in FILES.items():
        (source / name).write_bytes(data)
    return source


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_import_then_export_is_byte_identical(admin: User, folder: Path, tmp_path: Path) -> None:
    code, output = run("import", str(folder))
    assert code == 0, output
    assert "3 created" in output
    code, output = run("export", str(tmp_path / "out"))
    assert code == 0, output
    assert snapshot(tmp_path / "out") == FILES


def test_export_into_the_imported_folder_changes_nothing(admin: User, folder: Path) -> None:
    assert run("import", str(folder))[0] == 0
    before = {p: p.stat().st_mtime_ns for p in folder.iterdir()}
    code, output = run("export", str(folder))
    assert code == 0, output
    assert "0 written, 3 unchanged" in output
    assert {p: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_reimport_creates_no_revisions(admin: User, folder: Path) -> None:
    assert run("import", str(folder))[0] == 0
    revisions = Revision.objects.count()
    code, output = run("import", str(folder))
    assert code == 0, output
    assert "0 created, 0 updated, 3 unchanged" in output
    assert Revision.objects.count() == revisions


def test_a_changed_file_creates_exactly_one_revision(admin: User, folder: Path) -> None:
    assert run("import", str(folder))[0] == 0
    changed = rfc_text(3, "Search", "Full-text search, ranked.")
    (folder / "0003-search.md").write_text(changed, encoding="utf-8")
    revisions = Revision.objects.count()
    code, output = run("import", str(folder))
    assert code == 0, output
    assert "0 created, 1 updated, 2 unchanged" in output
    assert Revision.objects.count() == revisions + 1
    rfc = Rfc.objects.get(number=3)
    assert rfc.current is not None and rfc.current.text == changed


def test_dry_run_prints_the_plan_and_writes_nothing(
    admin: User, folder: Path, tmp_path: Path
) -> None:
    assert run("import", str(folder))[0] == 0
    (folder / "0003-search.md").write_text(rfc_text(3, "Search", "Changed."), encoding="utf-8")
    (folder / "0004-new.md").write_text(rfc_text(4, "New", "Fresh."), encoding="utf-8")
    revisions = Revision.objects.count()
    code, output = run("import", "--dry-run", str(folder))
    assert code == 0, output
    assert "unchanged" in output and "0001-message-queue.md" in output
    assert "update" in output and "create" in output
    assert "1 to create, 1 to update, 2 unchanged, 0 skipped" in output
    assert Revision.objects.count() == revisions
    assert not Rfc.objects.filter(number=4).exists()
    code, output = run("export", "--dry-run", str(tmp_path / "out"))
    assert code == 0, output
    assert not (tmp_path / "out").exists()


def test_bad_files_are_reported_by_path_and_skipped(admin: User, folder: Path) -> None:
    (folder / "0005-latin1.md").write_bytes(rfc_text(5, "Bad", "caf").encode() + b"\xe9\n")
    (folder / "0006-binary.md").write_bytes(b"# RFC 6 - Bin\n\x00\x01\x02")
    (folder / "notes.md").write_text("# Notes\n\nNo number anywhere.\n", encoding="utf-8")
    code, output = run("import", str(folder))
    assert code == 1, output
    assert "0005-latin1.md" in output and "UTF-8" in output
    assert "0006-binary.md" in output and "binary" in output
    assert "ignored" in output and "notes.md" in output and "no RFC number" in output
    assert "3 created" in output and "2 skipped, 1 ignored" in output
    assert sorted(Rfc.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_files_over_the_size_limit_are_skipped(admin: User, folder: Path) -> None:
    (folder / "0007-huge.md").write_text(rfc_text(7, "Huge", "x" * 5000), encoding="utf-8")
    plan = plan_import(folder, current_schema(), max_bytes=1000)
    assert [p.path.name for p in plan.problems] == ["0007-huge.md"]
    assert "limit" in plan.problems[0].message
    result = apply_import(plan, admin)
    assert len(result.created) == 3


def test_a_number_claimed_twice_keeps_the_first_file(admin: User, folder: Path) -> None:
    (folder / "0009-copy.md").write_text(rfc_text(1, "Copy", "Dup."), encoding="utf-8")
    plan = plan_import(folder, current_schema())
    assert [p.path.name for p in plan.problems] == ["0009-copy.md"]
    assert "RFC 1 is already in" in plan.problems[0].message


def test_a_missing_folder_is_a_clear_error(admin: User, tmp_path: Path) -> None:
    code, output = run("import", str(tmp_path / "nowhere"))
    assert code == 2
    assert "nowhere: no such directory" in output


def test_an_unknown_user_is_a_clear_error(admin: User, folder: Path) -> None:
    code, output = run("import", "--user", "ghost", str(folder))
    assert code == 2
    assert "no user named 'ghost'" in output


def test_a_readme_and_hidden_folders_do_not_fail_an_import(admin: User, folder: Path) -> None:
    (folder / "README.md").write_text("# Our RFCs\n\nHow we write them.\n", encoding="utf-8")
    hidden = folder / ".github"
    hidden.mkdir()
    (hidden / "0042-template.md").write_bytes(b"\x00 not even text")
    code, output = run("import", str(folder))
    assert code == 0, output
    assert "ignored" in output and "README.md" in output
    assert ".github" not in output
    assert "3 created, 0 updated, 0 unchanged, 0 skipped, 1 ignored" in output
