"""Settings read from the environment: data folder, secret key, hosts, switches."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from docket.web import environment


def test_the_secret_key_is_generated_once_and_kept_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    key = environment.secret_key({}, folder)
    path = folder / environment.SECRET_KEY_FILE
    assert len(key) >= 50
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert environment.secret_key({}, folder) == key


def test_a_secret_key_from_the_environment_wins_and_writes_nothing(tmp_path: Path) -> None:
    assert environment.secret_key({"DOCKET_SECRET_KEY": "given"}, tmp_path) == "given"
    assert not (tmp_path / environment.SECRET_KEY_FILE).exists()


def test_database_defaults_to_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    folder = environment.data_dir({"DOCKET_DATA_DIR": str(tmp_path)})
    assert folder == tmp_path.resolve()
    assert environment.database_url({}, folder) == f"sqlite:///{folder / 'docket.sqlite3'}"
    url = "postgres://postgres@127.0.0.1:5432/docket"
    assert environment.database_url({"DATABASE_URL": url}, folder) == url


def test_allowed_hosts_from_a_comma_list() -> None:
    assert environment.allowed_hosts({}) == ["127.0.0.1", "localhost", "[::1]"]
    hosts = {"DOCKET_ALLOWED_HOSTS": "docket.example.org, .internal ,"}
    assert environment.allowed_hosts(hosts) == ["docket.example.org", ".internal"]


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_switches(raw: str, expected: bool) -> None:
    assert environment.flag({"DOCKET_DEBUG": raw}, "DOCKET_DEBUG") is expected


def test_a_switch_with_a_nonsense_value_names_the_variable() -> None:
    with pytest.raises(environment.BadSetting, match="DOCKET_DEBUG='maybe' is not a boolean"):
        environment.flag({"DOCKET_DEBUG": "maybe"}, "DOCKET_DEBUG")


def test_numbers_are_checked_and_named() -> None:
    assert environment.integer({}, "DOCKET_EMAIL_PORT", 25) == 25
    assert environment.integer({"DOCKET_EMAIL_PORT": "587"}, "DOCKET_EMAIL_PORT", 25) == 587
    with pytest.raises(environment.BadSetting, match="DOCKET_EMAIL_PORT='smtp' is not a whole"):
        environment.integer({"DOCKET_EMAIL_PORT": "smtp"}, "DOCKET_EMAIL_PORT", 25)
    with pytest.raises(environment.BadSetting, match="must not be negative"):
        environment.integer({"DOCKET_LOGIN_FAILURE_LIMIT": "-1"}, "DOCKET_LOGIN_FAILURE_LIMIT", 5)


def test_postgres_prepares_statements_unless_behind_a_pooler() -> None:
    assert environment.postgres_options({}) == {
        "server_side_binding": True,
        "prepare_threshold": environment.PREPARE_AFTER,
    }
    assert environment.postgres_options({"DOCKET_DB_POOLER": "1"}) == {}
