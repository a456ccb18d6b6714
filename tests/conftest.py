"""Suite-wide hooks.

In CI (``DOCKET_REQUIRE_ALL=1``, set by ``.ci/run``) a skipped test is a failure: a skip is
only allowed for a reason that cannot occur there (a missing browser or database).
"""

from __future__ import annotations

import os

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if (
        report.skipped
        and os.environ.get("DOCKET_REQUIRE_ALL") == "1"
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, where nothing may skip: {reason}"


def _database_vendor() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return (
        "postgresql" if url.startswith(("postgres://", "postgresql://", "pgsql://")) else "sqlite"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out ``@pytest.mark.postgres`` tests on SQLite: CI runs them in its PostgreSQL pass.

    They are deselected, not skipped, so CI's no-skip rule holds for both passes.
    """
    if _database_vendor() == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgres") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept
