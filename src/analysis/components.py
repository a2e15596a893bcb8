"""Controlled vocabulary of indices, components, scales and method eras.

Component codes are stable across sources and years:

- ``total`` (the headline score; for PAPI the unweighted sum of dimensions, the only total
  published in every year), ``total_weighted`` (PAPI weighted total, 2019 and 2022),
  ``total_unweighted`` (PCI unweighted, 2007/2008/2010 only), ``rank`` (national rank);
- PAPI ``dimension:<n>`` and ``subdimension:<n>.<slug>``: the slug names the content, because the
  position of a sub-dimension inside its dimension changed in 2016 and 2018;
- PCI ``pci:<slug>`` for the sub-indices.

A *method era* names a span of years in which an index kept the same structure; comparisons across
eras are refused by the analysis functions unless the caller asks for them.
"""

from __future__ import annotations

from dataclasses import dataclass

INDICES = ("PAPI", "PCI", "PAR_INDEX", "SIPAS")

INDEX_LABELS = {
    "PAPI": (
        "Provincial Governance and Public Administration Performance Index",
        "Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh",
    ),
    "PCI": ("Provincial Competitiveness Index", "Chỉ số Năng lực cạnh tranh cấp tỉnh"),
    "PAR_INDEX": ("Public Administration Reform Index", "Chỉ số cải cách hành chính"),
    "SIPAS": ("Satisfaction Index of Public Administrative Services", "Chỉ số hài lòng về sự phục vụ hành chính"),
}


@dataclass(frozen=True)
class Era:
    index: str
    code: str
    first_year: int
    last_year: int | None  # None: still current
    note: str

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


ERAS: tuple[Era, ...] = (
    Era("PAPI", "6dim-2011", 2011, 2017, "6 dimensions; total on 6-60."),
    Era(
        "PAPI",
        "8dim-2018",
        2018,
        None,
        "8 dimensions (environmental governance and e-governance added); total on 10-80 as printed. "
        "Transparency gains 'access to information' (2.1); accountability sub-dimensions replaced. "
        "From 2021 sub-dimension 5.2 (construction permits) is dropped and 5.x are on 0.33-3.33.",
    ),
    Era("PCI", "pci-2005", 2005, 2005, "9 sub-indices incl. implementation of central policy; 42 provinces."),
    Era("PCI", "pci-2006", 2006, 2008, "10 sub-indices (labour, legal institutions added; SOE bias); 64 provinces."),
    Era("PCI", "pci-2009", 2009, 2012, "9 sub-indices, no bias sub-index; new weights."),
    Era("PCI", "pci-2013", 2013, 2020, "10 sub-indices with policy bias (equal competition); new weights."),
    Era(
        "PCI",
        "pci-2021",
        2021,
        None,
        "Methodology revision: business support services -> business support policy; "
        "totals of 2022 and 2023 are not the 2013 weighted sum; from 2023 VCCI publishes only the top 30.",
    ),
    Era(
        "PAR_INDEX",
        "par-2012",
        2012,
        2021,
        "Criteria revised over time within this span; values in percent of the maximum score.",
    ),
    Era(
        "PAR_INDEX",
        "par-2022",
        2022,
        2023,
        "Restructured criteria; the national mean fell 86.37 -> 84.79 with the change.",
    ),
    Era("PAR_INDEX", "par-2024", 2024, None, "New criteria set approved for 2024."),
    Era("SIPAS", "sipas-2017", 2017, 2021, "Satisfaction with administrative services."),
    Era(
        "SIPAS",
        "sipas-2022",
        2022,
        None,
        "Scope extended to public policies; national mean 87.16 (2021) -> 80.08 (2022).",
    ),
)


def method_era(index: str, year: int) -> str:
    """The method-era code for an index in a year (e.g. ``method_era("PAPI", 2018) == "8dim-2018"``)."""
    for era in ERAS:
        if era.index == index and era.covers(int(year)):
            return era.code
    raise ValueError(f"no method era defined for {index} {year}")


def era_first_years(index: str) -> list[int]:
    """Years in which a new method era of ``index`` starts (the breaks), excluding the first."""
    return sorted(e.first_year for e in ERAS if e.index == index)[1:]


PAPI_DIMENSIONS = {
    1: ("Participation at Local Levels", "Tham gia của người dân ở cấp cơ sở"),
    2: ("Transparency", "Công khai, minh bạch"),
    3: ("Vertical Accountability", "Trách nhiệm giải trình với người dân"),
    4: ("Control of Corruption", "Kiểm soát tham nhũng trong khu vực công"),
    5: ("Public Administrative Procedures", "Thủ tục hành chính công"),
    6: ("Public Service Delivery", "Cung ứng dịch vụ công"),
    7: ("Environmental Governance", "Quản trị môi trường"),
    8: ("E-Governance", "Quản trị điện tử"),
}

# Sub-dimension slugs by (dimension, position) for the sheet layouts of each span of years.
_SUB_2018 = {
    (1, 1): "civic_knowledge",
    (1, 2): "opportunities_for_participation",
    (1, 3): "quality_of_elections",
    (1, 4): "voluntary_contributions",
    (2, 1): "access_to_information",
    (2, 2): "poverty_lists",
    (2, 3): "communal_budget",
    (2, 4): "land_use_plans",
    (3, 1): "interactions_with_local_authorities",
    (3, 2): "responses_to_citizen_appeals",
    (3, 3): "access_to_justice",
    (4, 1): "limits_on_public_sector_corruption",
    (4, 2): "limits_on_corruption_in_service_delivery",
    (4, 3): "equity_in_employment",
    (4, 4): "willingness_to_fight_corruption",
    (5, 1): "certification_procedures",
    (5, 2): "construction_permits",
    (5, 3): "land_use_rights_procedures",
    (5, 4): "commune_procedures",
    (6, 1): "public_health",
    (6, 2): "public_primary_education",
    (6, 3): "basic_infrastructure",
    (6, 4): "law_and_order",
    (7, 1): "seriousness_in_environment_protection",
    (7, 2): "quality_of_air",
    (7, 3): "quality_of_water",
    (8, 1): "access_to_e_government_portals",
    (8, 2): "access_to_the_internet",
    (8, 3): "e_responsiveness",
}
_SUB_2011 = {k: v for k, v in _SUB_2018.items() if k[0] <= 6} | {
    (2, 1): "poverty_lists",
    (2, 2): "communal_budget",
    (2, 3): "land_use_plans",
    (3, 2): "peoples_inspection_boards",
    (3, 3): "community_investment_boards",
}
del _SUB_2011[(2, 4)]
_SUB_2016 = _SUB_2011 | {(3, 2): "responsive_to_citizen_actions", (3, 3): "peoples_inspection_boards"}

PAPI_SUBDIMENSION_LABELS_EN = {
    "civic_knowledge": "Civic Knowledge",
    "opportunities_for_participation": "Opportunities for Participation",
    "quality_of_elections": "Quality of (Local) Elections",
    "voluntary_contributions": "Voluntary Contributions",
    "access_to_information": "Access to Information",
    "poverty_lists": "Poverty Lists",
    "communal_budget": "Communal Budget and Expenditure",
    "land_use_plans": "Land-Use Plans/Price Frames",
    "interactions_with_local_authorities": "Interactions With Local Authorities",
    "responses_to_citizen_appeals": "Local Government's Response to Citizens' Appeals",
    "access_to_justice": "Access to Justice Services",
    "peoples_inspection_boards": "People's Inspection Boards",
    "community_investment_boards": "Community Investment Boards",
    "responsive_to_citizen_actions": "Responsive to Citizen Actions",
    "limits_on_public_sector_corruption": "Limits on Public Sector Corruption",
    "limits_on_corruption_in_service_delivery": "Limits on Corruption in Service Delivery",
    "equity_in_employment": "Equity in Employment",
    "willingness_to_fight_corruption": "Willingness to Fight Corruption",
    "certification_procedures": "Certification Procedures",
    "construction_permits": "Construction Permits",
    "land_use_rights_procedures": "Land-Use Rights Procedures",
    "commune_procedures": "Personal (commune-level) Procedures",
    "public_health": "Public Health",
    "public_primary_education": "Public Primary Education",
    "basic_infrastructure": "Basic Infrastructure",
    "law_and_order": "Law and Order",
    "seriousness_in_environment_protection": "Seriousness in Environment Protection",
    "quality_of_air": "Quality of Air",
    "quality_of_water": "Quality of Water",
    "access_to_e_government_portals": "Access to E-government Portals",
    "access_to_the_internet": "Access to the Internet",
    "e_responsiveness": "E-Responsiveness",
}


def papi_subdimension_layout(year: int) -> dict[tuple[int, int], str]:
    """Sub-dimension slugs by (dimension, position) as laid out in PAPI's sheets for ``year``.

    Only the sub-dimensions PAPI measured that year are returned (5.2 is gone from 2021,
    8.3 starts in 2019), so ``len`` per dimension gives the divisor of its scale."""
    if year <= 2015:
        return dict(_SUB_2011)
    if year <= 2017:
        return dict(_SUB_2016)
    layout = dict(_SUB_2018)
    if year == 2018:
        del layout[(8, 3)]
    if year >= 2021:
        del layout[(5, 2)]
    return layout


def papi_subdimension_code(dimension: int, slug: str) -> str:
    return f"subdimension:{dimension}.{slug}"


def papi_subdimension_scale(year: int, dimension: int) -> tuple[float, float]:
    """Scale of one sub-dimension: the dimension's 1-10 split equally, as PAPI prints it
    (4 parts: 0.25-2.5; 3 parts: 0.33-3.33; 2 parts: 0.5-5)."""
    n = sum(1 for (d, _p) in papi_subdimension_layout(year) if d == dimension)
    return round(1 / n, 2), round(10 / n, 2)


def papi_total_scale(year: int) -> tuple[float, float]:
    """PAPI total scale as printed: 6-60 (6 dimensions) before 2018, 10-80 from 2018."""
    return (6.0, 60.0) if year <= 2017 else (10.0, 80.0)


# PCI sub-indices: source column -> (code, English label, Vietnamese label).
PCI_SUBINDICES = {
    "pci_entry": ("pci:entry_costs", "Entry costs", "Gia nhập thị trường"),
    "pci_land": ("pci:land_access", "Access to land", "Tiếp cận đất đai"),
    "pci_transparency": ("pci:transparency", "Transparency", "Tính minh bạch"),
    "pci_time": ("pci:time_costs", "Time costs", "Chi phí thời gian"),
    "pci_informal": ("pci:informal_charges", "Informal charges", "Chi phí không chính thức"),
    "pci_implement": (
        "pci:central_policy_implementation",
        "Implementation of central policy",
        "Thực hiện chính sách của Trung ương",
    ),
    "pci_bias_old": ("pci:soe_bias", "SOE bias (state-owned enterprise preference)", "Ưu đãi DNNN"),
    "pci_bias": ("pci:policy_bias", "Policy bias (equal competition)", "Cạnh tranh bình đẳng"),
    "pci_proactive": ("pci:proactivity", "Proactivity of provincial leadership", "Tính năng động"),
    "pci_support": (
        "pci:business_support",
        "Business support services / policy",
        "Dịch vụ / Chính sách hỗ trợ doanh nghiệp",
    ),
    "pci_labor": ("pci:labour_policy", "Labour policy", "Đào tạo lao động"),
    "pci_legal": ("pci:legal_institutions", "Legal institutions / law and order", "Thiết chế pháp lý"),
}

# English sub-index names on VCCI's pages -> code. Position 8 changed name in 2021 (both kept).
PCI_PAGE_LABELS = {
    "Entry Costs": "pci:entry_costs",
    "Access to land": "pci:land_access",
    "Transparency": "pci:transparency",
    "Time Costs": "pci:time_costs",
    "Informal Charges": "pci:informal_charges",
    "Policy Bias": "pci:policy_bias",
    "Proactivity": "pci:proactivity",
    "Business Support Policy": "pci:business_support",
    "Business Support Services": "pci:business_support",
    "Labor Policy": "pci:labour_policy",
    "Law & Order": "pci:legal_institutions",
    "Legal Institutions": "pci:legal_institutions",
    "PCI Scores": "total",
    "PCI Score": "total",
    "Ranking": "rank",
}
