"""environment.yml must declare the same dependencies as pyproject.toml."""

import re
import tomllib

from analysis import config


def _names(specs):
    return {re.split(r"[<>=!~\[ ]", s.strip(), maxsplit=1)[0].lower() for s in specs}


def test_environment_yml_matches_pyproject():
    py = tomllib.loads((config.PROJ_ROOT / "pyproject.toml").read_text())
    declared = _names(py["project"]["dependencies"])
    for extra in py["project"]["optional-dependencies"].values():
        declared |= _names(extra)
    env = (config.PROJ_ROOT / "environment.yml").read_text().split("dependencies:", 1)[1].splitlines()
    conda = {line.strip()[2:] for line in env if line.startswith("  - ") and not line.strip().startswith("- pip")}
    conda_names = _names(conda) - {"python"}
    assert conda_names == declared
