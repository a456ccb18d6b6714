"""Benchmark ``docket lint`` on the Rust RFC corpus, against the I/O floor and markdownlint-cli2.

Lints ``rust-rfcs/text`` with the corpus's own template (``0000-template.md``), cold (cache
cleared) and warm, through the real ``docket lint`` command (a child process) and in-process.
Baselines measured in the same run: reading and decoding every file in Python (the I/O
floor), Docket's block parser against stock markdown-it-py on every file (one process:
parsing is most of a cold run) and, when npm can install it into a temp folder,
``markdownlint-cli2`` on the same files. Each figure is the median of ``--repeat`` runs.

    .venv/bin/python bench/lint.py [--corpus DIR] [--repeat N] [--no-markdownlint]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path("/work/shared/corpora/rust-rfcs")
MARKDOWNLINT_DIR = Path(tempfile.gettempdir()) / "docket-bench-markdownlint"


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    """Seconds of CPU in this process and its children (worker processes, `docket lint`)."""


def _cpu() -> float:
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median_time(
    action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> Timing:
    """Median wall and CPU time: on a shared machine CPU time says what the work costs."""
    walls, cpus = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        cpu, start = _cpu(), time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
    return Timing(statistics.median(walls), statistics.median(cpus))


def io_floor(files: list[Path]) -> None:
    for path in files:
        path.read_bytes().decode("utf-8")


def stock_parser() -> Callable[[str], object]:
    """markdown-it-py as Docket configures it (block rules only), without Docket's dispatch."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.core.ruler.disable(["inline"])
    return md.parse


def parse_all(parse: Callable[[str], object], texts: list[str]) -> None:
    for text in texts:
        parse(text)


def docket_command() -> list[str]:
    script = Path(sys.executable).with_name("docket")
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from docket.cli import main; main()"]
    )


def run_quiet(command: list[str], cwd: Path) -> None:
    done = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}"
        )


def markdownlint(log: Callable[[str], None]) -> Path | None:
    """``markdownlint-cli2`` installed from npm into a temp folder, or ``None`` (said why)."""
    binary = MARKDOWNLINT_DIR / "node_modules" / ".bin" / "markdownlint-cli2"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        log("markdownlint-cli2: skipped (npm is not installed)")
        return None
    log(f"markdownlint-cli2: installing into {MARKDOWNLINT_DIR} ...")
    done = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(MARKDOWNLINT_DIR),
            "--no-audit",
            "--no-fund",
            "markdownlint-cli2",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not binary.exists():
        log(f"markdownlint-cli2: skipped (npm install failed: {done.stderr.strip()[-200:]})")
        return None
    return binary


def _version(prefix: Path) -> str:
    import json

    try:
        package = prefix / "node_modules" / "markdownlint-cli2" / "package.json"
        return str(json.loads(package.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-markdownlint", action="store_true")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus
    template = corpus / "0000-template.md"
    files = sorted((corpus / "text").glob("*.md"))
    if not template.is_file() or not files:
        print(
            f"The corpus is not at {corpus} (needs 0000-template.md and text/*.md); "
            "nothing to benchmark."
        )
        return 0

    from dataclasses import replace

    from docket.lint import lint_paths
    from docket.workspace.config import load_config

    repeat = args.repeat
    with tempfile.TemporaryDirectory(prefix="docket-bench-lint-") as tmp:
        work = Path(tmp)
        cache = work / ".docket-cache"
        (work / "docket.toml").write_text(
            f'template = "{template}"\nrfc-dir = "{corpus / "text"}"\ncache-dir = "{cache}"\n',
            encoding="utf-8",
        )

        def clear() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        os.chdir(work)
        config = load_config(work)
        config = replace(config)  # a fresh Config: its schema is parsed inside the timing

        floor = median_time(lambda: io_floor(files), max(5, repeat))
        from docket.document._blocks import _parser

        texts = [path.read_text(encoding="utf-8") for path in files]
        stock, ours = stock_parser(), _parser().parse
        parse_stock = median_time(lambda: parse_all(stock, texts), repeat)
        parse_ours = median_time(lambda: parse_all(ours, texts), repeat)

        def in_process() -> None:
            lint_paths(None, replace(config))

        cold_in = median_time(in_process, repeat, before=clear)
        in_process()
        warm_in = median_time(in_process, repeat)
        findings = len(lint_paths(None, config).findings)

        command = [*docket_command(), "lint", "--format", "json"]
        cold_cli = median_time(lambda: run_quiet(command, work), repeat, before=clear)
        run_quiet(command, work)
        warm_cli = median_time(lambda: run_quiet(command, work), repeat)
        one = [*docket_command(), "lint", "--no-cache", str(files[0])]
        one_file = median_time(lambda: run_quiet(one, work), repeat)

        peer = None
        if not args.no_markdownlint:
            binary = markdownlint(print)
            if binary is not None:
                peer_cmd = [str(binary), "text/*.md"]
                peer = median_time(lambda: run_quiet(peer_cmd, corpus), repeat)

    def row(label: str, timing: Timing) -> str:
        vs_peer = f"{peer.wall / timing.wall:7.1f}x faster" if peer else ""
        return (
            f"{label:<34}{timing.wall:8.3f} s {timing.wall / floor.wall:8.1f}x floor"
            f"{timing.cpu:8.3f} s cpu  {vs_peer}"
        )

    print(
        f"docket lint on {len(files)} files of {corpus / 'text'} ({findings} findings), "
        f"median of {repeat}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'':<34}{'wall':>10} {'vs I/O floor':>14}{'cpu':>12}")
    print(row("I/O floor (read + decode)", floor))
    print(row("block parse, stock markdown-it-py", parse_stock))
    print(row("block parse, Docket's dispatch", parse_ours))
    print(row("in-process, cold", cold_in))
    print(row("in-process, warm", warm_in))
    print(row("`docket lint`, cold", cold_cli))
    print(row("`docket lint`, warm", warm_cli))
    print(row("`docket lint` one file, no cache", one_file))
    if peer is not None:
        print(row(f"markdownlint-cli2 {_version(MARKDOWNLINT_DIR)}", peer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
