"""Statistics checked against hand-computed values (synthetic panels) and an independent
implementation (numpy least squares) on the real panel."""

import numpy as np
import pandas as pd
import pytest

from analysis import stats as st
from analysis.stats import MethodBreakError
from synthetic import synthetic_panel

YEARS = range(2011, 2019)


def test_trend_recovers_exact_slope_with_ci():
    panel = synthetic_panel({"22": {y: 10 + 0.5 * (y - 2011) for y in YEARS}})
    t = st.province_trend(panel, "PAPI").iloc[0]
    assert t["slope"] == pytest.approx(0.5) and t["n_years"] == 8
    assert t["ci_low"] <= 0.5 <= t["ci_high"]


def test_trend_ci_matches_hand_computation():
    # y = 1, 3, 2, 5 at t = 0..3: Sxy = 5.5, Sxx = 5, slope 1.1; fitted 1.1, 2.2, 3.3, 4.4;
    # residuals -0.1, 0.8, -1.3, 0.6 -> RSS = 2.7; se = sqrt(RSS / (n - 2) / Sxx)
    panel = synthetic_panel({"01": {2011: 1, 2012: 3, 2013: 2, 2014: 5}})
    t = st.province_trend(panel, "PAPI").iloc[0]
    se = np.sqrt(2.7 / 2 / 5)
    t_crit = 4.302652729911275  # t(0.975, df=2)
    assert t["slope"] == pytest.approx(1.1)
    assert t["ci_low"] == pytest.approx(1.1 - t_crit * se)
    assert t["ci_high"] == pytest.approx(1.1 + t_crit * se)


def test_trend_with_fewer_than_three_years_says_insufficient_data():
    panel = synthetic_panel({"01": {2011: 1, 2012: 2}, "22": {y: float(y) for y in YEARS}})
    t = st.province_trend(panel, "PAPI").set_index("province_code")
    assert t.loc["01", "status"] == "insufficient data" and np.isnan(t.loc["01", "slope"])
    assert t.loc["22", "status"] == "ok"


def test_hac_option_changes_only_the_errors():
    rng = np.random.default_rng(1)
    panel = synthetic_panel({"22": {y: 0.3 * y + rng.normal() for y in range(2005, 2020)}})
    plain = st.province_trend(panel, "PAPI").iloc[0]
    hac = st.province_trend(panel, "PAPI", robust=True, hac_lags=2).iloc[0]
    assert hac["slope"] == pytest.approx(plain["slope"]) and hac["cov_type"] == "HAC"
    assert hac["ci_high"] - hac["ci_low"] != pytest.approx(plain["ci_high"] - plain["ci_low"])


def test_trend_refuses_to_span_eras_unless_told():
    era = {y: ("a" if y < 2015 else "b") for y in YEARS}
    panel = synthetic_panel({"22": {y: float(y) for y in YEARS}}, era=era)
    with pytest.raises(MethodBreakError):
        st.province_trend(panel, "PAPI", era=None)
    latest = st.province_trend(panel, "PAPI").iloc[0]
    assert latest["first_year"] == 2015 and latest["method_era"] == "b"
    assert st.province_trend(panel, "PAPI", era=None, allow_cross_era=True).iloc[0]["n_years"] == 8


def test_papi_2017_vs_2018_is_refused_and_allowed_explicitly(panel):
    with pytest.raises(MethodBreakError, match="6dim-2011.*8dim-2018"):
        st.window_change(panel, "PAPI", 2017, 2018)
    ch = st.window_change(panel, "PAPI", 2017, 2018, allow_cross_era=True)
    assert ch["crosses_era"].all() and len(ch) >= 60
    yoy = st.year_over_year(panel, "PAPI")
    at_break = yoy[yoy["year"] == 2018]
    assert at_break["crosses_era"].all() and at_break["change"].isna().all()
    assert yoy[(yoy["year"] == 2017)]["change"].notna().sum() >= 60


def test_window_change_and_year_over_year_by_hand():
    panel = synthetic_panel({"22": {2011: 10, 2012: 12, 2014: 15}, "01": {2011: 20, 2014: 17}})
    ch = st.window_change(panel, "PAPI", 2011, 2014).set_index("province_code")
    assert ch.loc["22", "change"] == 5 and ch.loc["22", "change_per_year"] == pytest.approx(5 / 3)
    assert ch.loc["01", "change"] == -3
    yoy = st.year_over_year(panel, "PAPI").set_index(["province_code", "year"])
    assert yoy.loc[("22", 2012), "change"] == 2
    assert np.isnan(yoy.loc[("22", 2014), "change"])  # 2013 missing: no interpolation


def test_province_series_shows_missing_years():
    panel = synthetic_panel({"22": {2011: 10, 2013: 12}, "01": {2011: 1, 2012: 2, 2013: 3}})
    s = st.province_series(panel, "Quảng Ninh", "PAPI")
    assert list(s["year"]) == [2011, 2012, 2013]
    assert list(s["missing"]) == [False, True, False] and np.isnan(s["value"].iloc[1])


def test_ranks_with_ties_and_actual_count():
    panel = synthetic_panel({"01": {2020: 50}, "22": {2020: 70}, "48": {2020: 70}, "79": {2020: 60}})
    r = st.rank_within_year(panel, "PAPI").set_index("province_code")
    assert r.loc["22", "rank"] == 1 and r.loc["48", "rank"] == 1
    assert r.loc["79", "rank"] == 3 and r.loc["01", "rank"] == 4
    assert (r["n_ranked"] == 4).all() and r.loc["79", "rank_label"] == "3/4"


def test_rank_mobility_against_hand_values():
    # ranks 1..5 in 2020; in 2021 the order is 2,1,3,5,4 -> d = (1,1,0,1,1): rho = 1 - 6*4/(5*24) = 0.8
    a = {"01": 90, "22": 80, "48": 70, "79": 60, "31": 50}
    b = {"01": 80, "22": 90, "48": 70, "79": 50, "31": 60}
    panel = synthetic_panel({c: {2020: a[c], 2021: b[c]} for c in a})
    r = st.rank_within_year(panel, "PAPI")
    m = st.rank_mobility(r, 2020, 2021, k=0).iloc[0]
    assert m["spearman_rho"] == pytest.approx(0.8)
    assert m["kendall_tau"] == pytest.approx(0.6)  # 8 concordant, 2 discordant pairs of 10
    assert m["share_moved_more_than_k"] == pytest.approx(0.8)
    ch = st.rank_change(r, 2020, 2021).set_index("province_code")
    assert ch.loc["22", "places_gained"] == 1 and ch.loc["01", "places_gained"] == -1


def test_bands_by_quartiles():
    values = {c: {2020: v} for c, v in zip(["01", "02", "04", "06", "08", "10", "11", "12"], range(1, 9))}
    b = st.bands(synthetic_panel(values), "PAPI").set_index("province_code")
    # numpy percentiles of 1..8: p25 = 2.75, p50 = 4.5, p75 = 6.25
    assert b["p25"].iloc[0] == pytest.approx(2.75) and b["p75"].iloc[0] == pytest.approx(6.25)
    assert list(b["band"].astype(str)) == ["bottom"] * 2 + ["low-average"] * 2 + ["high-average"] * 2 + ["top"] * 2


def test_par_tiers():
    panel = synthetic_panel(
        {"01": {2022: 91}, "22": {2022: 90}, "48": {2022: 85.5}, "79": {2022: 69.9}}, index="PAR_INDEX"
    )
    t = st.tiers(panel, "PAR_INDEX").set_index("province_code")["tier"].to_dict()
    assert t == {"01": "A", "22": "A", "48": "B", "79": "below C"}


def test_sigma_convergence_by_hand():
    panel = synthetic_panel({"01": {2020: 2, 2021: 4}, "22": {2020: 4, 2021: 4}, "48": {2020: 6, 2021: 4}})
    s = st.sigma_convergence(panel, "PAPI").set_index("year")
    assert s.loc[2020, "sd"] == pytest.approx(2.0) and s.loc[2020, "cv"] == pytest.approx(0.5)
    assert s.loc[2021, "sd"] == 0


def test_beta_convergence_by_hand():
    # change per year = 3 - 0.5 * start exactly -> beta = -0.5
    starts = {"01": 2.0, "22": 4.0, "48": 6.0, "79": 8.0}
    panel = synthetic_panel({c: {2010: s, 2012: s + 2 * (3 - 0.5 * s)} for c, s in starts.items()})
    b = st.beta_convergence(panel, "PAPI", 2010, 2012).iloc[0]
    assert b["beta"] == pytest.approx(-0.5) and b["n"] == 4


def test_cross_index_correlation_by_hand():
    a = synthetic_panel({c: {2020: v} for c, v in zip(["01", "22", "48", "79", "31"], [1, 2, 3, 4, 5])})
    b = synthetic_panel({c: {2020: v} for c, v in zip(["01", "22", "48", "79", "31"], [2, 4, 6, 8, 11])}, index="PCI")
    out = st.cross_index_correlation(pd.concat([a, b]), ("PAPI", "total"), ("PCI", "total")).iloc[0]
    x, y = np.array([1, 2, 3, 4, 5.0]), np.array([2, 4, 6, 8, 11.0])
    r = ((x - x.mean()) * (y - y.mean())).sum() / np.sqrt(((x - x.mean()) ** 2).sum() * ((y - y.mean()) ** 2).sum())
    assert out["pearson_r"] == pytest.approx(r) and out["spearman_rho"] == pytest.approx(1.0) and out["n"] == 5


def test_break_test_detects_a_planted_break_and_refuses_short_series():
    series = {y: (10 + 0.2 * (y - 2010)) + (5 if y >= 2016 else 0) + 0.01 * ((y * 7) % 3) for y in range(2010, 2022)}
    panel = synthetic_panel({"22": series})
    t = st.break_test(panel, "22", "PAPI", 2016).iloc[0]
    assert t["status"] == "ok" and t["p_value"] < 0.001 and t["level_shift"] == pytest.approx(5, abs=0.1)
    short = st.break_test(synthetic_panel({"22": {2014: 1, 2015: 2, 2016: 3, 2017: 4}}), "22", "PAPI", 2016).iloc[0]
    assert short["status"] == "insufficient data" and np.isnan(short["f_stat"])


def test_known_breaks_include_the_papi_2018_change():
    kb = st.known_breaks("PAPI")
    assert list(kb["year"]) == [2018] and kb["era_after"].iloc[0] == "8dim-2018"


def test_regional_gaps_by_hand():
    # Quảng Ninh (22), Hà Nội (01), Hải Phòng (31) are in the Red River Delta; Cà Mau (96) is not.
    panel = synthetic_panel({"22": {2020: 10}, "01": {2020: 20}, "31": {2020: 30}, "96": {2020: 100}})
    g = st.province_gaps(panel, "Quảng Ninh", "PAPI").iloc[0]
    assert g["region_mean"] == pytest.approx(20) and g["gap_region"] == pytest.approx(-10)
    assert g["national_median"] == pytest.approx(25) and g["gap_national"] == pytest.approx(-15)
    means = st.regional_means(panel, "PAPI").set_index("region")
    assert means.loc["Đồng bằng sông Hồng", "n"] == 3


def test_merged_view_weights_and_refuses_incomplete_members():
    # New Tuyên Quang (08) = Hà Giang (02) + Tuyên Quang (08).
    panel = synthetic_panel({"02": {2020: 40.0, 2021: 41.0}, "08": {2020: 50.0}})
    population = pd.DataFrame(
        {"province_code": ["02", "08"], "year": [2016, 2016], "population_thousand": [800.0, 200.0]}
    )
    m = st.merged_view(panel, "PAPI", population=population).set_index(["new_code_2025", "year"])
    assert m.loc[("08", 2020), "value"] == pytest.approx(0.8 * 40 + 0.2 * 50)
    assert m.loc[("08", 2020), "weighting"] == "population 2016"
    assert np.isnan(m.loc[("08", 2021), "value"]) and m.loc[("08", 2021), "members_missing"] == "Tuyên Quang"
    simple = st.merged_view(panel, "PAPI").set_index(["new_code_2025", "year"])
    assert (
        simple.loc[("08", 2020), "value"] == pytest.approx(45)
        and simple.loc[("08", 2020), "weighting"] == "simple mean"
    )


def test_pooled_trend_matches_numpy_least_squares_on_real_data(panel):
    res = st.pooled_trend(panel, "PCI", era="pci-2013", years=range(2013, 2020)).iloc[0]
    data = panel[
        (panel["index"] == "PCI")
        & (panel["component"] == "total")
        & panel["is_preferred"]
        & panel["year"].between(2013, 2019)
        & (panel["level"] == "province")
    ]
    codes = sorted(data["province_code"].unique())
    X = np.column_stack([data["year"].to_numpy(float)] + [(data["province_code"] == c).to_numpy(float) for c in codes])
    beta, *_ = np.linalg.lstsq(X, data["value"].to_numpy(float), rcond=None)
    assert res["slope"] == pytest.approx(beta[0], rel=1e-9)
    assert res["n_obs"] == len(data) == 63 * 7
    # Cluster-robust SE by hand: CR1 sandwich with the small-sample factor statsmodels uses.
    resid = data["value"].to_numpy(float) - X @ beta
    bread = np.linalg.inv(X.T @ X)
    meat = sum(
        np.outer(X[m].T @ resid[m], X[m].T @ resid[m]) for m in [(data["province_code"] == c).to_numpy() for c in codes]
    )
    n, k, g = len(data), X.shape[1], len(codes)
    cov = bread @ meat @ bread * (g / (g - 1)) * ((n - 1) / (n - k))
    assert res["se"] == pytest.approx(np.sqrt(cov[0, 0]), rel=1e-6)


def test_twoway_fe_recovers_a_planted_coefficient():
    rng = np.random.default_rng(3)
    codes = ["01", "22", "48", "79", "31", "92"]
    x = {c: {y: rng.normal(60, 5) for y in range(2013, 2019)} for c in codes}
    fe = {c: rng.normal(0, 3) for c in codes}
    y = {c: {yr: 2.0 * v + fe[c] + 0.5 * (yr - 2013) for yr, v in x[c].items()} for c in codes}
    panel = pd.concat([synthetic_panel(y), synthetic_panel(x, index="PCI")])
    res = st.twoway_fe(panel, ("PAPI", "total"), ("PCI", "total")).iloc[0]
    assert res["coef"] == pytest.approx(2.0) and res["n_obs"] == 36 and res["n_provinces"] == 6


def test_vectorised_slopes_equal_statsmodels_trend(panel):
    from analysis.stats.regions import ols_slopes

    data = panel[
        (panel["index"] == "PCI")
        & (panel["component"] == "total")
        & panel["is_preferred"]
        & (panel["method_era"] == "pci-2013")
        & (panel["level"] == "province")
    ]
    fast = ols_slopes(data)
    slow = st.province_trend(panel, "PCI", era="pci-2013").set_index("province_code")["slope"]
    assert np.allclose(fast.loc[slow.index], slow, rtol=1e-10)
