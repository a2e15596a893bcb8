"""Article-ready figures: one style (``style``), deterministic export with sidecars (``export``),
chart functions that take tidy data from ``analysis.stats`` (``charts``, ``maps``)."""

from .export import save_figure
from .style import FULL_WIDTH_CM, SINGLE_COLUMN_CM, figure, set_style

__all__ = ["save_figure", "set_style", "figure", "SINGLE_COLUMN_CM", "FULL_WIDTH_CM"]
