"""Markdown to safe HTML: anchors, tables, highlighting, and the sanitiser's allow-list."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docket.render import Rendered, TocEntry, pygments_css, render_markdown, slugify


class _Collector(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.tags


def _ids(html: str) -> list[str]:
    return [attrs["id"] or "" for _, attrs in _tags(html) if "id" in attrs]


# Headings and the table of contents


def test_headings_get_github_style_ids_and_toc_entries() -> None:
    rendered = render_markdown(
        "# RFC 12 - Fast Things\n\n## Problem Statement\n\n### What's `new`?\n"
    )
    assert rendered.toc == (
        TocEntry(1, "RFC 12 - Fast Things", "rfc-12---fast-things"),
        TocEntry(2, "Problem Statement", "problem-statement"),
        TocEntry(3, "What's new?", "whats-new"),
    )
    assert '<h2 id="problem-statement">' in rendered.html
    assert '<h3 id="whats-new">' in rendered.html
    assert rendered.title == "RFC 12 - Fast Things"


def test_duplicate_headings_are_numbered_in_order() -> None:
    rendered = render_markdown("## Risks\n\n## Risks\n\n### Risks\n\n## Other\n")
    assert [entry.anchor for entry in rendered.toc] == ["risks", "risks-1", "risks-2", "other"]
    assert _ids(rendered.html) == ["risks", "risks-1", "risks-2", "other"]


def test_each_heading_links_to_itself() -> None:
    html = render_markdown("## Key Decisions\n").html
    links = [attrs for tag, attrs in _tags(html) if tag == "a"]
    assert links and links[0]["href"] == "#key-decisions"


def test_heading_text_keeps_emphasis_words_and_drops_markup() -> None:
    rendered = render_markdown("## The *very* **bold** [plan](http://example.com)\n")
    assert rendered.toc[0] == TocEntry(2, "The very bold plan", "the-very-bold-plan")


def test_setext_heading_over_two_lines_reads_as_one_line() -> None:
    rendered = render_markdown("Data\nModel\n=====\n")
    assert rendered.toc == (TocEntry(1, "Data Model", "data-model"),)


def test_heading_without_words_still_gets_a_usable_id() -> None:
    rendered = render_markdown("## ???\n\n## !!!\n")
    assert [entry.anchor for entry in rendered.toc] == ["section", "section-1"]


def test_title_is_none_without_a_level_one_heading() -> None:
    assert render_markdown("## Only a section\n").title is None


def test_slugify_matches_github() -> None:
    assert slugify("Failure Modes & Mitigations") == "failure-modes--mitigations"
    assert slugify("  Données été ") == "données-été"
    assert slugify("API_v2 (draft)") == "api_v2-draft"


def test_raw_html_ids_cannot_shadow_section_anchors() -> None:
    html = render_markdown('## Summary\n\n<div id="summary">fake</div>\n').html
    assert _ids(html) == ["summary", "user-content-summary"]


def test_footnotes_link_both_ways() -> None:
    html = render_markdown("Claim.[^1]\n\n[^1]: Source.\n").html
    assert 'href="#fn1"' in html and 'id="fn1"' in html
    assert 'href="#fnref1"' in html and 'id="fnref1"' in html
    assert "Source." in html


# Tables, lists, code


def test_tables_render_with_alignment() -> None:
    html = render_markdown("| Decision | Chosen |\n|---|:-:|\n| Auth | JWT |\n").html
    assert "<table>" in html
    assert "<th>Decision</th>" in html
    # Classes, not inline styles: the workspace's Content-Security-Policy forbids those.
    assert '<th class="align-center">Chosen</th>' in html
    assert '<td class="align-center">JWT</td>' in html
    assert "style=" not in html


def test_strikethrough_and_task_lists() -> None:
    html = render_markdown("~~old~~\n\n- [x] done\n- [ ] todo\n").html
    assert "<s>old</s>" in html
    boxes = [attrs for tag, attrs in _tags(html) if tag == "input"]
    assert len(boxes) == 2
    assert all(b["type"] == "checkbox" and "disabled" in b for b in boxes)
    assert "checked" in boxes[0] and "checked" not in boxes[1]


def test_code_is_highlighted_with_classes_not_styles() -> None:
    html = render_markdown("```python\ndef handler(event):\n    return 1\n```\n").html
    assert '<pre class="highlight"><code class="language-python">' in html
    assert '<span class="k">def</span>' in html
    assert '<span class="nf">handler</span>' in html
    assert "style=" not in html


def test_unknown_language_falls_back_to_escaped_text() -> None:
    html = render_markdown("```nosuchlang\n<b>x</b> & y\n```\n").html
    assert '<code class="language-nosuchlang">&lt;b&gt;x&lt;/b&gt; &amp; y' in html
    assert "<span" not in html


def test_fence_without_language_is_plain_code() -> None:
    html = render_markdown("```\nif a < b:\n```\n").html
    assert "<pre><code>if a &lt; b:\n</code></pre>" in html


def test_pygments_css_styles_the_highlight_classes() -> None:
    css = pygments_css()
    assert ".highlight .k " in css
    assert ".highlight .nf " in css


def test_front_matter_is_left_out() -> None:
    html = render_markdown("---\nstate: draft\nauthors: Ann\n---\n\n# RFC 1 - X\n").html
    assert "state" not in html and "Ann" not in html
    assert "<h1" in html


# Sanitising

XSS_CASES = [
    pytest.param("<script>alert(1)</script>", "<script", id="script"),
    pytest.param("[x](javascript:alert(1))", "javascript:", id="md-javascript-link"),
    pytest.param("<img src=x onerror=alert(1)>", "onerror", id="img-onerror"),
    pytest.param('<a href="JaVaScRiPt:alert(1)">x</a>', "alert", id="mixed-case-javascript"),
    pytest.param('<a href="java&#x09;script:alert(1)">x</a>', "alert", id="entity-javascript"),
    pytest.param("<svg onload=alert(1)><circle/></svg>", "onload", id="svg-onload"),
    pytest.param('<iframe src="https://evil.example"></iframe>', "iframe", id="iframe"),
    pytest.param("<style>body{display:none}</style>", "<style", id="style"),
    pytest.param('<p style="background:url(x)">x</p>', "background", id="style-attr"),
    pytest.param('<form action="/x"><button>go</button></form>', "<form", id="form"),
    pytest.param('<object data="x.swf"></object>', "<object", id="object"),
    pytest.param('<img src="data:text/html;base64,PHNjcmlwdD4=">', "data:", id="data-url"),
    pytest.param('<a href="vbscript:msgbox(1)">x</a>', "vbscript", id="vbscript"),
    pytest.param('<div onclick="alert(1)">x</div>', "onclick", id="div-onclick"),
    pytest.param(
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "javascript", id="math"
    ),
]


@pytest.mark.parametrize(("payload", "forbidden"), XSS_CASES)
def test_dangerous_html_is_neutralised_and_surroundings_survive(
    payload: str, forbidden: str
) -> None:
    html = render_markdown(f"Before **bold** text.\n\n{payload}\n\nAfter *text*.\n").html
    # Text is escaped by the serialiser, so every real tag is a "<...>" run of the output.
    markup = "".join(re.findall(r"<[^>]*>", html)).lower()
    assert forbidden.lower() not in markup
    assert "<strong>bold</strong>" in html
    assert "<em>text</em>" in html


def test_links_get_noopener_and_keep_safe_targets() -> None:
    html = render_markdown("[docs](https://example.com/a) and [mail](mailto:a@example.com)\n").html
    links = [attrs for tag, attrs in _tags(html) if tag == "a"]
    assert [link["href"] for link in links] == ["https://example.com/a", "mailto:a@example.com"]
    assert all(link["rel"] == "noopener noreferrer" for link in links)


def test_harmless_raw_html_is_kept() -> None:
    html = render_markdown(
        "<details><summary>More</summary>\n\nHidden <kbd>Ctrl</kbd>\n\n</details>\n"
    ).html
    assert "<details>" in html and "<summary>More</summary>" in html
    assert "<kbd>Ctrl</kbd>" in html


def test_html_comments_vanish() -> None:
    source = (
        "## Summary\n\n<!-- What would I say in 60 seconds? -->\n\nText <!-- inline --> here.\n"
    )
    html = render_markdown(source).html
    assert "<!--" not in html
    assert "60 seconds" not in html and "inline" not in html
    assert "Text  here." in html


def test_raw_inputs_are_made_inert_checkboxes() -> None:
    html = render_markdown('<input type="text" name="q" onfocus="alert(1)" autofocus>\n').html
    inputs = [attrs for tag, attrs in _tags(html) if tag == "input"]
    assert inputs == [{"type": "checkbox", "disabled": "disabled"}]


# Input shapes


def test_non_ascii_text_renders() -> None:
    rendered = render_markdown("## Überblick 概要\n\nZürich — naïve café ✓ 日本語\n")
    assert "Zürich — naïve café ✓ 日本語" in rendered.html
    assert rendered.toc[0].anchor == "überblick-概要"


def test_crlf_input_renders_like_lf() -> None:
    lf = "# RFC 1 - T\n\n## A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n"
    assert render_markdown(lf.replace("\n", "\r\n")) == render_markdown(lf)


def test_empty_input() -> None:
    assert render_markdown("") == Rendered(html="", toc=(), title=None)


def test_the_default_template_renders_without_its_guidance() -> None:
    from importlib.resources import files

    text = files("docket.template").joinpath("default_template.md").read_text(encoding="utf-8")
    rendered = render_markdown(text)
    assert "<!--" not in rendered.html
    assert "If I had 60 seconds" not in rendered.html
    assert any(entry.anchor == "key-decisions" for entry in rendered.toc)
    assert len(set(_ids(rendered.html))) == len(_ids(rendered.html))


_EVENT_ATTR = re.compile(r"\son\w+\s*=", re.IGNORECASE)
_HTML_BITS = st.sampled_from(
    [
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href='javascript:x'>",
        "<!--",
        "-->",
        "<div onclick=x>",
        "<scr<script>ipt>",
        "`",
        "```python\n",
        "\n",
        "# ",
        "| a |\n|---|\n",
        "[^1]",
        "[x](",
        ")",
        "\r\n",
        "- [ ] ",
        "<",
        ">",
        '"',
        "&#x3c;script&#x3e;",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_HTML_BITS, st.text(max_size=20)), max_size=30).map("".join))
def test_render_never_raises_or_emits_scripts(text: str) -> None:
    html = render_markdown(text).html
    assert "<script" not in html.lower()
    for _, attrs in _tags(html):
        assert not any(name.startswith("on") for name in attrs)
    assert not _EVENT_ATTR.search(re.sub(r">[^<]*<", "><", html))


def test_script_and_style_bodies_are_dropped_not_shown_as_text() -> None:
    html = render_markdown("<script>steal()</script>\n\n<style>p{color:red}</style>\n\nok\n").html
    assert "steal" not in html and "color:red" not in html
    assert "<p>ok</p>" in html
