"""DK0xx: files Docket cannot read as text at all. Reported by the runner, not a check."""

from __future__ import annotations

from docket.lint._rule import Rule, register

FILE_UNREADABLE = register(
    Rule(
        "DK001",
        "file-unreadable",
        "The file cannot be read as UTF-8 Markdown (binary, bad encoding, too big, unreadable).",
        ("file",),
        "error",
        "file",
    )
)
