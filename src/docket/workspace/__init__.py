"""A folder of RFCs: configuration, discovery, numbering, states and the index."""

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
