"""RFC pages: list, detail, create, edit, conflict, diff, state change, editor endpoints."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from docket.web.proposals import services
from docket.web.proposals.models import Rfc

ClientFor = Callable[[User | None], Client]


def _edit(client: Client, rfc: Rfc, text: str, base: int) -> object:
    return client.post(
        reverse("proposals:edit", args=[rfc.number]), {"text": text, "base_revision": base}
    )


def test_create_reserves_a_number_and_opens_the_editor_on_the_template(
    alice: User, client_for: ClientFor
) -> None:
    client = client_for(alice)
    response = client.post(reverse("proposals:create"), {"title": "Carrier webhooks"})
    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:edit", args=[1])
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "# RFC 1 - Carrier webhooks" in html
    assert 'hx-trigger="keyup changed delay:500ms' in html
    assert 'name="base_revision"' in html
    # Guiding questions of the template sit beside the editor, and follow the cursor.
    assert "What is broken / missing today?" in html
    assert '<details data-section="problem statement">' in html
    assert '<script src="/static/docket/editor.js" defer>' in html


def test_create_without_a_title_explains_itself(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post(reverse("proposals:create"), {"title": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert Rfc.objects.count() == 0


def test_saving_redirects_to_the_rfc_with_the_new_text(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    client = client_for(alice)
    text = alices_rfc.current.text.replace(
        "### Problem Statement", "### Problem Statement\n\nDrivers cannot see the ETA."
    )
    response = _edit(client, alices_rfc, text, alices_rfc.current.pk)
    assert response.status_code == 302
    page = client.get(reverse("proposals:detail", args=[alices_rfc.number]))
    assert "Drivers cannot see the ETA." in page.content.decode()
    assert alices_rfc.revisions.count() == 2


def test_a_stale_save_gets_a_conflict_page_with_both_texts(
    alices_rfc: Rfc, alice: User, erin: User, client_for: ClientFor
) -> None:
    base = alices_rfc.current
    theirs = base.text + "\nErin's addition about retries.\n"
    services.save_revision(alices_rfc, erin, theirs, base.pk)
    mine = base.text + "\nAlice's paragraph about <b>tracking</b>.\n"
    response = _edit(client_for(alice), alices_rfc, mine, base.pk)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Erin&#39;s addition about retries." in html  # their change, in the diff
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S)
    assert textarea is not None
    assert "Alice&#39;s paragraph about &lt;b&gt;tracking&lt;/b&gt;." in textarea.group(1)
    # Resubmitting from the conflict page is based on the newest revision.
    assert f'value="{alices_rfc.current.pk}"' in html
    assert alices_rfc.revisions.count() == 2


def test_a_nul_byte_in_the_text_is_a_clear_400(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    response = _edit(client_for(alice), alices_rfc, "abc\x00def", alices_rfc.current.pk)
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.content.decode()
    assert alices_rfc.revisions.count() == 1


def test_a_fifty_megabyte_body_is_refused_with_413(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post(
        reverse("proposals:create"), {"title": "x" * (50 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert "Request too large" in response.content.decode()


def test_diff_between_two_revisions_is_escaped(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    base = alices_rfc.current
    services.save_revision(alices_rfc, alice, base.text + "\n<script>alert(1)</script>\n", base.pk)
    response = client_for(alice).get(
        reverse("proposals:diff", args=[alices_rfc.number]), {"from": 1, "to": 2}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="d-add">+&lt;script&gt;alert(1)&lt;/script&gt;</span>' in html
    assert "<script>alert(1)" not in html


def test_a_diff_of_missing_revisions_is_a_400(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    url = reverse("proposals:diff", args=[alices_rfc.number])
    assert client_for(alice).get(url, {"from": 1, "to": 9}).status_code == 400
    assert client_for(alice).get(url, {"from": "x"}).status_code == 400


def test_markdown_cannot_inject_script(alice: User, client_for: ClientFor) -> None:
    hostile = (
        "# RFC 1 - Hostile\n\n## Summary\n\n<script>alert('x')</script>\n\n"
        "[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n"
        '<a href="javascript:alert(2)">two</a>\n'
    )
    rfc = services.create_rfc(alice, "Hostile", hostile)
    client = client_for(alice)
    for url in (
        reverse("proposals:detail", args=[rfc.number]),
        reverse("proposals:list"),
    ):
        html = client.get(url).content.decode().lower()
        assert "<script>alert" not in html
        assert 'href="javascript:' not in html
        assert "onerror" not in html
    preview = client.post(reverse("proposals:preview"), {"text": hostile}).content.decode()
    assert "<script>" not in preview
    assert 'href="javascript:' not in preview
    assert "onerror" not in preview


def test_detail_shows_checklist_with_questions_findings_and_history(
    alices_rfc: Rfc, carol: User, client_for: ClientFor
) -> None:
    html = client_for(carol).get(reverse("proposals:detail", args=[alices_rfc.number])).content
    page = html.decode()
    assert "Shipment tracking" in page
    assert "Authors: Alice (alice" not in page  # names, not the e-mail addresses
    assert "Authors: Alice" in page and "Editors: Alice" in page
    assert 'class="badge state-draft"' in page
    assert "What is broken / missing today?" in page  # a question of an unfilled section
    assert "DK302" in page  # a lint finding
    assert "r1 ·" in page
    assert "Edit</a>" not in page  # carol only reads


def test_state_change_by_button(
    alice: User, client_for: ClientFor, ready_text: Callable[[int, str], str]
) -> None:
    rfc = services.create_rfc(alice, "Ready", ready_text(1, "Ready"))
    client = client_for(alice)
    page = client.get(reverse("proposals:detail", args=[1])).content.decode()
    assert "Move to in-progress" in page
    response = client.post(reverse("proposals:state", args=[1]), {"state": "in-progress"})
    assert response.status_code == 302
    rfc.refresh_from_db()
    assert rfc.state == "in-progress"


def test_a_refused_state_change_shows_what_is_missing(
    alices_rfc: Rfc, alice: User, client_for: ClientFor
) -> None:
    response = client_for(alice).post(
        reverse("proposals:state", args=[alices_rfc.number]), {"state": "in-progress"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "not ready to be in-progress" in html
    assert "Problem Statement" in html and "DK302" in html
    alices_rfc.refresh_from_db()
    assert alices_rfc.state == "draft"


def test_list_filters_counts_and_completeness(
    alice: User, dave: User, client_for: ClientFor, ready_text: Callable[[int, str], str]
) -> None:
    services.create_rfc(alice, "Alpha tracking")
    ready = services.create_rfc(dave, "Beta billing", ready_text(2, "Beta billing"))
    services.change_state(ready, dave, "in-progress")
    client = client_for(alice)
    page = client.get(reverse("proposals:list")).content.decode()
    assert "Alpha tracking" in page and "Beta billing" in page
    assert re.search(r"draft <span class=\"count\">1</span>", page)
    assert re.search(r"in-progress <span class=\"count\">1</span>", page)
    assert "<meter" in page
    by_state = client.get(reverse("proposals:list"), {"state": "in-progress"}).content.decode()
    assert "Beta billing" in by_state and "Alpha tracking" not in by_state
    by_author = client.get(reverse("proposals:list"), {"author": "alice"}).content.decode()
    assert "Alpha tracking" in by_author and "Beta billing" not in by_author
    by_text = client.get(reverse("proposals:list"), {"q": "billing"}).content.decode()
    assert "Beta billing" in by_text and "Alpha tracking" not in by_text
    ordered = client.get(reverse("proposals:list"), {"sort": "complete"}).content.decode()
    assert ordered.index("Beta billing") < ordered.index("Alpha tracking")


def test_list_paginates(alice: User, client_for: ClientFor) -> None:
    for i in range(27):
        services.create_rfc(alice, f"Proposal {i}")
    client = client_for(alice)
    first = client.get(reverse("proposals:list")).content.decode()
    assert "Page 1 of 2" in first and "Proposal 26" in first and "Proposal 0<" not in first
    second = client.get(reverse("proposals:list"), {"page": 2}).content.decode()
    assert "Proposal 0<" in second


def test_list_pages_are_counted_from_the_state_counts(
    alice: User, dave: User, client_for: ClientFor
) -> None:
    for i in range(27):
        services.create_rfc(alice if i % 3 else dave, f"Proposal {i}")
    client = client_for(alice)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("proposals:list")).content.decode()
    assert "Page 1 of 2" in first
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 1 and "GROUP BY" in counting[0], counting  # the state counts
    by_author = client.get(reverse("proposals:list"), {"author": "alice"}).content.decode()
    assert by_author.count(">Proposal ") == 18 and "Page 1 of" not in by_author  # one page
    drafts = client.get(reverse("proposals:list"), {"state": "draft", "page": 2}).content.decode()
    assert "Page 2 of 2" in drafts and drafts.count(">Proposal ") == 2
    nothing = client.get(reverse("proposals:list"), {"state": "accepted"}).content.decode()
    assert "No RFCs match." in nothing and "Page 1 of" not in nothing


def _table(page: str) -> str:
    return page[page.index("<table") : page.index("</table>")]


def test_a_listing_is_kept_until_an_rfc_changes(
    alice: User, erin: User, client_for: ClientFor
) -> None:
    for i in range(3):
        services.create_rfc(alice, f"Proposal {i}")
    client = client_for(alice)
    first = client.get(reverse("proposals:list"), {"state": "draft"}).content.decode()
    with CaptureQueriesContext(connection) as again:
        second = client.get(reverse("proposals:list"), {"state": "draft"}).content.decode()
    assert _table(second) == _table(first) and _table(first).count(">Proposal ") == 3
    rfc_reads = [q["sql"] for q in again if "proposals_rfc" in q["sql"]]
    assert rfc_reads == [], rfc_reads  # one generation read, no listing query
    rfc = Rfc.objects.get(title="Proposal 1")
    Rfc.objects.filter(pk=rfc.pk).update(title="Proposal renamed")
    renamed = client.get(reverse("proposals:list"), {"state": "draft"}).content.decode()
    assert "Proposal renamed" in renamed and ">Proposal 1<" not in renamed
    Rfc.objects.filter(pk=rfc.pk).update(state="withdrawn")
    drafts = client.get(reverse("proposals:list"), {"state": "draft"}).content.decode()
    assert "Proposal renamed" not in drafts and drafts.count(">Proposal ") == 2


def test_live_lint_returns_findings_for_unsaved_text(alice: User, client_for: ClientFor) -> None:
    response = client_for(alice).post(
        reverse("proposals:lint"), {"text": "---\nstate: draft\n---\n# RFC 1 - X\n\n## Summary\n"}
    )
    assert response.status_code == 200
    assert "DK" in response.content.decode()


def test_source_is_the_exact_text(alices_rfc: Rfc, carol: User, client_for: ClientFor) -> None:
    response = client_for(carol).get(reverse("proposals:source", args=[alices_rfc.number]))
    assert response.content.decode() == alices_rfc.current.text
    assert response["Content-Type"].startswith("text/plain")


def test_a_search_lists_best_matches_first_and_author_matches_listed_names(
    alice: User, client_for: ClientFor
) -> None:
    once = services.create_rfc(alice, "Warehouse robots", "# RFC 1 - Warehouse robots\n\nKafka.\n")
    many = services.create_rfc(
        alice, "Kafka everywhere", "# RFC 2 - Kafka everywhere\n\nKafka kafka kafka topics.\n"
    )
    client = client_for(alice)
    page = client.get(reverse("proposals:list"), {"q": "kafka"}).content.decode()
    assert page.index(many.title) < page.index(once.title)
    assert '<option value="relevance" selected>' in page
    by_number = client.get(reverse("proposals:list"), {"q": "kafka", "sort": "oldest"})
    html = by_number.content.decode()
    assert html.index(once.title) < html.index(many.title)
    listed = services.create_rfc(
        alice, "Listed", "---\nauthors: Tomás Herrera (t@x.org)\n---\n# RFC 3 - Listed\n"
    )
    by_name = client.get(reverse("proposals:list"), {"author": "herrera"}).content.decode()
    assert listed.title in by_name and once.title not in by_name


def test_detail_names_editors_in_the_order_they_were_added(
    alices_rfc: Rfc, dave: User, erin: User, carol: User, client_for: ClientFor
) -> None:
    erin.first_name, erin.last_name = "Erin", "Zhao"
    erin.save()
    alices_rfc.authors.add(erin)
    alices_rfc.authors.add(dave)
    page = client_for(carol).get(reverse("proposals:detail", args=[alices_rfc.number]))
    editors = re.search(r"Editors: (.*?)\s*(?:·|</p>)", page.content.decode(), re.S)
    assert editors is not None
    alice = alices_rfc.authors.order_by("pk").first()
    assert alice is not None
    names = [u.get_full_name() or u.username for u in (alice, erin, dave)]
    assert editors.group(1).strip() == ", ".join(names)
    assert names[1] == "Erin Zhao"
