import subprocess
import sys

import docket.workspace as workspace


def test_every_public_name_resolves() -> None:
    for name in workspace.__all__:
        assert getattr(workspace, name) is not None, name


def test_unknown_names_raise_attribute_error() -> None:
    try:
        workspace.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_reading_the_config_does_not_load_the_folder_workflow() -> None:
    script = (
        "import sys, docket.workspace.config; "
        "print(sorted(m for m in sys.modules if m.startswith('docket.workspace.')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['docket.workspace.config']"
