"""The real ``docket`` command in child processes: the whole flow, and races between runs."""

from __future__ import annotations

import concurrent.futures
import re
from pathlib import Path

from workflow_helpers import assert_clean_error, filled, git, run_docket


def test_init_new_edit_lint_state_index(repo: Path) -> None:
    assert run_docket("init", cwd=repo).returncode == 0
    created = run_docket("new", "Webhook retries", cwd=repo)
    assert created.returncode == 0, created.stderr
    path = repo / created.stdout.strip()
    assert path == repo / "rfcs" / "0001-webhook-retries.md"
    assert "authors: Ann Lee (ann@example.org)" in path.read_text()

    early = run_docket("state", "1", "in-progress", cwd=repo)
    assert early.returncode == 1 and "not ready for in-progress" in early.stderr

    path.write_text(filled(path.read_text()), encoding="utf-8")  # the author writes it
    linted = run_docket("lint", "rfcs", cwd=repo)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    before = path.read_bytes()
    moved = run_docket("state", "1", "in-progress", cwd=repo)
    assert moved.returncode == 0, moved.stderr
    assert path.read_bytes() == before.replace(b"state: draft", b"state: in-progress")

    assert run_docket("index", "--check", cwd=repo).returncode == 1
    assert run_docket("index", cwd=repo).returncode == 0
    assert run_docket("index", "--check", cwd=repo).returncode == 0
    index = (repo / "rfcs" / "README.md").read_text()
    assert "| 1 | [Webhook retries](0001-webhook-retries.md) | in-progress | Ann Lee |" in index

    git(repo, "add", ".")
    git(repo, "commit", "-qm", "RFC 1")
    listed = run_docket("list", "--format", "csv", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    commit_day = git(repo, "log", "-1", "--format=%cs").strip()
    assert f"rfcs/0001-webhook-retries.md,29,29,{commit_day}" in listed.stdout


def test_eight_parallel_new_runs_get_distinct_numbers(repo: Path) -> None:
    assert run_docket("init", cwd=repo).returncode == 0
    titles = [f"Parallel idea {i}" for i in range(8)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: run_docket("new", t, cwd=repo), titles))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    numbers = sorted(int(re.search(r"/(\d{4})-", r.stdout)[1]) for r in results)  # type: ignore[index]
    assert numbers == list(range(1, 9))
    files = sorted(p.name for p in (repo / "rfcs").glob("0*.md"))
    assert len(files) == 8 and not list((repo / "rfcs").glob(".docket-claim-*"))
    for r in results:
        text = (repo / r.stdout.strip()).read_text()
        number = int(Path(r.stdout.strip()).name[:4])
        assert f"# RFC {number} - Parallel idea" in text


def test_bad_input_exits_non_zero_without_a_traceback(repo: Path) -> None:
    stderr = assert_clean_error(run_docket("list", cwd=repo), 2)
    assert "docket init" in stderr
    run_docket("init", cwd=repo)
    cases = [
        (("show", "42"), 2, "no RFC numbered 42"),
        (("state", "1", "shipped"), 2, "no RFC numbered 1"),
        (("renumber", "1", "2"), 2, "no RFC numbered 1"),
        (("init",), 1, "already exists"),
    ]
    for args, code, message in cases:
        assert message in assert_clean_error(run_docket(*args, cwd=repo), code)
    (repo / "docket.toml").write_text("rfc-dir = [1\n")
    assert "not valid TOML" in assert_clean_error(run_docket("list", cwd=repo), 2)
    usage = run_docket("renumber", "one", "two", cwd=repo)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
