"""The demo loader behind ``make run``: idempotent, prints the admin password once."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User

from docket.web.demo import ADMIN_USERNAME, load_demo
from docket.web.proposals.models import Rfc

RFC = """---
authors: Alice (alice@example.org)
state: draft
---

# RFC {number} - {title}

## Summary

{title} in one paragraph.
"""


def _folder(tmp_path: Path, *rfcs: tuple[int, str]) -> Path:
    folder = tmp_path / "rfcs"
    folder.mkdir(exist_ok=True)
    for number, title in rfcs:
        slug = title.lower().replace(" ", "-")
        (folder / f"{number:04d}-{slug}.md").write_text(RFC.format(number=number, title=title))
    return folder


def test_demo_loads_rfcs_and_creates_an_admin_once(db: None, tmp_path: Path) -> None:
    folder = _folder(tmp_path, (1, "Carrier webhooks"), (2, "Rate limits"))
    first = load_demo([folder, tmp_path / "missing"])
    assert sorted(first.created) == [1, 2]
    assert first.admin_password
    admin = User.objects.get(username=ADMIN_USERNAME)
    assert admin.is_superuser and admin.check_password(first.admin_password)
    assert admin.groups.filter(name="admin").exists()

    again = load_demo([folder])
    assert again.created == [] and again.existing == [1, 2]
    assert again.admin_password is None
    assert admin.check_password(first.admin_password)
    assert Rfc.objects.count() == 2
    assert all(rfc.revisions.count() == 1 for rfc in Rfc.objects.all())


def test_demo_leaves_rfcs_edited_since_alone(db: None, tmp_path: Path) -> None:
    folder = _folder(tmp_path, (1, "Carrier webhooks"))
    load_demo([folder])
    (folder / "0001-carrier-webhooks.md").write_text(RFC.format(number=1, title="Changed"))
    report = load_demo([folder])
    assert Rfc.objects.get(number=1).title == "Carrier webhooks"
    assert [p.message for p in report.problems] == ["RFC 1 exists with other text; left as it is"]
