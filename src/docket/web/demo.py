"""Demo content for ``make run``: the example RFCs and an admin account.

Idempotent: RFCs already in the database (by number) are left alone, even if edited in
the browser since, and the admin's password is made and printed only the first time.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group, User
from django.db import transaction

from docket.web.accounts.roles import ADMIN
from docket.web.bridge import Problem, apply_import, plan_import
from docket.web.proposals.models import Rfc
from docket.web.proposals.schema import current_schema

ADMIN_USERNAME = "admin"


@dataclass
class DemoReport:
    created: list[int] = field(default_factory=list)
    existing: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    admin_password: str | None = None
    """Set only when this run created the admin account."""


def ensure_admin(username: str = ADMIN_USERNAME) -> str | None:
    """Create the admin (superuser, staff, admin role) with a random password once."""
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            return None
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username, email="", password=password)
        user.groups.add(Group.objects.get(name=ADMIN))
        return password


def load_demo(folders: list[Path]) -> DemoReport:
    """Create the admin, then import each folder's RFCs whose numbers are still free."""
    report = DemoReport(admin_password=ensure_admin())
    admin = User.objects.get(username=ADMIN_USERNAME)
    schema = current_schema()
    for folder in folders:
        if not folder.is_dir():
            continue
        plan = plan_import(folder, schema)
        for step in plan.steps:
            if step.action == "update":
                report.problems.append(
                    Problem(
                        step.source.path,
                        f"RFC {step.source.number} exists with other text; left as it is",
                    )
                )
        plan.steps = [step for step in plan.steps if step.action == "create"]
        result = apply_import(plan, admin)
        report.created += [step.source.number for step in result.created]
        report.problems += result.problems
    report.existing = sorted(
        set(Rfc.objects.values_list("number", flat=True)) - set(report.created)
    )
    return report
