"""Shared fixtures. The real panel is built once per test session into a temporary folder."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config
from analysis.panel import build_panel


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """BuildReport of a full build of the shipped raw data (into a temp dir)."""
    out = tmp_path_factory.mktemp("processed")
    return build_panel(out_dir=out, progress=lambda _m: None)


@pytest.fixture(scope="session")
def panel(built) -> pd.DataFrame:
    return built.panel


@pytest.fixture(scope="session")
def raw_dir():
    return config.RAW_DIR
