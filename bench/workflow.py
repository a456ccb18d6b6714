"""Benchmark the folder workflow (``docket list``, ``index``, ``new``) on the Rust RFC corpus.

Works on a scratch copy of ``rust-rfcs/text`` (a git repository, so ``list`` takes its
dates from one ``git log``) with the corpus's own template. Baselines measured in the same
run: reading and decoding every file (the I/O floor) and ``parse_document`` over every file
(the parser every command needs). ``list`` runs cold (caches removed) and warm (the lint and
row caches filled by an earlier run);
``new`` includes the similar-title check over every RFC. Medians of ``--repeat`` runs.

    .venv/bin/python bench/workflow.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_CORPUS = Path("/work/shared/corpora/rust-rfcs")


def median_time(
    action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def docket(*args: str, cwd: Path) -> None:
    script = Path(sys.executable).with_name("docket")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "docket"]
    done = subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"docket {' '.join(args)} failed: {done.stderr.strip()}")


def scratch_workspace(corpus: Path, into: Path) -> Path:
    shutil.copytree(corpus / "text", into / "text")
    shutil.copy(corpus / "0000-template.md", into / "0000-template.md")
    (into / "docket.toml").write_text(
        'template = "0000-template.md"\nrfc-dir = "text"\nindex-file = "INDEX.md"\n'
    )
    for args in (
        ["init", "-q"],
        ["config", "user.name", "Bench"],
        ["config", "user.email", "bench@example.org"],
        ["add", "."],
        ["commit", "-qm", "corpus"],
    ):
        subprocess.run(["git", *args], cwd=into, check=True, capture_output=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.corpus / "text").is_dir():
        raise SystemExit(f"{args.corpus}/text not found: pass --corpus (the rust-lang/rfcs repo)")

    from docket.document import parse_document
    from docket.template import load_schema

    with tempfile.TemporaryDirectory(prefix="docket-bench-workflow-") as tmp:
        root = scratch_workspace(args.corpus, Path(tmp))
        files = sorted((root / "text").glob("*.md"))
        schema = load_schema(root / "0000-template.md")

        def read_all() -> None:
            for path in files:
                path.read_bytes().decode("utf-8")

        def parse_all() -> None:
            for path in files:
                parse_document(path.read_text(encoding="utf-8"), str(path), schema=schema)

        def clear_caches() -> None:
            shutil.rmtree(root / ".docket-cache", ignore_errors=True)

        cold = median_time(
            lambda: docket("list", "--format", "json", cwd=root), args.repeat, clear_caches
        )
        docket("list", "--format", "json", cwd=root)  # fills the lint and row caches
        counter = iter(range(10_000))
        rows = [
            ("read + decode every file (I/O floor)", median_time(read_all, args.repeat)),
            ("parse_document every file (parser floor)", median_time(parse_all, args.repeat)),
            ("docket list --format json (cold: no caches)", cold),
            (
                "docket list --format json (warm)",
                median_time(lambda: docket("list", "--format", "json", cwd=root), args.repeat),
            ),
            ("docket index", median_time(lambda: docket("index", cwd=root), args.repeat)),
            (
                'docket new "…" (similarity check included)',
                median_time(
                    lambda: docket("new", f"Bench idea {next(counter)}", cwd=root), args.repeat
                ),
            ),
        ]
    floor = rows[1][1]
    print(f"rust-rfcs: {len(files)} files, median of {args.repeat}")
    print(f"{'what':48} {'seconds':>8} {'vs parser':>10}")
    for name, seconds in rows:
        print(f"{name:48} {seconds:8.2f} {seconds / floor:9.2f}x")


if __name__ == "__main__":
    main()
