"""The linter: rules over a template schema and RFC documents, with state-aware severities.

Framework-free: reporters return strings, and the CLI and the web app print or serve them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docket.lint._document import FileResult, LintError, check_state, lint_document
from docket.lint._finding import SEVERITIES, Finding, Severity
from docket.lint._rule import Rule, all_rules, get_rule
from docket.lint._run import LintRun, discover, lint_paths

if TYPE_CHECKING:
    from docket.template import Schema
    from docket.workspace.config import Config


def lint_text(
    text: str,
    schema: Schema,
    *,
    path: str = "<text>",
    config: Config | None = None,
    state: str | None = None,
) -> list[Finding]:
    """Findings for one document's text; ``state`` checks it as if it were in that state."""
    check_state(state, schema, config)
    return lint_document(text, schema, path=path, config=config, state=state).findings


def readiness(text: str, schema: Schema, state: str, config: Config | None = None) -> list[Finding]:
    """The errors that block moving the document to ``state`` (empty: it is ready)."""
    return [f for f in lint_text(text, schema, config=config, state=state) if f.severity == "error"]


__all__ = [
    "SEVERITIES",
    "FileResult",
    "Finding",
    "LintError",
    "LintRun",
    "Rule",
    "Severity",
    "all_rules",
    "discover",
    "get_rule",
    "lint_paths",
    "lint_text",
    "readiness",
]
