"""Reporters: every format parses and carries what CI tools need."""

from __future__ import annotations

import json

from docket.lint import Finding, all_rules
from docket.lint import _report as report

FINDINGS = [
    Finding("rfcs/0001-a.md", 3, 1, "DK104", "state-placeholder", "error", "state is <x>"),
    Finding("rfcs/sub dir/0002-b.md", 12, 5, "DK302", "section-unfilled", "warning", "a, b: 50%"),
    Finding("rfcs/0003-c.md", 20, 1, "DK306", "open-questions", "info", "open\nquestion"),
]


def test_text_lines_and_summary_without_colour() -> None:
    out = report.text(FINDINGS, files=3, cached=1)
    lines = out.splitlines()
    assert lines[0] == "rfcs/0001-a.md:3:1: DK104 state is <x>"
    assert lines[1] == "rfcs/sub dir/0002-b.md:12:5: DK302 a, b: 50% [warning]"
    assert lines[-1] == "Found 1 error, 1 warning, 1 info in 3 files, 1 from cache."
    assert "\x1b[" not in out


def test_text_with_colour_uses_ansi_and_a_clean_summary() -> None:
    out = report.text(FINDINGS, files=3, color=True)
    assert "\x1b[31m\x1b[1mDK104\x1b[0m" in out
    assert report.text([], files=2) == "All checks passed: 2 files linted.\n"


def test_json_is_a_list_of_objects_with_the_documented_keys() -> None:
    data = json.loads(report.as_json(FINDINGS))
    assert [d["code"] for d in data] == ["DK104", "DK302", "DK306"]
    for item in data:
        assert {"path", "line", "column", "code", "severity", "message"} <= set(item)
        assert item["severity"] in {"error", "warning", "info"}


def test_sarif_has_the_2_1_0_shape_github_code_scanning_accepts() -> None:
    rules = all_rules()
    log = json.loads(
        report.sarif(
            [*FINDINGS, Finding("/abs/x.md", 0, 0, "DK001", "file-unreadable", "error", "m")],
            rules,
            "9.9",
        )
    )
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "docket" and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and "DK302" in ids
    for rule in driver["rules"]:
        assert (
            rule["name"]
            and rule["shortDescription"]["text"]
            and rule["helpUri"].startswith("https://")
        )
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "error"]
    first = results[1]
    assert first["ruleId"] == "DK302" and ids[first["ruleIndex"]] == "DK302"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "rfcs/sub%20dir/0002-b.md"
    assert location["region"]["startLine"] == 12
    assert results[3]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert (
        results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "file:///abs/x.md"
    )


def test_github_annotations_escape_properties_and_data() -> None:
    lines = report.github(FINDINGS).splitlines()
    assert lines[0] == "::error file=rfcs/0001-a.md,line=3,col=1,title=DK104::state is <x>"
    assert (
        lines[1] == "::warning file=rfcs/sub dir/0002-b.md,line=12,col=5,title=DK302::a, b: 50%25"
    )
    assert lines[2] == "::notice file=rfcs/0003-c.md,line=20,col=1,title=DK306::open%0Aquestion"
