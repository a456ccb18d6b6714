"""Markdown to safe HTML for the web workspace and the static site.

The output of ``render_markdown`` has been through an nh3 allow-list and can be inserted into
a page unescaped; ``pygments_css`` is the stylesheet its highlighted code expects. Pages that
show the title in their own header, or forbid remote images in their Content-Security-Policy,
say so with ``render_markdown``'s ``title_line`` and ``link_remote_images``.
"""

from docket.render._highlight import pygments_css
from docket.render._markdown import Rendered, TocEntry, render_markdown
from docket.render._slug import slugify

__all__ = ["Rendered", "TocEntry", "pygments_css", "render_markdown", "slugify"]
