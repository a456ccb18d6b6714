"""Benchmark ``docket.render`` against plain markdown-it-py on the Rust RFC corpus.

The baseline is ``MarkdownIt("commonmark").render`` over the same texts in the same run, so
the ratio is the price of sanitising, highlighting, anchors and plugins.

    .venv/bin/python bench/render.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from docket.render import render_markdown

DEFAULT_CORPUS = Path("/work/shared/corpora/rust-rfcs/text")


def _one_pass(render: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        render(text)
    return time.perf_counter() - start


def _compare(
    baseline: Callable[[str], object], candidate: Callable[[str], object], texts: list[str], n: int
) -> tuple[float, float]:
    """Median seconds per pass for each, passes interleaved so load on a shared box hits both."""
    _one_pass(baseline, texts)
    _one_pass(candidate, texts)
    base_runs, cand_runs = [], []
    for _ in range(n):
        base_runs.append(_one_pass(baseline, texts))
        cand_runs.append(_one_pass(candidate, texts))
    return statistics.median(base_runs), statistics.median(cand_runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    files = sorted(args.corpus.glob("*.md")) if args.corpus.is_dir() else []
    if not files:
        print(f"No Markdown files under {args.corpus}; nothing to benchmark.")
        return 0
    texts = [path.read_text(encoding="utf-8") for path in files]
    lines = sum(text.count("\n") + 1 for text in texts)

    baseline, docket = _compare(
        MarkdownIt("commonmark").render, render_markdown, texts, args.repeat
    )

    print(f"corpus: {args.corpus} ({len(texts)} files, {lines} lines)")
    print(f"median of {args.repeat} interleaved passes each, after one warm-up pass each")
    print(
        f"docket.render:  {docket:.3f} s  {len(texts) / docket:.0f} files/s  "
        f"{docket / len(texts) * 1000:.2f} ms/file"
    )
    print(
        f"markdown-it-py: {baseline:.3f} s  {len(texts) / baseline:.0f} files/s  "
        f"{baseline / len(texts) * 1000:.2f} ms/file"
    )
    print(f"ratio docket/baseline: {docket / baseline:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
