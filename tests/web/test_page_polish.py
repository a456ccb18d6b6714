"""The RFC page and editor as a reader sees them: one title, a compact checklist, remote
images as links, in-page links that land, and a favicon."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from docket.web.proposals import services
from docket.web.proposals.models import Rfc

ClientFor = Callable[[User | None], Client]


def _detail(client: Client, rfc: Rfc) -> str:
    response = client.get(reverse("proposals:detail", args=[rfc.number]))
    assert response.status_code == 200
    return str(response.content.decode())


def _save(rfc: Rfc, user: User, text: str) -> Rfc:
    services.save_revision(rfc, user, text, rfc.current.pk if rfc.current else None)
    return Rfc.objects.select_related("current").get(pk=rfc.pk)


# 1. One title


def test_the_rfc_page_has_one_h1_and_the_stored_text_keeps_its_title(
    alices_rfc: Rfc, carol: User, client_for: ClientFor
) -> None:
    page = _detail(client_for(carol), alices_rfc)
    assert len(re.findall(r"<h1[ >]", page)) == 1
    assert "<h1>RFC 0001: Shipment tracking</h1>" in page
    assert "RFC 1 - Shipment tracking" not in page
    assert alices_rfc.current is not None
    assert "# RFC 1 - Shipment tracking\n" in alices_rfc.current.text


def test_the_editor_preview_leaves_the_title_heading_out(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    assert alices_rfc.current is not None
    text = alices_rfc.current.text.replace(
        "### Problem Statement", "### Problem Statement\n\nParcels vanish."
    )
    preview = client_for(alice).post(reverse("proposals:preview"), {"text": text}).content.decode()
    assert "<h1" not in preview
    assert "Shipment tracking" not in preview
    assert "Parcels vanish." in preview
    assert '<h3 id="problem-statement">' in preview


def test_a_heading_that_is_not_the_title_still_renders(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    assert alices_rfc.current is not None
    rfc = _save(alices_rfc, alice, alices_rfc.current.text + "\n# Appendix\n\nMore.\n")
    page = _detail(client_for(alice), rfc)
    assert '<h1 id="appendix">' in page


# 2. A compact checklist


def test_unfilled_sections_fold_their_questions_with_a_count(
    alices_rfc: Rfc, carol: User, client_for: ClientFor
) -> None:
    page = _detail(client_for(carol), alices_rfc)
    checklist = page.split('<ul class="checklist">', 1)[1].split("</ul>\n    </section>", 1)[0]
    assert alices_rfc.current is not None
    unfilled = [
        item
        for item in alices_rfc.current.checklist
        if item["kept"] and not item["filled"] and item["guidance"]
    ]
    assert unfilled
    assert checklist.count("<details>") == len(unfilled)
    assert " open" not in checklist.split("<details", 1)[1].split(">", 1)[0]
    problem = next(item for item in unfilled if item["title"] == "Problem Statement")
    n = len(problem["guidance"])
    assert re.search(
        r"<summary>[^<]*<span[^>]*>○</span> Problem Statement"
        r"<span class=\"visually-hidden\"> \(not filled\)</span>\s*<span class=\"count\">"
        + str(n)
        + " questions?</span></summary>",
        checklist,
        re.S,
    )
    assert "What is broken / missing today?" in checklist
    # No inline script: the page's CSP only runs scripts from files.
    assert not re.search(r"<script(?![^>]*\ssrc=)", page)


def test_filled_sections_stay_one_line(
    alice: User, client_for: ClientFor, ready_text: Callable[[int, str], str]
) -> None:
    rfc = services.create_rfc(alice, "Ready one")
    rfc = _save(rfc, alice, ready_text(rfc.number, "Ready one"))
    page = _detail(client_for(alice), rfc)
    checklist = page.split('<ul class="checklist">', 1)[1].split("</ul>\n    </section>", 1)[0]
    assert "<details>" not in checklist
    assert '<li class="filled' in checklist
    assert "questions" not in checklist


# 3 and 4. Remote images and in-page links on the page


def test_a_remote_image_shows_as_a_link_and_a_local_one_as_an_image(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    assert alices_rfc.current is not None
    text = alices_rfc.current.text.replace(
        "### Problem Statement",
        "### Problem Statement\n\n![Queue diagram](https://cdn.example.com/q.png)\n"
        "![Local](/static/docket/favicon.svg)\n",
    )
    rfc = _save(alices_rfc, alice, text)
    client = client_for(alice)
    for html in (
        _detail(client, rfc),
        client.post(reverse("proposals:preview"), {"text": text}).content.decode(),
    ):
        assert 'href="https://cdn.example.com/q.png"' in html
        assert ">image: Queue diagram</a>" in html
        assert 'src="https://cdn.example.com/q.png"' not in html
        assert '<img src="/static/docket/favicon.svg" alt="Local">' in html


def test_a_raw_html_in_page_link_reaches_its_target(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    assert alices_rfc.current is not None
    text = alices_rfc.current.text.replace(
        "### Problem Statement",
        '### Problem Statement\n\n<a href="#limits">limits</a> <a href="#summary">top</a>\n\n'
        '<p id="limits">The limits.</p>\n',
    )
    page = _detail(client_for(alice), _save(alices_rfc, alice, text))
    assert '<a href="#user-content-limits"' in page
    assert '<p id="user-content-limits">' in page
    assert '<a href="#summary"' in page and '<h2 id="summary">' in page


# 5. The favicon


def test_favicon_ico_redirects_to_the_static_svg(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/docket/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]
    assert client.head("/favicon.ico").status_code == 302


def test_the_favicon_is_shipped_and_linked_from_every_page(client: Client) -> None:
    found = finders.find("docket/favicon.svg")
    assert found, "docket/favicon.svg is not among the static files"
    root = ET.parse(Path(str(found))).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/docket/favicon.svg" type="image/svg+xml">' in page


# Stored pages written before these changes


@pytest.mark.django_db(transaction=True)
def test_migrating_re_renders_the_current_revisions_html_only() -> None:
    before = [("proposals", "0003_backfill_listed_authors")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    rfc = old.get_model("proposals", "Rfc").objects.create(number=7, title="Old")
    revisions = old.get_model("proposals", "Revision").objects
    text = "# RFC 7 - Old\n\n## Summary\n\n![d](https://cdn.example.com/d.png)\n"
    stale = '<h1 id="rfc-7---old">RFC 7 - Old</h1>'
    first = revisions.create(rfc=rfc, seq=1, text=text, title="Old", html=stale)
    second = revisions.create(rfc=rfc, seq=2, text=text + "\nMore.\n", title="Old", html=stale)
    rfc.current = second
    rfc.save()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from docket.web.proposals.models import Revision

    current = Revision.objects.get(pk=second.pk)
    assert "<h1" not in current.html
    assert '<h2 id="summary">' in current.html and "More." in current.html
    assert ">image: d</a>" in current.html
    assert current.toc == [{"level": 2, "text": "Summary", "anchor": "summary"}]
    assert current.text == text + "\nMore.\n"
    assert Revision.objects.get(pk=first.pk).html == stale


# 6. Forms


def test_password_rules_show_as_a_list_not_as_escaped_markup(
    alice: User, client_for: ClientFor
) -> None:
    page = client_for(alice).get(reverse("password_change")).content.decode()
    assert "&lt;li&gt;" not in page
    assert '<div class="muted help"><ul><li>' in page
