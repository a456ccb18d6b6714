"""What a page asks of the renderer: leave out the title it shows, link remote images,
and keep in-page links to an author's own ids working."""

from __future__ import annotations

from html.parser import HTMLParser

from docket.render import TocEntry, render_markdown


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str, name: str) -> list[dict[str, str | None]]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return [attrs for tag, attrs in collector.tags if tag == name]


DOC = """---
authors: Pat
---

# RFC 11 - Mobile Push Notifications

## Summary

Push, not poll.
"""


# The title heading a page already shows


def test_the_title_heading_on_the_given_line_is_left_out() -> None:
    rendered = render_markdown(DOC, title_line=5)
    assert "<h1" not in rendered.html
    assert "Mobile Push Notifications" not in rendered.html
    assert '<h2 id="summary">' in rendered.html
    assert "Push, not poll." in rendered.html
    assert rendered.toc == (TocEntry(2, "Summary", "summary"),)
    assert rendered.title == "RFC 11 - Mobile Push Notifications"


def test_without_a_title_line_the_title_heading_is_rendered() -> None:
    html = render_markdown(DOC).html
    assert '<h1 id="rfc-11---mobile-push-notifications">' in html


def test_a_title_line_that_is_not_a_heading_leaves_the_text_whole() -> None:
    rendered = render_markdown(DOC, title_line=9)
    assert "<h1" in rendered.html and "Push, not poll." in rendered.html


def test_leaving_the_title_out_keeps_the_other_anchors_unchanged() -> None:
    text = "# Risks\n\n## Risks\n"
    assert _tags(render_markdown(text).html, "h2")[0]["id"] == "risks-1"
    assert _tags(render_markdown(text, title_line=1).html, "h2")[0]["id"] == "risks-1"


def test_only_the_title_heading_goes_a_later_h1_stays() -> None:
    html = render_markdown("# Title\n\ntext\n\n# Appendix\n", title_line=1).html
    assert [attrs["id"] for attrs in _tags(html, "h1")] == ["appendix"]


# Remote images


def test_remote_image_becomes_a_link_showing_its_alt_text() -> None:
    html = render_markdown(
        "![Queue *diagram*](https://cdn.example.com/q.png)\n", link_remote_images=True
    ).html
    assert _tags(html, "img") == []
    links = _tags(html, "a")
    assert links[0]["href"] == "https://cdn.example.com/q.png"
    assert links[0]["class"] == "remote-image"
    assert ">image: Queue diagram</a>" in html


def test_remote_image_without_alt_text_is_named_by_its_file() -> None:
    html = render_markdown("![](//cdn.example.com/a/b/flow.svg)\n", link_remote_images=True).html
    assert ">image: flow.svg</a>" in html


def test_relative_and_same_origin_images_stay_images() -> None:
    html = render_markdown(
        "![local](img/arch.png) ![root](/media/arch.png)\n", link_remote_images=True
    ).html
    assert [attrs["src"] for attrs in _tags(html, "img")] == ["img/arch.png", "/media/arch.png"]
    assert "remote-image" not in html


def test_remote_images_stay_images_unless_asked() -> None:
    html = render_markdown("![a](https://cdn.example.com/q.png)\n").html
    assert _tags(html, "img")[0]["src"] == "https://cdn.example.com/q.png"


def test_raw_html_remote_image_loses_its_source_and_keeps_its_alt() -> None:
    html = render_markdown(
        '<img src="https://cdn.example.com/q.png" alt="queue"> <img src="/m/a.png" alt="a">\n',
        link_remote_images=True,
    ).html
    images = _tags(html, "img")
    assert images[0] == {"alt": "queue"}
    assert images[1]["src"] == "/m/a.png"


def test_escaping_in_a_remote_image_link() -> None:
    html = render_markdown(
        '![<b>"x"</b>](https://e.example/a.png?x=1&y=2)\n', link_remote_images=True
    ).html
    assert _tags(html, "a")[0]["href"] == "https://e.example/a.png?x=1&y=2"
    assert "<b>" not in html


# In-page links to an author's ids


def test_in_page_link_reaches_a_raw_html_id() -> None:
    html = render_markdown(
        '<a href="#tbl">see the table</a>\n\n<span id="tbl">Table</span>\n\n[again](#tbl)\n'
    ).html
    assert [attrs["href"] for attrs in _tags(html, "a")] == [
        "#user-content-tbl",
        "#user-content-tbl",
    ]
    assert _tags(html, "span")[0]["id"] == "user-content-tbl"


def test_in_page_link_to_a_heading_anchor_is_kept() -> None:
    html = render_markdown(
        '## Failure Modes\n\n<a href="#failure-modes">up</a> [up](#failure-modes)\n'
    ).html
    hrefs = [attrs["href"] for attrs in _tags(html, "a")]
    assert hrefs == ["#failure-modes", "#failure-modes", "#failure-modes"]


def test_in_page_link_to_a_non_ascii_heading_is_kept() -> None:
    html = render_markdown("## Über\n\n[up](#über)\n").html
    assert _tags(html, "a")[1]["href"] == "#%C3%BCber"


def test_footnote_links_and_prefixed_links_are_left_alone() -> None:
    html = render_markdown('Note[^1] <a href="#user-content-x">x</a>\n\n[^1]: Said.\n').html
    hrefs = [attrs["href"] for attrs in _tags(html, "a")]
    assert "#fn1" in hrefs and "#fnref1" in hrefs
    assert "#user-content-x" in hrefs
    assert not any(h and h.startswith("#user-content-fn") for h in hrefs)


def test_links_to_other_pages_are_not_rewritten() -> None:
    html = render_markdown('<a href="/rfcs/2#x">a</a> <a href="https://e.example/#y">b</a>\n').html
    assert [attrs["href"] for attrs in _tags(html, "a")] == ["/rfcs/2#x", "https://e.example/#y"]


def test_an_unparseable_image_url_does_not_break_the_page() -> None:
    rendered = render_markdown("![x](http://[oops/a.png)\n\nAfter.\n", link_remote_images=True)
    assert "After." in rendered.html
    assert _tags(rendered.html, "img") == []
