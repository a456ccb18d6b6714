"""RFCs and their revisions.

The database is the truth in the web workspace: every save adds an immutable ``Revision``;
``Rfc`` keeps a pointer to the newest one plus copies of what the list page filters on.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class Rfc(models.Model):
    number = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=300)
    state = models.CharField(max_length=50, blank=True, db_index=True)
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="rfcs", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now_add=True, db_index=True)
    current = models.ForeignKey(
        "Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Copied from the current revision so the list page needs no join.
    listed_authors = models.JSONField(default=list, blank=True)
    filled = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-number"]
        verbose_name = "RFC"
        permissions = [
            ("edit_any_rfc", "Can edit any RFC, not only ones they author"),
            ("change_state_any_rfc", "Can change the state of any RFC"),
            ("review_rfc", "Can review RFCs"),
        ]

    def __str__(self) -> str:
        return f"RFC {self.number:04d}: {self.title}"

    @property
    def ratio(self) -> float:
        return self.filled / self.total if self.total else 1.0


class Revision(models.Model):
    """One saved text of an RFC, never changed after it is written.

    Everything the RFC page shows (HTML, completeness, findings) is computed once here.
    """

    rfc = models.ForeignKey(Rfc, on_delete=models.CASCADE, related_name="revisions")
    seq = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    base = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300)
    state = models.CharField(max_length=50, blank=True)
    html = models.TextField()
    toc = models.JSONField(default=list)
    # The people the document's own front matter names, as written.
    listed_authors = models.JSONField(default=list, blank=True)
    filled = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    checklist = models.JSONField(default=list)
    findings = models.JSONField(default=list)
    # The RFC page's part drawn from this revision, rendered once (see page_part.py); the
    # only columns ever written after the revision is made.
    page = models.TextField(blank=True, default="")
    page_version = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        ordering = ["rfc", "-seq"]
        constraints = [
            models.UniqueConstraint(fields=["rfc", "seq"], name="revision_unique_seq"),
        ]

    def __str__(self) -> str:
        return f"RFC {self.rfc_id} revision {self.seq}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("revisions are immutable; save a new revision instead")
        super().save(*args, **kwargs)
