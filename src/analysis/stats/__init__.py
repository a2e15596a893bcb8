"""Statistics on the panel: pure functions, tidy DataFrame in, tidy DataFrame out.

Every function takes the panel (or a slice of it, as ``load_panel`` returns) and never reads files.
Comparisons across a method-era break raise :class:`MethodBreakError` unless the caller passes
``allow_cross_era=True``."""

from .breaks import break_test, known_breaks
from .convergence import beta_convergence, sigma_convergence
from .crossindex import cross_index_correlation
from .merged import merged_view
from .models import pooled_trend, province_trend, twoway_fe
from .ranks import bands, rank_change, rank_mobility, rank_within_year, tiers
from .regions import dimension_profile, national_distribution, peers, province_gaps, regional_means
from .series import MethodBreakError, main_era, province_series, select_preferred, window_change, year_over_year

__all__ = [
    "MethodBreakError",
    "province_series",
    "main_era",
    "select_preferred",
    "year_over_year",
    "window_change",
    "province_trend",
    "pooled_trend",
    "twoway_fe",
    "rank_within_year",
    "rank_change",
    "rank_mobility",
    "bands",
    "tiers",
    "regional_means",
    "province_gaps",
    "national_distribution",
    "dimension_profile",
    "peers",
    "sigma_convergence",
    "beta_convergence",
    "cross_index_correlation",
    "known_breaks",
    "break_test",
    "merged_view",
]
