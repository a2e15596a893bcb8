"""Synthetic panels for tests (made here, named as such; never shipped as data)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.provinces import name_of


def synthetic_panel(values: dict[str, dict[int, float]], index: str = "PAPI", component: str = "total", era=None):
    """A panel slice in the processed layout from {province_code: {year: value}}; NaN values are omitted
    rows (a missing province-year). ``era`` maps year -> method_era (default: one era)."""
    rows = []
    for code, series in values.items():
        for year, v in series.items():
            if v is None or (isinstance(v, float) and np.isnan(v)):
                continue
            rows.append(
                {
                    "index": index,
                    "component": component,
                    "level": "province",
                    "province_code": code,
                    "province": name_of(code),
                    "year": year,
                    "value": float(v),
                    "unit": "points",
                    "scale_min": 0.0,
                    "scale_max": 100.0,
                    "method_era": (era or {}).get(year, "synthetic-era"),
                    "source": "synthetic",
                    "is_derived": False,
                    "is_preferred": True,
                }
            )
    return pd.DataFrame(rows)


def synthetic_notebook(path, body: str):
    """A synthetic report notebook: a ``parameters`` cell (``province``, ``output_dir``), then
    ``body``; written to ``path`` and returned."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('province = "Hà Nội"\noutput_dir = "."')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def failing_report_notebook(path, fail_for: str = "nobody"):
    """A synthetic report notebook that raises for one province and writes a summary otherwise."""
    return synthetic_notebook(
        path,
        "import json, pathlib\n"
        f"if province == {fail_for!r}:\n    raise RuntimeError('synthetic failure for ' + province)\n"
        "pathlib.Path(output_dir, 'summary.json').write_text(json.dumps({'province': province, 'headline': []}))",
    )
