"""Problem codes of interface strings, CSV tables, portal records and `guide drift`, in English and
Vietnamese (see messages.py and codes_content.py)."""
from __future__ import annotations

from generator.diagnostics.messages import CodeInfo

_DRIFT_HINT = "correct ours; if it differs on purpose, add under drift: {ack}"
_DRIFT_HINT_VI = "sửa hướng dẫn cho đúng; nếu khác có chủ ý, thêm dòng này dưới drift: {ack}"


def _drift(en: str, vi: str) -> CodeInfo:
    return CodeInfo("error", en + ": ours '{ours}', record '{record}'", _DRIFT_HINT,
                    vi=vi + ": hướng dẫn ghi '{ours}', bản ghi ghi '{record}'", vi_hint=_DRIFT_HINT_VI)


SOURCE_CODES: dict[str, CodeInfo] = {
    # Interface strings (i18n/*.yml)
    "i18n.key-missing": CodeInfo(
        "error", "interface string '{key}' is missing in {lang}", "add it to i18n/{lang}.yml",
        vi="chuỗi giao diện '{key}' còn thiếu trong {lang}", vi_hint="thêm nó vào i18n/{lang}.yml",
    ),
    "i18n.key-type": CodeInfo(
        "error", "interface string '{key}' must be non-empty text", "put it in quotes",
        vi="chuỗi giao diện '{key}' phải là chữ và không được để trống", vi_hint="đặt nó trong ngoặc kép",
    ),
    # Search words (i18n/search-synonyms.yml, generator/content/search_terms.py)
    "search.terms": CodeInfo(
        "error", "search words: {detail}", "see the examples at the top of i18n/search-synonyms.yml",
        vi="từ tìm kiếm: {detail}", vi_hint="xem ví dụ ở đầu tệp i18n/search-synonyms.yml",
    ),
    "search.unknown-code": CodeInfo(
        "warning", "no published procedure has the code {code}; its search words are not used",
        "correct the code, or remove the procedure's lines if it was abolished",
        vi="không có thủ tục nào đang đăng có mã {code}; các từ tìm kiếm của nó không được dùng",
        vi_hint="sửa lại mã, hoặc xóa các dòng của thủ tục này nếu nó đã bị bãi bỏ",
    ),
    "table.package": CodeInfo(
        "error", "the data package is invalid: {detail}", vi="gói dữ liệu (datapackage.json) không hợp lệ: {detail}",
    ),
    "table.header": CodeInfo(
        "error", "column header problem: {detail}", "compare with datapackage.json",
        vi="tên cột có vấn đề: {detail}", vi_hint="so với datapackage.json",
    ),
    "table.required": CodeInfo("error", "{field}: a value is required", vi="{field}: ô này không được để trống"),
    "table.pattern": CodeInfo(
        "error", "{field}: '{value}' does not look like {expected}", vi="{field}: '{value}' không có dạng {expected}",
    ),
    "table.unique": CodeInfo(
        "error", "{field}: '{value}' appears in more than one row", vi="{field}: '{value}' có ở nhiều hơn một dòng",
    ),
    "table.row": CodeInfo("error", "row problem: {detail}", vi="dòng có vấn đề: {detail}"),
    "table.unknown-commune": CodeInfo(
        "error", "commune code {value} is not in the 2025 commune list", "{hint}",
        vi="mã xã {value} không có trong danh sách xã năm 2025", vi_hint="{hint}",
    ),
    "table.province-mismatch": CodeInfo(
        "error", "commune {code} belongs to province {expected}, not {value}",
        vi="xã {code} thuộc tỉnh {expected}, không phải {value}",
    ),
    "table.unknown-province": CodeInfo(
        "error", "province code {value} is not a 2025 province", vi="mã tỉnh {value} không phải một tỉnh năm 2025",
    ),
    # Differences from the national portal record (`guide drift` only; they never stop the build)
    "drift.name": _drift("the name differs from the portal record", "tên khác với bản ghi trên Cổng"),
    "drift.url": _drift("the address is not the portal record's page",
                        "địa chỉ không phải trang của bản ghi trên Cổng"),
    "drift.time": _drift("the {channel} processing time differs from the portal record",
                         "thời hạn giải quyết ({channel}) khác với bản ghi trên Cổng"),
    "drift.fee": _drift("the {channel} fees differ from the portal record",
                        "lệ phí ({channel}) khác với bản ghi trên Cổng"),
    "drift.legal": _drift("the legal basis differs from the portal record (only in the record: {only_record}; "
                          "only ours: {only_ours})",
                          "căn cứ pháp lý khác với bản ghi trên Cổng (chỉ bản ghi có: {only_record}; "
                          "chỉ hướng dẫn có: {only_ours})"),
    "drift.groups": _drift("the number of document groups differs from the portal record",
                           "số nhóm giấy tờ khác với bản ghi trên Cổng"),
    "drift.documents": _drift("the number of documents differs from the portal record",
                              "số giấy tờ khác với bản ghi trên Cổng"),
    "drift.reason": CodeInfo(
        "error", "'{value}' is not a reason for this difference",
        "write why the guide differs from the record on purpose, and on what source, in a few words at least "
        "(e.g. \"Thông tư 71/2025/TT-BTC lowered the online fee; the record is not updated yet\"); if there is "
        "no such reason, correct the guide and remove the note",
        vi="'{value}' chưa phải là lý do cho khác biệt này",
        vi_hint="viết vì sao hướng dẫn cố ý khác bản ghi và căn cứ vào đâu, ít nhất vài chữ (ví dụ: \"Thông tư "
                "71/2025/TT-BTC giảm lệ phí nộp trực tuyến; bản ghi chưa cập nhật\"); nếu không có lý do như vậy, "
                "hãy sửa hướng dẫn cho đúng và xóa ghi chú",
    ),
    "drift.stale-note": CodeInfo(
        "warning", "this drift note matches no difference from the portal record ({code}{channel}, record '{record}')",
        "the record or our text changed: compare them again, then update the note's record or remove the note",
        vi="ghi chú drift này không khớp với khác biệt nào so với bản ghi trên Cổng ({code}{channel}, "
           "bản ghi '{record}')",
        vi_hint="bản ghi hoặc hướng dẫn đã thay đổi: so sánh lại, rồi sửa record của ghi chú hoặc xóa ghi chú",
    ),
    "drift.no-record": CodeInfo(
        "info", "no portal record for code {code} in {folder}; nothing to compare",
        vi="không có bản ghi trên Cổng cho mã {code} trong {folder}; không có gì để so sánh",
    ),
    "portal.map": CodeInfo(
        "error", "this portal record could not be turned into a portal page: {detail}",
        "the record is kept; report it to the developers (generator/upstream/portal.py maps records)",
        vi="không tạo được trang Cổng từ bản ghi này: {detail}",
        vi_hint="bản ghi được giữ nguyên; hãy báo cho nhóm phát triển (generator/upstream/portal.py chuyển bản ghi thành trang)",
    ),
    # National portal record files (procedures/portal/records/*.json, `guide import`)
    "portal.json": CodeInfo(
        "error", "cannot read the portal record: {reason}",
        "the file must be UTF-8 JSON as the portal returns it; download it again",
        vi="không đọc được bản ghi của Cổng: {reason}",
        vi_hint="tệp phải là JSON (UTF-8) đúng như Cổng trả về; hãy tải lại, đừng sửa tay",
    ),
    "portal.shape": CodeInfo(
        "error", "not a usable portal record: {detail}",
        "compare with a record in procedures/portal/records/; the portal may have changed its format",
        vi="không dùng được bản ghi này: {detail}",
        vi_hint="so với một bản ghi trong procedures/portal/records/; có thể Cổng đã đổi định dạng",
    ),
}
