"""The software a result was computed with: Python and the key libraries' versions, recorded in
every report's ``summary.json`` and every run's ``manifest.json`` so a result can be re-run with
the same libraries (``requirements.lock`` pins them)."""

from __future__ import annotations

import platform
from importlib import metadata

KEY_LIBRARIES = (
    "analysis",
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "statsmodels",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbclient",
    "ipykernel",
    "babel",
    "jinja2",
)


def software_versions() -> dict[str, str]:
    """``{"python": "3.11.7", "pandas": "3.1.1", ...}`` for Python and :data:`KEY_LIBRARIES`
    (a library that is not installed is left out)."""
    out = {"python": platform.python_version()}
    for name in KEY_LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out
