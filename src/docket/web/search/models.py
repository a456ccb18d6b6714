"""The search index's source rows: one per RFC, rewritten on every save.

The database-specific index (an FTS5 table on SQLite, a generated ``tsvector`` column on
PostgreSQL) is derived from this table inside the database, so it can never drift.
"""

from __future__ import annotations

from django.db import models

from docket.web.proposals.models import Rfc


class SearchDocument(models.Model):
    rfc = models.OneToOneField(
        Rfc, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.TextField()
    authors = models.TextField(blank=True)
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"search entry for RFC {self.rfc_id}"
