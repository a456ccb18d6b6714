"""A folder of RFCs: configuration, discovery, numbering, states and the index.

The names below are imported on first use (PEP 562): ``docket lint`` reads its
configuration from ``docket.workspace.config`` and should not pay for loading the whole
folder workflow.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docket.workspace._atomic import write_atomic
    from docket.workspace._discovery import RfcFile, discover
    from docket.workspace._fields import set_field
    from docket.workspace._history import last_changes
    from docket.workspace._index import END as INDEX_END
    from docket.workspace._index import START as INDEX_START
    from docket.workspace._index import IndexFileError, index_table, update_index
    from docket.workspace._migrate import (
        added_sections,
        migrate_text,
        sections_no_rfc_has,
        unified_diff,
    )
    from docket.workspace._names import FilePattern, PatternError, slugify
    from docket.workspace._renumber import rewrite_references
    from docket.workspace._reserve import ReserveError, create_rfc
    from docket.workspace._rows import RfcRow
    from docket.workspace._scaffold import scaffold
    from docket.workspace._similar import Candidate, Similar, similar_rfcs
    from docket.workspace._state import set_state, transition_problem
    from docket.workspace._summary import RfcSummary, summarise
    from docket.workspace._template_history import EarlierTemplate, earlier_template
    from docket.workspace._workspace import Workspace, WorkspaceError

_LAZY: dict[str, tuple[str, str]] = {
    "Candidate": ("docket.workspace._similar", "Candidate"),
    "EarlierTemplate": ("docket.workspace._template_history", "EarlierTemplate"),
    "FilePattern": ("docket.workspace._names", "FilePattern"),
    "INDEX_END": ("docket.workspace._index", "END"),
    "INDEX_START": ("docket.workspace._index", "START"),
    "IndexFileError": ("docket.workspace._index", "IndexFileError"),
    "PatternError": ("docket.workspace._names", "PatternError"),
    "ReserveError": ("docket.workspace._reserve", "ReserveError"),
    "RfcFile": ("docket.workspace._discovery", "RfcFile"),
    "RfcRow": ("docket.workspace._rows", "RfcRow"),
    "RfcSummary": ("docket.workspace._summary", "RfcSummary"),
    "Similar": ("docket.workspace._similar", "Similar"),
    "Workspace": ("docket.workspace._workspace", "Workspace"),
    "WorkspaceError": ("docket.workspace._workspace", "WorkspaceError"),
    "added_sections": ("docket.workspace._migrate", "added_sections"),
    "create_rfc": ("docket.workspace._reserve", "create_rfc"),
    "discover": ("docket.workspace._discovery", "discover"),
    "earlier_template": ("docket.workspace._template_history", "earlier_template"),
    "index_table": ("docket.workspace._index", "index_table"),
    "last_changes": ("docket.workspace._history", "last_changes"),
    "migrate_text": ("docket.workspace._migrate", "migrate_text"),
    "rewrite_references": ("docket.workspace._renumber", "rewrite_references"),
    "scaffold": ("docket.workspace._scaffold", "scaffold"),
    "sections_no_rfc_has": ("docket.workspace._migrate", "sections_no_rfc_has"),
    "set_field": ("docket.workspace._fields", "set_field"),
    "set_state": ("docket.workspace._state", "set_state"),
    "similar_rfcs": ("docket.workspace._similar", "similar_rfcs"),
    "slugify": ("docket.workspace._names", "slugify"),
    "summarise": ("docket.workspace._summary", "summarise"),
    "transition_problem": ("docket.workspace._state", "transition_problem"),
    "unified_diff": ("docket.workspace._migrate", "unified_diff"),
    "update_index": ("docket.workspace._index", "update_index"),
    "write_atomic": ("docket.workspace._atomic", "write_atomic"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


__all__ = [
    "INDEX_END",
    "INDEX_START",
    "Candidate",
    "EarlierTemplate",
    "FilePattern",
    "IndexFileError",
    "PatternError",
    "ReserveError",
    "RfcFile",
    "RfcRow",
    "RfcSummary",
    "Similar",
    "Workspace",
    "WorkspaceError",
    "added_sections",
    "create_rfc",
    "discover",
    "earlier_template",
    "index_table",
    "last_changes",
    "migrate_text",
    "rewrite_references",
    "scaffold",
    "sections_no_rfc_has",
    "set_field",
    "set_state",
    "similar_rfcs",
    "slugify",
    "summarise",
    "transition_problem",
    "unified_diff",
    "update_index",
    "write_atomic",
]
