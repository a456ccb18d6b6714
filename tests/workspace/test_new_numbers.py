"""``create_rfc`` numbering: next free number, claims, and no file ever replaced."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from docket.workspace import FilePattern, create_rfc
from docket.workspace._discovery import RfcFile

PATTERN = FilePattern("{number:04d}-{slug}.md")


def _taken(folder: Path) -> set[int]:
    found = set()
    for path in folder.glob("*.md"):
        match = PATTERN.match(path.name)
        if match:
            found.add(match[0])
    return found


def test_the_number_after_the_highest_is_used(tmp_path: Path) -> None:
    (tmp_path / "0003-a.md").write_text("a")
    (tmp_path / "0007-b.md").write_text("b")
    number, path = create_rfc(
        tmp_path, PATTERN, "c", lambda n: f"RFC {n}\n", lambda: _taken(tmp_path)
    )
    assert (number, path.name, path.read_text()) == (8, "0008-c.md", "RFC 8\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0003-a.md", "0007-b.md", "0008-c.md"]


def test_a_claimed_number_is_skipped_and_a_stale_claim_is_cleared(tmp_path: Path) -> None:
    (tmp_path / ".docket-claim-1").write_text("")
    number, _ = create_rfc(tmp_path, PATTERN, "x", str, lambda: _taken(tmp_path))
    assert number == 2
    old = time.time() - 3600
    os.utime(tmp_path / ".docket-claim-1", (old, old))
    create_rfc(tmp_path, PATTERN, "y", str, lambda: set())  # claim 1 is stale: removed, then 2
    assert not (tmp_path / ".docket-claim-1").exists()


def test_an_existing_file_of_the_same_name_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "0001-x.md").write_text("mine")
    # ``taken`` lies (as a stale listing would): the file must still survive.
    number, path = create_rfc(tmp_path, PATTERN, "x", lambda n: "new", lambda: set())
    assert (tmp_path / "0001-x.md").read_text() == "mine"
    assert (number, path.name) == (2, "0002-x.md")


def test_threads_racing_get_distinct_numbers(tmp_path: Path) -> None:
    results: list[int] = []
    barrier = threading.Barrier(8)

    def worker(i: int) -> None:
        barrier.wait()
        number, _ = create_rfc(
            tmp_path, PATTERN, f"t{i}", lambda n: f"{n}", lambda: _taken(tmp_path)
        )
        results.append(number)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(1, 9))
    assert not list(tmp_path.glob(".docket-claim-*"))
    assert not list(tmp_path.glob(".*.tmp"))


def test_rfc_files_sort_by_number() -> None:
    a = RfcFile(10, "0010-a.md", Path("0010-a.md"), "a")
    b = RfcFile(9, "0009-b.md", Path("0009-b.md"), "b")
    assert sorted([a, b]) == [b, a]
