from pathlib import Path

import pytest

from docket.workspace.config import Config, ConfigError, find_config, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_config_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.source is None
    assert config.rfc_dir == tmp_path.resolve() / "rfcs"
    assert config.index_file == config.rfc_dir / "README.md"
    assert config.lifecycle() == ("draft", "in-progress", "complete")


def test_docket_toml_found_from_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path / "docket.toml", 'rfc-dir = "docs/rfcs"\nselect = ["DK3"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    config = load_config(sub)
    assert config.source == (tmp_path / "docket.toml").resolve()
    assert config.rfc_dir == tmp_path.resolve() / "docs" / "rfcs"
    assert config.select == ("DK3",)


def test_pyproject_tool_docket_is_read_and_plain_pyproject_ignored(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None
    write(tmp_path / "pyproject.toml", '[tool.docket]\nrequired-sections = ["Failure Modes"]\n')
    config = load_config(tmp_path)
    assert config.required_sections == ("failure modes",)


def test_unknown_key_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = write(tmp_path / "docket.toml", 'rfc_dir = "x"\n')
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert str(path.resolve()) in str(err.value)
    assert "'rfc_dir'" in str(err.value)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("select = 3\n", "'select' must be a list of strings"),
        ('[severity.draft]\nDK301 = "loud"\n', "severity.draft.DK301"),
        ("max-file-size = -1\n", "max-file-size"),
        ('file-pattern = "{slug}.md"\n', "{number}"),
        ('template = "missing.md"\n', "does not exist"),
        ("rfc-dir = [\n", "not valid TOML"),
    ],
)
def test_bad_values_are_refused_with_the_key(tmp_path: Path, text: str, fragment: str) -> None:
    write(tmp_path / "docket.toml", text)
    with pytest.raises(ConfigError, match=r"docket\.toml") as err:
        load_config(tmp_path)
    assert fragment in str(err.value)


def test_custom_template_and_states_drive_the_lifecycle(tmp_path: Path) -> None:
    write(
        tmp_path / "t.md",
        "---\nstatus: <proposed || accepted || retired>\n---\n# Title\n\n## Context\n",
    )
    write(tmp_path / "docket.toml", 'template = "t.md"\n')
    config = load_config(tmp_path)
    assert config.lifecycle() == ("proposed", "accepted", "retired")
    assert config.allowed_transitions("accepted") == ("retired", "proposed")
    write(
        tmp_path / "docket.toml",
        'template = "t.md"\nstates = ["a", "b"]\n[transitions]\na = ["b"]\n',
    )
    config = load_config(tmp_path)
    assert config.lifecycle() == ("a", "b")
    assert config.allowed_transitions("a") == ("b",)


def test_fingerprint_changes_with_settings_and_template(tmp_path: Path) -> None:
    base = load_config(tmp_path)
    write(tmp_path / "docket.toml", 'ignore = ["DK301"]\n')
    assert load_config(tmp_path).fingerprint() != base.fingerprint()
    write(tmp_path / "t.md", "# Title\n\n## A\n")
    write(tmp_path / "docket.toml", 'template = "t.md"\n')
    first = load_config(tmp_path).fingerprint()
    write(tmp_path / "t.md", "# Title\n\n## A\n\n## B\n")
    assert load_config(tmp_path).fingerprint() != first
    assert isinstance(base, Config)
