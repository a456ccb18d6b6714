"""Markdown to safe HTML for the web workspace and the static site.

The output of ``render_markdown`` has been through an nh3 allow-list and can be inserted into
a page unescaped; ``pygments_css`` is the stylesheet its highlighted code expects.
"""

from docket.render._highlight import pygments_css
from docket.render._markdown import Rendered, TocEntry, render_markdown
from docket.render._slug import slugify

__all__ = ["Rendered", "TocEntry", "pygments_css", "render_markdown", "slugify"]
