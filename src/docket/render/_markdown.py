"""Markdown to safe HTML: parse once with markdown-it, add anchors, then sanitise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from docket.render._highlight import highlight
from docket.render._sanitize import OWN_ID_MARK, is_remote, sanitize
from docket.render._slug import Slugger

_TOC_KEY = "docket_toc"
_TITLE_KEY = "docket_title"
_TITLE_LINE_KEY = "docket_title_line"
_LINK_IMAGES_KEY = "docket_link_remote_images"
_ALIGN_STYLE = "text-align:"


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One heading: its level (1-6), plain text, and the id it can be linked by."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Rendered:
    """A document's safe HTML with its table of contents.

    ``title`` is the text of the title heading left out (``title_line``), else of the first H1.
    """

    html: str
    toc: tuple[TocEntry, ...]
    title: str | None


def render_markdown(
    text: str, *, title_line: int | None = None, link_remote_images: bool = False
) -> Rendered:
    """Render Markdown (raw HTML allowed, then sanitised); front matter is left out.

    ``title_line`` is the 1-based line of a title heading the page shows in its own header:
    that heading is left out of the HTML and the contents, so it does not appear twice.
    ``link_remote_images`` turns an image on another origin into a small link to it, for
    pages whose Content-Security-Policy (``img-src 'self'``) would show it broken.
    """
    md = _markdown()
    env: EnvType = {_TITLE_LINE_KEY: title_line, _LINK_IMAGES_KEY: link_remote_images}
    tokens = md.parse(text, env)
    html = sanitize(
        md.renderer.render(tokens, md.options, env), drop_remote_images=link_remote_images
    )
    toc: tuple[TocEntry, ...] = tuple(env.get(_TOC_KEY, ()))
    title = env.get(_TITLE_KEY) or next((e.text for e in toc if e.level == 1), None)
    return Rendered(html=html, toc=toc, title=title)


@cache
def _markdown() -> MarkdownIt:
    # Building the parser and loading its plugins costs far more than rendering a page.
    md = (
        MarkdownIt("commonmark", {"html": True, "highlight": highlight})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
        .use(tasklists_plugin)
    )
    md.core.ruler.push("docket_anchors", _anchor_headings)
    md.core.ruler.push("docket_align_cells", _align_cells_by_class)
    md.add_render_rule("front_matter", _render_nothing)
    md.add_render_rule("heading_close", _render_heading_close)
    md.add_render_rule("footnote_anchor_name", _render_footnote_anchor_name)
    md.add_render_rule("image", _render_image)
    return md


def _heading_text(inline: Token) -> str:
    # A setext heading may span lines; its soft breaks read as spaces.
    parts = (
        " " if child.type == "softbreak" else child.content
        for child in inline.children or ()
        if child.type in ("text", "code_inline", "softbreak")
    )
    return " ".join("".join(parts).split())


def _anchor_headings(state: StateCore) -> None:
    """Give every heading a unique slug id and record it in the table of contents.

    The title heading the page shows itself is dropped here, after its slug is taken, so
    the other sections' anchors are the same whether or not it is shown.
    """
    slugger = Slugger()
    toc: list[TocEntry] = []
    tokens = state.tokens
    title_line = state.env.get(_TITLE_LINE_KEY)
    omit: int | None = None
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = _heading_text(tokens[index + 1])
        anchor = slugger.slug(text)
        if title_line is not None and token.map and token.map[0] == title_line - 1:
            omit = index
            state.env[_TITLE_KEY] = text
            continue
        token.attrSet("id", OWN_ID_MARK + anchor)
        tokens[index + 2].meta["anchor"] = anchor
        toc.append(TocEntry(level=int(token.tag[1]), text=text, anchor=anchor))
    if omit is not None:
        del tokens[omit : omit + 3]
    state.env[_TOC_KEY] = toc


def _align_cells_by_class(state: StateCore) -> None:
    """Column alignment as ``align-*`` classes: pages forbid inline styles in their CSP."""
    for token in state.tokens:
        if token.type not in ("th_open", "td_open"):
            continue
        style = str(token.attrs.pop("style", ""))
        if style.startswith(_ALIGN_STYLE):
            token.attrSet("class", f"align-{style.removeprefix(_ALIGN_STYLE)}")


def _render_heading_close(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    anchor = token.meta.get("anchor", "")
    link = (
        f' <a class="anchor" href="#{anchor}" aria-label="Link to this section">#</a>'
        if anchor
        else ""
    )
    return f"{link}</{token.tag}>\n"


def _render_image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    if not (env.get(_LINK_IMAGES_KEY) and is_remote(src)):
        return self.image(tokens, idx, options, env)
    alt = self.renderInlineAsText(token.children or [], options, env)
    label = alt or src.rstrip("/").rsplit("/", 1)[-1] or src
    return (
        f'<a class="remote-image" href="{escapeHtml(src)}" title="Remote image (not loaded)">'
        f"image: {escapeHtml(label)}</a>"
    )


def _render_footnote_anchor_name(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # Footnote ids are Docket's own, so they carry the mark that keeps them unprefixed.
    return f"{OWN_ID_MARK}{tokens[idx].meta['id'] + 1}"


def _render_nothing(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return ""
