"""The RFC document model: an RFC file read into front matter, title, sections and blocks."""

from docket.document._blocks import Block, Row
from docket.document._model import (
    Document,
    FrontMatter,
    Person,
    Section,
    Title,
    field_key,
    parse_people,
)
from docket.document._parse import (
    DEFAULT_MAX_BYTES,
    DocumentError,
    decode,
    parse_document,
    read_document,
    read_text,
)
from docket.document._text import heading_key, normalise
from docket.document._title import TitlePattern

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Block",
    "Document",
    "DocumentError",
    "FrontMatter",
    "Person",
    "Row",
    "Section",
    "Title",
    "TitlePattern",
    "decode",
    "field_key",
    "heading_key",
    "normalise",
    "parse_document",
    "parse_people",
    "read_document",
    "read_text",
]
