"""Proposals: RFCs, their immutable revisions, numbering and state changes."""
