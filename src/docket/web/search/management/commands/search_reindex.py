"""``docket manage search_reindex``: rebuild the search index from every RFC's current text.

Saves keep the index current on their own; this is for a database restored from a backup,
RFCs loaded by hand, or a changed indexing rule.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from docket.web.proposals.models import Rfc
from docket.web.search.engine import index_rfc
from docket.web.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every RFC's current revision."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            rfcs = Rfc.objects.exclude(current=None).select_related("current")
            for rfc in rfcs.prefetch_related("authors").iterator(chunk_size=500):
                if rfc.current is not None:
                    index_rfc(rfc, rfc.current)
                    count += 1
        self.stdout.write(f"indexed {count} RFC(s)")
