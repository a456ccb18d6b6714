"""Every built-in rule; importing this package registers them all."""

from docket.lint.rules import files, folder, front_matter, sections, tables, title

__all__ = ["files", "folder", "front_matter", "sections", "tables", "title"]
