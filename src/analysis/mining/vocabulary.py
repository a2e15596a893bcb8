"""The controlled vocabulary of indicators and the Vietnamese phrases that name them.

| indicator | meaning | units |
|---|---|---|
| par_index | PAR INDEX (Chỉ số cải cách hành chính) of a province, district, commune or department | %, points |
| sipas | SIPAS (Chỉ số hài lòng về sự phục vụ hành chính) | %, points |
| papi / pci / ddci | PAPI / PCI / DDCI score | points |
| papi_dimension | a PAPI dimension ("công khai, minh bạch", "quản trị điện tử"), 1-10 | points |
| satisfaction_rate | share (or score) of citizens and organisations satisfied | %, points |
| on_time_rate / early_rate | share of dossiers or procedures resolved on time (incl. early) / early | % |
| online_service_rate | share of procedures offered as online public services (levels 3-4) | % |
| online_dossier_rate | share of dossiers submitted or resolved online | % |
| online_payment_rate | share of dossiers with fees paid online | % |
| postal_service_rate | share of procedures using the public postal service | % |
| digitization_rate | share of dossiers or results digitised | % |
| e_document_rate | share of documents exchanged electronically or digitally signed | % |
| staff_share_by_qualification | share (count of total) of staff with a qualification | %, count |
| procedures_count | number of administrative procedures (TTHC) | count |
| procedures_online_level3 / _level4 | procedures offered online at level 3 / 4 | count |
| procedures_online_full | procedures offered fully online ("toàn trình", the term since 2022) | count |
| procedures_online | online public services offered, any level ("1.127 dịch vụ công trực tuyến") | count |
| procedures_reviewed / procedures_simplified | reviewed / proposed for abolition or simplification | count |
| procedures_postal | procedures received and returned through the public postal service | count |
| dossiers_total / _received / _carried_over | to resolve in the period / newly received / carried over | count |
| dossiers_resolved / _on_time / _pending / _online | resolved / early or on time / in progress / online | count |
| rank | a rank ("xếp thứ 19/63"); ``subject`` says which index or sub-index is ranked | rank |
| rank_change | places gained (+) or lost (-) ("tăng 10 bậc") | ranks |
| cost_saving | compliance cost saved | VND |
| <measure>_change | a change of a measure ("giảm 6,1% so với năm 2021"), signed; ``baseline_year`` | %, points, count |
| other | any other measured number; ``subject`` holds the noun phrase it measures | as written |
"""

from __future__ import annotations

import re

# (indicator, pattern). Matched case-insensitively against the original sentence; when several
# match before a number, the one ending nearest to it wins, ties going to the earlier rule here.
RATE_RULES: list[tuple[str, str]] = [
    (
        "papi_dimension",
        r"(?:chỉ số|nội dung|trục nội dung|lĩnh vực|tiêu chí)\s*(?:thành phần\s*)?(?:về\s*)?[“\"'‘]?\s*"
        r"(?:tham gia của người dân"
        r"|công khai,? minh bạch|trách nhiệm giải trình|kiểm soát tham nhũng|thủ tục hành chính công"
        r"|cung ứng dịch vụ công|quản trị môi trường|quản trị điện tử)",
    ),
    ("sipas", r"SIPAS|chỉ số hài lòng (?:của người dân,?(?: tổ chức)? )?(?:về|đối với) sự phục vụ"),
    ("par_index", r"chỉ số (?:cải cách hành chính|CCHC)|PAR[\s-]?INDEX|xếp loại cải cách hành chính"),
    ("papi", r"\bPAPI\b|hiệu quả quản trị và hành chính công"),
    ("ddci", r"\bDDCI\b|năng lực cạnh tranh cấp (?:sở|huyện)"),
    ("pci", r"\bPCI\b|năng lực cạnh tranh cấp tỉnh"),
    ("staff_share_by_qualification", r"thạc s[ỹĩ]|tiến s[ỹĩ]|đại học|cao đẳng|trung cấp|chưa qua đào tạo"),
    ("satisfaction_rate", r"hài lòng"),
    ("early_rate", r"trước hạn(?! và)"),
    ("on_time_rate", r"đúng hạn|đúng thời hạn|trước và đúng hạn"),
    ("online_payment_rate", r"thanh toán trực tuyến"),
    ("online_dossier_rate", r"hồ sơ (?:giải quyết |nộp |được giải quyết |tiếp nhận )?trực tuyến|toàn trình"),
    ("online_service_rate", r"dịch vụ công trực tuyến"),
    ("postal_service_rate", r"bưu chính công ích"),
    ("digitization_rate", r"số h[óo]a"),
    ("e_document_rate", r"dạng điện tử|văn bản điện tử|ký số"),
]
RATE_RE = [(name, re.compile(p, re.I)) for name, p in RATE_RULES]

DOSSIER_RULES: list[tuple[str, str]] = [
    ("dossiers_total", r"tổng số hồ sơ"),
    ("dossiers_carried_over", r"kỳ trước chuyển|tồn kỳ trước"),
    ("dossiers_received", r"tiếp nhận"),
    ("dossiers_on_time", r"trước và đúng hạn|đúng hạn|trước hạn"),
    ("dossiers_pending", r"đang giải quyết"),
    ("dossiers_online", r"trực tuyến"),
    ("dossiers_resolved", r"đã giải quyết|giải quyết xong"),
]
DOSSIER_RE = [(name, re.compile(p, re.I)) for name, p in DOSSIER_RULES]

PROCEDURE_RULES: list[tuple[str, str]] = [
    ("procedures_online_full", r"toàn trình"),
    ("procedures_online_level4", r"mức độ 4"),
    ("procedures_online_level3", r"mức độ 3"),
    ("procedures_reviewed", r"rà soát"),
    ("procedures_simplified", r"bãi bỏ|đơn giản h[óo]a"),
]
PROCEDURE_RE = [(name, re.compile(p, re.I)) for name, p in PROCEDURE_RULES]

COST_RE = re.compile(r"chi phí|tiết kiệm", re.I)

TARGET_CUES = re.compile(
    r"phấn đấu|tối thiểu|mục tiêu|chỉ tiêu|kế hoạch đề ra|đặt ra|đăng ký|cần đạt|sẽ đạt|dự kiến", re.I
)
QUALIFIERS = [
    ("above", re.compile(r"(?:trên|hơn|vượt)\s*$", re.I)),
    ("at_least", re.compile(r"(?:tối thiểu|ít nhất|từ)\s*$", re.I)),
    ("below", re.compile(r"(?:dưới|chưa đến|chưa tới)\s*$", re.I)),
    ("about", re.compile(r"(?:khoảng|gần|xấp xỉ|hơn)\s*$", re.I)),
]


def nearest(rules, text: str) -> tuple[str, int] | None:
    """The rule whose last match in ``text`` ends nearest its end: (indicator, end position)."""
    best = None
    for name, rx in rules:
        for m in rx.finditer(text):
            if best is None or m.end() > best[1]:
                best = (name, m.end())
    return best


def first(rules, text: str) -> str | None:
    """The rule matching earliest in ``text`` (for descriptors that follow a number)."""
    best = None
    for name, rx in rules:
        m = rx.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (name, m.start())
    return best[0] if best else None
