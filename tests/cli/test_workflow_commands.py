"""The workflow commands in-process: what they write, print, and refuse."""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path

import yaml
from workflow_helpers import Invoke, assert_clean_error, filled, git, write_rfc

from docket.template import default_template_text
from docket.workspace.config import load_config

# --- init -----------------------------------------------------------------------------


def test_init_writes_config_folder_and_template_copy(repo: Path, docket: Invoke) -> None:
    result = docket("init")
    assert result.exit_code == 0, result.output
    config = load_config(repo)
    assert config.source == repo / "docket.toml"
    assert config.template == repo / "rfcs" / "template.md"
    assert config.template.read_text(encoding="utf-8") == default_template_text()
    assert config.rfc_dir.is_dir()
    for expected in ("repo: local", "entry: docket lint", "run: |", "docket lint rfcs"):
        assert expected in result.stdout


def test_init_refuses_to_overwrite_unless_forced(repo: Path, docket: Invoke) -> None:
    docket("init")
    (repo / "rfcs" / "template.md").write_text("# RFC <NUM> - <TITLE>\n\n## Why\n")
    (repo / "docket.toml").write_text('rfc-dir = "rfcs"\n')
    stderr = assert_clean_error(docket("init"), 1)
    assert "already exists" in stderr and "--force" in stderr
    assert (repo / "docket.toml").read_text() == 'rfc-dir = "rfcs"\n'
    assert docket("init", "--force").exit_code == 0
    assert "template" in (repo / "docket.toml").read_text()
    assert (repo / "rfcs" / "template.md").read_text().endswith("## Why\n")  # edits kept


def test_init_into_another_folder(repo: Path, docket: Invoke) -> None:
    result = docket("init", "docs/design", "--rfc-dir", "proposals")
    assert result.exit_code == 0, result.output
    assert load_config(repo / "docs" / "design").rfc_dir == repo / "docs/design/proposals"
    (repo / "afile").write_text("x")
    assert "is a file" in assert_clean_error(docket("init", "afile"), 2)


# --- new ------------------------------------------------------------------------------


def test_new_scaffolds_with_git_author_and_prints_the_path(repo: Path, docket: Invoke) -> None:
    docket("init")
    result = docket("new", "Webhook retries")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "rfcs/0001-webhook-retries.md"
    text = (repo / "rfcs/0001-webhook-retries.md").read_text(encoding="utf-8")
    assert "authors: Ann Lee (ann@example.org)\nstate: draft\n" in text
    assert "# RFC 1 - Webhook retries" in text
    assert "<!-- One paragraph overview of the problem and proposed solution -->" in text
    again = docket("new", "Search", "-a", "Bo (bo@x.org)", "-a", "Cy", "--state", "in-progress")
    assert again.stdout.strip() == "rfcs/0002-search.md"
    assert (
        "authors: Bo (bo@x.org), Cy\nstate: in-progress\n"
        in (repo / again.stdout.strip()).read_text()
    )


def test_new_warns_about_similar_rfcs_by_name(repo: Path, docket: Invoke) -> None:
    docket("init")
    docket("new", "Rate limiting the public API")
    result = docket("new", "Rate limits for the public API")
    assert result.exit_code == 0
    assert "Warning: RFC 1 'Rate limiting the public API' looks similar" in result.stderr
    assert "rfcs/0001-rate-limiting-the-public-api.md" in result.stderr
    assert "Warning" not in docket("new", "Dark mode").stderr


def test_new_bad_input(repo: Path, docket: Invoke) -> None:
    stderr = assert_clean_error(docket("new", "X"), 2)
    assert "docket init" in stderr  # no docket.toml, no rfcs/
    docket("init")
    assert "unknown state 'wip'" in assert_clean_error(docket("new", "X", "--state", "wip"), 2)
    assert "title is empty" in assert_clean_error(docket("new", "  "), 2)
    (repo / ".git" / "config").write_text("[core]\n")  # no identity anywhere
    assert "--author" in assert_clean_error(docket("new", "X"), 2)
    assert not list((repo / "rfcs").glob("0*.md"))


def test_a_broken_docket_toml_is_reported_with_its_key(repo: Path, docket: Invoke) -> None:
    (repo / "docket.toml").write_text('rfc-folder = "x"\n')
    assert "unknown setting 'rfc-folder'" in assert_clean_error(docket("list"), 2)


# --- list -----------------------------------------------------------------------------


def _three(repo: Path) -> None:
    rfcs = repo / "rfcs"
    write_rfc(rfcs, 1, "Queues", full=True, state="in-progress", author="Ann Lee (ann@x.org)")
    write_rfc(rfcs, 2, "Billing", author="Bo (bo@x.org)")
    broken = write_rfc(rfcs, 3, "Kafka events", state="complete", author="Cy")
    broken.write_text(broken.read_text().replace("## Summary", "## Summary\n\nKafka topics."))


def test_list_json_has_every_column(repo: Path, docket: Invoke) -> None:
    _three(repo)
    result = docket("list", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["number"], r["title"], r["state"], r["authors"]) for r in rows] == [
        (1, "Queues", "in-progress", ["Ann Lee"]),
        (2, "Billing", "draft", ["Bo"]),
        (3, "Kafka events", "complete", ["Cy"]),
    ]
    assert (rows[0]["filled"], rows[0]["sections"]) == (29, 29)
    assert rows[1]["filled"] == 0 and rows[2]["filled"] == 1
    assert rows[0]["errors"] == 0 and rows[2]["errors"] > 0  # complete but empty: lint errors
    assert all(r["updated"] for r in rows)


def test_list_filters_and_sorts(repo: Path, docket: Invoke) -> None:
    _three(repo)

    def numbers(*args: str) -> list[int]:
        result = docket("list", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [r["number"] for r in json.loads(result.stdout)]

    assert numbers("--state", "draft") == [2]
    assert numbers("--author", "BO@X") == [2]
    assert numbers("--grep", "kafka TOPICS") == [3]
    assert numbers("--sort", "title") == [2, 3, 1]
    assert numbers("--sort", "state") == [2, 1, 3]
    assert numbers("--sort", "completeness") == [2, 3, 1]


def test_list_csv_and_plain_table(repo: Path, docket: Invoke) -> None:
    _three(repo)
    rows = list(csv.DictReader(io.StringIO(docket("list", "--format", "csv").stdout)))
    assert [r["title"] for r in rows] == ["Queues", "Billing", "Kafka events"]
    assert rows[0]["path"] == "rfcs/0001-queues.md" and rows[0]["filled"] == "29"
    table = docket("list").stdout.splitlines()
    assert table[0].split() == ["RFC", "Title", "State", "Authors", "Filled", "Updated", "Errors"]
    assert table[1].split()[:4] == ["1", "Queues", "in-progress", "Ann"]
    assert "29/29" in table[1]
    assert "│" not in docket("list").stdout  # piped: no box drawing


def test_list_bad_input(repo: Path, docket: Invoke) -> None:
    _three(repo)
    assert "regular expression" in assert_clean_error(docket("list", "--grep", "("), 2)
    assert "unknown state" in assert_clean_error(docket("list", "--state", "wip"), 2)


# --- show -----------------------------------------------------------------------------


def test_show_lists_unfilled_sections_with_their_questions(repo: Path, docket: Invoke) -> None:
    _three(repo)
    data = json.loads(docket("show", "3", "--format", "json").stdout)
    assert (data["number"], data["state"], data["path"]) == (
        3,
        "complete",
        "rfcs/0003-kafka-events.md",
    )
    sections = {s["title"]: s for s in data["checklist"]}
    assert (data["filled"], data["sections"]) == (1, 29)
    assert sections["Summary"]["filled"] and sections["Summary"]["questions"] == []
    assert not sections["Goals"]["filled"]
    assert "How will we know this is successful?" in sections["Goals"]["questions"]
    text = docket("show", "RFC-3").stdout
    assert "[x] Summary" in text and "[ ] Goals" in text
    assert "- How will we know this is successful?" in text


def test_show_bad_input(repo: Path, docket: Invoke) -> None:
    _three(repo)
    assert "no RFC numbered 9" in assert_clean_error(docket("show", "9"), 2)
    outside = repo / "elsewhere.md"
    outside.write_text("# x\n")
    assert "outside the workspace" in assert_clean_error(docket("show", str(outside)), 2)
    (repo / "rfcs" / "0004-bad.md").write_bytes(b"\xff\xfe bad")
    assert "not valid UTF-8" in assert_clean_error(docket("show", "4"), 2)


# --- state ----------------------------------------------------------------------------


def test_state_moves_a_ready_rfc_changing_one_line(repo: Path, docket: Invoke) -> None:
    path = write_rfc(repo / "rfcs", 1, "Queues", full=True)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes()
    result = docket("state", "1", "in-progress")
    assert result.exit_code == 0, result.output
    assert "RFC 1: draft -> in-progress" in result.stdout
    assert path.read_bytes() == before.replace(b"state: draft", b"state: in-progress")


def test_state_refuses_an_unready_rfc_listing_what_is_missing(repo: Path, docket: Invoke) -> None:
    path = write_rfc(repo / "rfcs", 1, "Queues")
    before = path.read_bytes()
    stderr = assert_clean_error(docket("state", "1", "in-progress"), 1)
    assert "not ready for in-progress" in stderr
    assert "rfcs/0001-queues.md:" in stderr and "'Goals' is not filled in" in stderr
    assert path.read_bytes() == before
    forced = docket("state", "1", "in-progress", "--force")
    assert forced.exit_code == 0 and forced.stderr.startswith("Forced: ")
    assert b"state: in-progress" in path.read_bytes()


def test_state_follows_the_lifecycle(repo: Path, docket: Invoke) -> None:
    write_rfc(repo / "rfcs", 1, "Queues", full=True)
    stderr = assert_clean_error(docket("state", "1", "complete"), 1)
    assert "cannot move from 'draft' to 'complete'" in stderr and "in-progress" in stderr
    (repo / "docket.toml").write_text('[transitions]\ndraft = ["complete"]\n')
    result = docket("state", "1", "complete")
    assert result.exit_code == 1 and "open question" in result.stderr  # allowed; not ready


def test_state_bad_input(repo: Path, docket: Invoke) -> None:
    write_rfc(repo / "rfcs", 1, "Queues")
    assert "the states are: draft, in-progress, complete" in assert_clean_error(
        docket("state", "1", "done"), 2
    )
    assert "no RFC numbered 2" in assert_clean_error(docket("state", "2", "complete"), 2)
    assert "already" in docket("state", "1", "draft").stderr


# --- index ----------------------------------------------------------------------------


def test_index_writes_checks_and_keeps_text_outside_markers(repo: Path, docket: Invoke) -> None:
    _three(repo)
    result = docket("index")
    assert result.exit_code == 0 and "Wrote rfcs/README.md (3 RFCs)" in result.stdout
    index = repo / "rfcs" / "README.md"
    assert "| 1 | [Queues](0001-queues.md) | in-progress | Ann Lee |" in index.read_text()
    assert docket("index", "--check").exit_code == 0
    index.write_text("Intro kept.\n\n" + index.read_text() + "\nFooter kept.\n")
    write_rfc(repo / "rfcs", 4, "Search")
    assert "out of date" in assert_clean_error(docket("index", "--check"), 1)
    docket("index")
    text = index.read_text()
    assert text.startswith("Intro kept.") and text.endswith("Footer kept.\n")
    assert "[Search](0004-search.md)" in text


def test_index_file_from_config(repo: Path, docket: Invoke) -> None:
    _three(repo)
    (repo / "docket.toml").write_text('index-file = "docs/RFCS.md"\n')
    assert docket("index").exit_code == 0
    assert "[Queues](../rfcs/0001-queues.md)" in (repo / "docs" / "RFCS.md").read_text()


# --- renumber -------------------------------------------------------------------------


def test_renumber_renames_retitles_and_rewrites_references(repo: Path, docket: Invoke) -> None:
    _three(repo)
    other = repo / "rfcs" / "0001-queues.md"
    other.write_text(
        other.read_text() + "\nSee RFC 2, RFC-0002, RFC 20 and [b](0002-billing.md).\n"
    )
    docket("index")
    result = docket("renumber", "2", "12")
    assert result.exit_code == 0, result.output
    assert not (repo / "rfcs/0002-billing.md").exists()
    moved = (repo / "rfcs/0012-billing.md").read_text()
    assert "# RFC 12 - Billing" in moved
    assert other.read_text().endswith("See RFC 12, RFC-0012, RFC 20 and [b](0012-billing.md).\n")
    assert "[Billing](0012-billing.md)" in (repo / "rfcs/README.md").read_text()


def test_renumber_a_shared_number_needs_file(repo: Path, docket: Invoke) -> None:
    write_rfc(repo / "rfcs", 2, "Billing")
    write_rfc(repo / "rfcs", 2, "Search")
    stderr = assert_clean_error(docket("renumber", "2", "3"), 2)
    assert "0002-billing.md" in stderr and "--file PATH" in stderr
    result = docket("renumber", "2", "3", "--file", "rfcs/0002-search.md")
    assert result.exit_code == 0, result.output
    assert (repo / "rfcs/0003-search.md").exists() and (repo / "rfcs/0002-billing.md").exists()


def test_renumber_bad_input(repo: Path, docket: Invoke) -> None:
    _three(repo)
    assert "RFC 3 already exists" in assert_clean_error(docket("renumber", "1", "3"), 2)
    assert "no RFC numbered 7" in assert_clean_error(docket("renumber", "7", "8"), 2)
    assert "is RFC 1, not RFC 2" in assert_clean_error(
        docket("renumber", "2", "9", "--file", "rfcs/0001-queues.md"), 2
    )
    assert "outside" in assert_clean_error(docket("renumber", "2", "9", "--file", "/etc/passwd"), 2)


# --- migrate-template -----------------------------------------------------------------


def _with_new_section(repo: Path) -> str:
    docket_toml = repo / "docket.toml"
    template = repo / "rfcs" / "template.md"
    old = default_template_text()
    template.parent.mkdir(parents=True, exist_ok=True)
    (repo / "old-template.md").write_text(old)
    template.write_text(
        old.replace("## Deployment", "## Rollout\n\n<!-- Who flips it? -->\n\n## Deployment")
    )
    docket_toml.write_text('template = "rfcs/template.md"\n')
    return old


def test_migrate_template_dry_run_prints_a_diff_and_changes_nothing(
    repo: Path, docket: Invoke
) -> None:
    _with_new_section(repo)
    path = write_rfc(repo / "rfcs", 1, "Queues", full=True)
    before = path.read_bytes()
    result = docket("migrate-template", "--dry-run")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    assert "--- a/rfcs/0001-queues.md" in result.stdout
    assert "+## Rollout\n+\n+<!-- Who flips it? -->\n" in result.stdout
    assert "Adding: Rollout" in result.stderr


def test_migrate_template_inserts_in_place(repo: Path, docket: Invoke) -> None:
    _with_new_section(repo)
    path = write_rfc(repo / "rfcs", 1, "Queues", full=True)
    before = path.read_text()
    result = docket("migrate-template", "--from", "old-template.md")
    assert result.exit_code == 0, result.output
    assert path.read_text() == before.replace(
        "## Deployment", "## Rollout\n\n<!-- Who flips it? -->\n\n## Deployment"
    )
    assert "Nothing to add" in docket("migrate-template").stdout


def test_migrate_template_bad_input(repo: Path, docket: Invoke) -> None:
    _with_new_section(repo)
    write_rfc(repo / "rfcs", 1, "Queues")
    assert "no section 'Nope'" in assert_clean_error(
        docket("migrate-template", "--section", "Nope"), 2
    )
    assert "no such file" in assert_clean_error(docket("migrate-template", "--from", "gone.md"), 2)


def test_filled_helper_really_fills(repo: Path) -> None:
    path = write_rfc(repo / "rfcs", 1, "Queues", full=True)
    assert filled(path.read_text()) != path.read_text()  # adds more each time: not a no-op


# --- files Docket cannot edit ---------------------------------------------------------


def test_unusable_files_give_clean_errors(repo: Path, docket: Invoke) -> None:
    path = write_rfc(repo / "rfcs", 1, "Queues", full=True)
    path.write_text("---\nstate: draft\n# RFC 1 - Queues\n")  # front matter never closed
    result = docket("state", "1", "in-progress", "--force")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "Error: rfcs/0001-queues.md: cannot set 'state': front matter" in result.stderr
    assert path.read_text() == "---\nstate: draft\n# RFC 1 - Queues\n"
    (repo / "rfcs" / "README.md").write_bytes(b"\xff\xfe not utf-8")
    assert "UTF-8" in assert_clean_error(docket("index"), 2)


def test_an_empty_folder_lists_nothing(repo: Path, docket: Invoke) -> None:
    docket("init")
    result = docket("list", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert docket("list").stdout.split() == [
        "RFC",
        "Title",
        "State",
        "Authors",
        "Filled",
        "Updated",
        "Errors",
    ]


def test_list_counts_folder_level_errors_like_a_shared_number(repo: Path, docket: Invoke) -> None:
    write_rfc(repo / "rfcs", 2, "Billing", full=True, state="in-progress")
    write_rfc(repo / "rfcs", 2, "Search", full=True, state="in-progress")
    write_rfc(repo / "rfcs", 3, "Queues", full=True, state="in-progress")
    rows = json.loads(docket("list", "--format", "json").stdout)
    assert [(r["number"], r["errors"] > 0) for r in rows] == [(2, True), (2, True), (3, False)]
    docket("renumber", "2", "4", "--file", "rfcs/0002-search.md")
    rows = json.loads(docket("list", "--format", "json").stdout)
    assert [(r["number"], r["errors"]) for r in rows] == [(2, 0), (3, 0), (4, 0)]


def test_renumber_with_a_nested_file_pattern_rewrites_only_its_own_links(
    repo: Path, docket: Invoke
) -> None:
    (repo / "docket.toml").write_text('file-pattern = "{number}/{slug}/README.md"\n')
    docket("new", "Queues")
    docket("new", "Billing")
    first = repo / "rfcs" / "1" / "queues" / "README.md"
    first.write_text(first.read_text() + "\n[b](../../2/billing/README.md) [me](README.md)\n")
    result = docket("renumber", "2", "7")
    assert result.exit_code == 0, result.output
    assert (repo / "rfcs/7/billing/README.md").exists()
    assert first.read_text().endswith("\n[b](../../7/billing/README.md) [me](README.md)\n")


def test_migrate_template_compares_with_the_template_in_git(repo: Path, docket: Invoke) -> None:
    docket("init")
    kept = write_rfc(repo / "rfcs", 1, "Queues", full=True)
    removed = write_rfc(repo / "rfcs", 2, "Billing", full=True)
    text = removed.read_text()
    start = text.index("## Risks")
    removed.write_text(text[:start].rstrip("\n") + "\n")  # Risks removed on purpose
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "start")
    template = repo / "rfcs" / "template.md"
    template.write_text(
        template.read_text().replace("## Deployment", "## Rollout\n\n## Deployment")
    )

    result = docket("migrate-template", "--dry-run")
    assert "Comparing rfcs/template.md with its version at HEAD" in result.stderr
    assert "Adding: Rollout" in result.stderr and "Risks" not in result.stderr

    git(repo, "commit", "-qam", "template gains Rollout")
    result = docket("migrate-template")
    assert result.exit_code == 0, result.output
    assert "with its version at before commit" in result.stderr
    for path in (kept, removed):
        assert path.read_text().count("## Rollout") == 1
    assert "## Risks" not in removed.read_text()


def test_init_snippets_are_valid_yaml_running_docket_lint(repo: Path, docket: Invoke) -> None:
    out = docket("init").stdout
    precommit = out[out.index("     repos:") : out.index("\n\n", out.index("     repos:"))]
    hooks = yaml.safe_load(textwrap.dedent(precommit))["repos"]
    assert hooks[0]["repo"] == "local"
    assert hooks[0]["hooks"][0]["entry"] == "docket lint"
    assert re.match(hooks[0]["hooks"][0]["files"], "rfcs/0001-x.md")
    step_at = out.index("     - name: Lint RFCs")
    steps = yaml.safe_load(textwrap.dedent(out[step_at:]))
    assert "docket lint rfcs" in steps[0]["run"]
