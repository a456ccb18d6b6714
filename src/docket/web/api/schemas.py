"""Request and response bodies, as typed schemas (they become the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema
from pydantic import BaseModel


class Out(BaseModel):
    """A response body. Our endpoints build them from dicts, so they are plain pydantic
    models: ninja's ``Schema`` adds a validator that reads ORM objects attribute by
    attribute, which cost 0.2 ms on a page of twenty search hits."""


class ErrorDetail(Out):
    code: str = Field(description="Stable machine-readable code, e.g. 'stale_revision'.")
    message: str = Field(description="A sentence saying what went wrong and what to do.")
    details: object | None = None


class ErrorOut(Out):
    error: ErrorDetail


class Finding(Out):
    line: int | None
    column: int | None = None
    code: str
    slug: str
    severity: str
    message: str


class SectionOut(Out):
    key: str
    title: str
    level: int
    kept: bool = Field(description="The section is present in the document.")
    filled: bool = Field(description="The section holds content beyond the template's.")


class RevisionOut(Out):
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


class RfcSummary(Out):
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


class RfcPage(Out):
    count: int
    limit: int
    offset: int
    items: list[RfcSummary]


class RevisionPage(Out):
    count: int
    limit: int
    offset: int
    items: list[RevisionOut]


class SearchHitOut(Out):
    rfc: RfcSummary
    rank: float
    snippet: str = Field(description="HTML: escaped text with <mark> around the matches.")


class SearchPage(Out):
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


class LintOut(Out):
    count: int
    findings: list[Finding]
