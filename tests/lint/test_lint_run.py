"""Linting folders: folder-level rules, unreadable files, the cache and parallel workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docket.lint import LintError, lint_paths
from docket.workspace.config import load_config


def rfc(number: int, title: str, body: str = "Text.", state: str = "draft") -> str:
    return (
        f"---\nauthors: Grace Hopper (grace@example.com)\nstate: {state}\n---\n\n"
        f"# RFC {number} - {title}\n\n## Summary\n\n{body}\n"
    )


def by_code(run, code: str) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(f.path, f.line, f.column) for f in run.findings if f.code == code]


def test_a_clean_folder_has_no_findings(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace(
        "", {"rfcs/0001-a.md": rfc(1, "A"), "rfcs/0002-b.md": rfc(2, "B", "See RFC 1.")}
    )
    run = lint_paths(None, config, use_cache=False)
    assert run.findings == [] and run.files == 2


def test_dk501_duplicate_numbers_name_both_files_and_the_renumber_command(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace(
        "",
        {
            "rfcs/0001-a.md": rfc(1, "A"),
            "rfcs/0001-b.md": rfc(1, "B"),
            "rfcs/0002-c.md": rfc(2, "C"),
        },
    )
    run = lint_paths(None, config, use_cache=False)
    assert by_code(run, "DK501") == [("rfcs/0001-a.md", 6, 1), ("rfcs/0001-b.md", 6, 1)]
    message = next(f.message for f in run.findings if f.code == "DK501")
    assert "rfcs/0001-b.md" in message and "`docket renumber 1 3`" in message


def test_dk501_sees_a_duplicate_beside_a_single_linted_file(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace("", {"rfcs/0001-a.md": rfc(1, "A"), "rfcs/0001-b.md": rfc(1, "B")})
    run = lint_paths([Path("rfcs/0001-a.md")], config, use_cache=False)
    assert by_code(run, "DK501") == [("rfcs/0001-a.md", 6, 1)]


def test_dk503_references_to_missing_rfcs_in_every_spelling(workspace) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Builds on RFC 2 and RFC-0003, see [the old one](0004-old.md) and RFC 9.\n\n"
        "`RFC 7` in code is not a reference.\n\n```\nRFC 8\n```"
    )
    config = workspace("", {"rfcs/0001-a.md": rfc(1, "A", body), "rfcs/0002-b.md": rfc(2, "B")})
    run = lint_paths(None, config, use_cache=False)
    assert by_code(run, "DK503") == [
        ("rfcs/0001-a.md", 10, 21),
        ("rfcs/0001-a.md", 10, 49),
        ("rfcs/0001-a.md", 10, 66),
    ]


def test_unreadable_files_are_reported_by_path_and_the_rest_still_linted(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace(
        "max-file-size = 2000\n",
        {
            "rfcs/0001-good.md": rfc(1, "Good"),
            "rfcs/0002-binary.md": b"# RFC 2\n\x00\x01\x02",
            "rfcs/0003-latin1.md": "line one\nCaf\u00e9\n".encode("latin-1"),
            "rfcs/0004-huge.md": rfc(4, "Huge", "x" * 3000),
            "rfcs/0005-bad-yaml.md": "---\nstate: [draft\n---\n\n# RFC 5 - Y\n",
        },
    )
    (Path("rfcs") / "0006-folder.md").mkdir()
    run = lint_paths(None, config, use_cache=False)
    unreadable = {f.path: (f.line, f.message) for f in run.findings if f.code == "DK001"}
    assert (
        unreadable["rfcs/0002-binary.md"][0] == 2 and "NUL" in unreadable["rfcs/0002-binary.md"][1]
    )
    assert (
        unreadable["rfcs/0003-latin1.md"][0] == 2
        and "UTF-8" in unreadable["rfcs/0003-latin1.md"][1]
    )
    assert "max-file-size" in unreadable["rfcs/0004-huge.md"][1]
    assert "directory" in unreadable["rfcs/0006-folder.md"][1]
    assert by_code(run, "DK102")[0][0] == "rfcs/0005-bad-yaml.md"
    assert not [f for f in run.findings if f.path == "rfcs/0001-good.md"]


def test_a_file_without_read_permission_is_a_finding(workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = workspace("", {"rfcs/0001-secret.md": rfc(1, "Secret"), "rfcs/0002-b.md": rfc(2, "B")})
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        # Root reads any file whatever its mode, so the refusal is simulated, not chmod-ed.
        if self.name == "0001-secret.md":
            raise PermissionError(13, "Permission denied")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    run = lint_paths(None, config, use_cache=False)
    assert [(f.code, f.path, f.message) for f in run.findings] == [
        ("DK001", "rfcs/0001-secret.md", "cannot be read: permission denied")
    ]


def test_a_missing_path_is_a_usage_error(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace()
    with pytest.raises(LintError, match=r"nope\.md: no such file"):
        lint_paths([Path("nope.md")], config)


def test_index_pages_and_hidden_folders_are_not_linted_when_walking(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace(
        'index-file = "rfcs/INDEX.md"\n',
        {
            "rfcs/INDEX.md": "# Index\n",
            "rfcs/sub/README.md": "# About\n",
            "rfcs/.drafts/0009-x.md": "junk",
            "rfcs/0001-a.md": rfc(1, "A"),
        },
    )
    assert lint_paths(None, config, use_cache=False).files == 1
    named = lint_paths([Path("rfcs/sub/README.md")], config, use_cache=False)
    assert named.files == 1 and {f.code for f in named.findings} >= {"DK101"}


def test_the_cache_hits_on_unchanged_files_and_misses_on_changed_ones(workspace) -> None:  # type: ignore[no-untyped-def]
    config = workspace("", {"rfcs/0001-a.md": rfc(1, "A"), "rfcs/0002-b.md": rfc(2, "B", "<NUM>")})
    first = lint_paths(None, config)
    assert first.cached == 0
    second = lint_paths(None, config)
    assert second.cached == 2 and second.findings == first.findings
    Path("rfcs/0001-a.md").write_text(rfc(1, "A", "See RFC 7."), encoding="utf-8")
    third = lint_paths(None, config)
    assert third.cached == 1
    assert [f.code for f in third.findings if f.path == "rfcs/0001-a.md"] == ["DK503"]


def test_the_cache_is_invalidated_by_a_config_or_template_change(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = workspace("", {"rfcs/0001-a.md": rfc(1, "A")})
    lint_paths(None, config)
    assert lint_paths(None, config).cached == 1
    (tmp_path / "docket.toml").write_text('ignore = ["DK2"]\n', encoding="utf-8")
    assert lint_paths(None, load_config(tmp_path)).cached == 0
    template = tmp_path / "template.md"
    template.write_text(
        "---\nstate: <draft || complete>\n---\n\n# RFC <NUM> - <TITLE>\n\n## Summary\n"
    )
    (tmp_path / "docket.toml").write_text('ignore = ["DK2"]\ntemplate = "template.md"\n')
    changed = load_config(tmp_path)
    assert lint_paths(None, changed).cached == 0
    assert lint_paths(None, changed).cached == 1


def test_a_corrupt_cache_is_ignored_and_rewritten(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = workspace("", {"rfcs/0001-a.md": rfc(1, "A", "<NUM>")})
    expected = lint_paths(None, config).findings
    caches = list((tmp_path / ".docket-cache").glob("lint-*.json"))
    assert len(caches) == 1
    caches[0].write_text("{not json", encoding="utf-8")
    assert lint_paths(None, config).findings == expected
    json.loads(caches[0].read_text())  # rewritten whole
    caches[0].write_text(json.dumps({"format": 1, "files": {"x": 1}}), encoding="utf-8")
    assert lint_paths(None, config).findings == expected


def test_parallel_workers_give_the_same_findings_as_one_process(workspace) -> None:  # type: ignore[no-untyped-def]
    files: dict[str, str | bytes] = {
        f"rfcs/{n:04d}-rfc-{n}.md": rfc(
            n, f"Rfc {n}", f"See RFC {n + 100}. <NUM>" if n % 3 else "Text."
        )
        for n in range(1, 61)
    }
    files["rfcs/0061-binary.md"] = b"\x00"
    config = workspace("", files)
    serial = lint_paths(None, config, use_cache=False, jobs=1)
    parallel = lint_paths(None, config, use_cache=False, jobs=2)
    assert serial.findings == parallel.findings
    assert {f.code for f in serial.findings} == {"DK001", "DK304", "DK503"}


def test_a_fully_cached_run_never_loads_the_markdown_parser(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    config = workspace("", {"rfcs/0001-a.md": rfc(1, "A", "<NUM>")})
    first = lint_paths(None, config)
    script = (
        "import sys; from pathlib import Path\n"
        "from docket.workspace.config import load_config\n"
        "from docket.lint import lint_paths\n"
        "run = lint_paths(None, load_config(Path.cwd()))\n"
        "loaded = ['markdown_it' in sys.modules, 'yaml' in sys.modules]\n"
        "print(run.cached, len(run.findings), *loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", str(len(first.findings)), "False", "False"]


def test_without_worker_processes_the_files_are_linted_in_this_one(workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import concurrent.futures

    files: dict[str, str | bytes] = {
        f"rfcs/{n:04d}-r.md": rfc(n, f"R {n}", "Text <NUM>.") for n in range(1, 41)
    }
    config = workspace("", files)

    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    run = lint_paths(None, config, use_cache=False, jobs=2)
    assert run.count("warning") == 40 and {f.code for f in run.findings} == {"DK304"}


def test_unreadable_file_findings_follow_the_config(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files: dict[str, str | bytes] = {"rfcs/0001-a.md": b"\x00", "rfcs/0002-b.md": b"\x00"}
    config = workspace(
        '[severity."*"]\nDK001 = "warning"\n[per-file-ignores]\n"rfcs/0002-*.md" = ["DK0"]\n',
        files,
    )
    run = lint_paths(None, config, use_cache=False)
    assert [(f.path, f.severity) for f in run.findings] == [("rfcs/0001-a.md", "warning")]
    (tmp_path / "docket.toml").write_text('ignore = ["DK001"]\n', encoding="utf-8")
    assert lint_paths(None, load_config(tmp_path), use_cache=False).findings == []
