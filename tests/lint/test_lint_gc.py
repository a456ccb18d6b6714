"""Linting a batch pauses the cycle collector and leaves it as it found it."""

from __future__ import annotations

import gc
from typing import Any

import pytest

import docket.lint._run as run_module
from docket.lint import lint_paths
from docket.lint._document import lint_document

RFC = "---\nstate: draft\n---\n\n# RFC 1 - A\n\n## Summary\n\nText.\n"


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_collector_is_paused_per_batch_and_restored(
    workspace: Any, monkeypatch: pytest.MonkeyPatch, enabled_before: bool
) -> None:
    config = workspace("", {"rfcs/0001-a.md": RFC, "rfcs/0002-b.md": RFC})
    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return lint_document(*args, **kwargs)

    monkeypatch.setattr(run_module, "lint_document", spy)
    if not enabled_before:
        gc.disable()
    try:
        run = lint_paths(None, config, use_cache=False)
        after = gc.isenabled()
    finally:
        gc.enable()
    assert run.files == 2 and seen == [False, False]
    assert after is enabled_before
