"""Request and response bodies, as typed schemas (they become the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class ErrorDetail(Schema):
    code: str = Field(description="Stable machine-readable code, e.g. 'stale_revision'.")
    message: str = Field(description="A sentence saying what went wrong and what to do.")
    details: object | None = None


class ErrorOut(Schema):
    error: ErrorDetail


class Finding(Schema):
    line: int | None
    column: int | None = None
    code: str
    slug: str
    severity: str
    message: str


class SectionOut(Schema):
    key: str
    title: str
    level: int
    kept: bool = Field(description="The section is present in the document.")
    filled: bool = Field(description="The section holds content beyond the template's.")


class RevisionOut(Schema):
    id: int
    seq: int
    author: str | None
    created_at: datetime
    message: str
    title: str
    state: str
    etag: str


class RevisionTextOut(RevisionOut):
    text: str


class RfcSummary(Schema):
    number: int
    title: str
    state: str
    authors: list[str]
    filled: int
    total: int
    updated_at: datetime


class RfcOut(RfcSummary):
    created_at: datetime
    etag: str | None
    sections: list[SectionOut]
    findings: list[Finding]
    current_revision: RevisionTextOut | None


class RfcPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RfcSummary]


class RevisionPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RevisionOut]


class SearchHitOut(Schema):
    rfc: RfcSummary
    rank: float
    snippet: str = Field(description="HTML: escaped text with <mark> around the matches.")


class SearchPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[SearchHitOut]


class CreateIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    text: str | None = Field(None, description="Markdown; omitted means the template.")


class UpdateIn(Schema):
    text: str
    message: str = Field("", max_length=200)


class StateIn(Schema):
    state: str = Field(min_length=1)
    force: bool = Field(False, description="Admins only: skip the readiness check.")


class LintIn(Schema):
    text: str
    state: str | None = Field(None, description="Also check readiness for this state.")


class LintOut(Schema):
    count: int
    findings: list[Finding]
