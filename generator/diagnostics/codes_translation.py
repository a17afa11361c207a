"""Problem codes of translations: outdated translations (`guide check`) and the translator's CSV
(`guide i18n-import`), in English and Vietnamese (see messages.py).

For translation.* codes the position is in the CSV: the line is the row as a spreadsheet shows it
(the header is row 1), the column is the column number, the pointer is /<row>/<column name>.
"""
from __future__ import annotations

from generator.diagnostics.messages import CodeInfo

_FRESH = "export a fresh CSV with `guide i18n-status --format csv`"
_FRESH_VI = "xuất tệp CSV mới bằng `guide i18n-status --format csv`"

TRANSLATION_CODES: dict[str, CodeInfo] = {
    "i18n.outdated": CodeInfo(
        "warning", "the {lang} translation was made from an earlier Vietnamese text, which has changed since",
        "translate it again: `guide i18n-status --format csv` lists it and `guide i18n-import` merges the CSV back; "
        "if the translation is still right, import it unchanged (copy it into the translation column)",
        vi="bản {lang} được dịch từ một câu tiếng Việt cũ; câu tiếng Việt đã được sửa sau đó",
        vi_hint="dịch lại: `guide i18n-status --format csv` liệt kê câu cần dịch, `guide i18n-import` đưa tệp CSV "
                "vào lại; nếu bản dịch vẫn đúng, nhập lại nguyên văn (chép nó vào cột translation)",
    ),
    "translation.lock": CodeInfo(
        "error", "i18n/content-translations.json cannot be read: {reason}",
        "the tools write this file; if git left conflict marks (<<<<<<<, >>>>>>>) in it, keep the lines of one "
        "side and delete the marks, then run `guide i18n-status` to see which translations are outdated",
        vi="không đọc được i18n/content-translations.json: {reason}",
        vi_hint="tệp này do công cụ ghi; nếu git để lại dấu xung đột (<<<<<<<, >>>>>>>), giữ các dòng của một bên "
                "và xóa các dấu đó, rồi chạy `guide i18n-status` để xem bản dịch nào đã cũ",
    ),
    "translation.encoding": CodeInfo(
        "error", "the CSV file is not UTF-8 text ({reason})",
        "in Excel: File → Save As → \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: character set Unicode (UTF-8)",
        vi="tệp CSV không phải là văn bản UTF-8 ({reason})",
        vi_hint="trong Excel: Tệp → Lưu thành → \"CSV UTF-8 (Được phân tách bằng dấu phẩy)\"; trong LibreOffice: "
                "chọn bộ ký tự Unicode (UTF-8)",
    ),
    "translation.csv": CodeInfo(
        "error", "{detail}",
        _FRESH + ", keep its first row (the column names) and save it as CSV",
        vi="{detail}",
        vi_hint=_FRESH_VI + ", giữ nguyên dòng đầu tiên (tên các cột) và lưu dưới dạng CSV",
    ),
    "translation.row": CodeInfo("error", "{detail}", "{hint}", vi="{detail}", vi_hint="{hint}"),
    "translation.file": CodeInfo(
        "error", "{value} cannot be used: {detail}",
        "the file column must name a procedure or form as the exported CSV did (e.g. "
        "procedures/ho-tich/dang-ky-khai-sinh.yml); if the file has a problem, run `guide check` on it first",
        vi="không dùng được {value}: {detail}",
        vi_hint="cột file phải ghi tên tệp thủ tục hoặc tờ khai đúng như tệp CSV đã xuất (ví dụ "
                "procedures/ho-tich/dang-ky-khai-sinh.yml); nếu tệp đó có lỗi, chạy `guide check` cho tệp đó "
                "và sửa trước",
    ),
    "translation.pointer": CodeInfo(
        "error", "{file} has no text at {pointer}",
        "the text was moved or removed after the CSV was made: " + _FRESH + " and copy the translation there",
        vi="{file} không có câu nào ở vị trí {pointer}",
        vi_hint="câu đó đã bị chuyển chỗ hoặc bị xóa sau khi xuất tệp CSV: " + _FRESH_VI + " rồi chép bản dịch sang",
    ),
    "translation.vi-changed": CodeInfo(
        "error", "the Vietnamese of {file} {pointer} changed after the CSV was made: in the CSV '{csv}', now '{now}'",
        "this translation was made for the old text and is not merged: translate the current Vietnamese ("
        + _FRESH + ")",
        vi="câu tiếng Việt của {file} {pointer} đã được sửa sau khi xuất tệp CSV: trong CSV là '{csv}', nay là '{now}'",
        vi_hint="bản dịch này là của câu cũ nên không được đưa vào: hãy dịch câu tiếng Việt hiện tại ("
                + _FRESH_VI + ")",
    ),
    "translation.current-changed": CodeInfo(
        "error", "the {lang} text of {file} {pointer} is not the one in the 'current' column: in the CSV '{csv}', "
        "now '{now}'",
        "someone changed it after the CSV was made, or the 'current' column was edited: write translations only "
        "in the 'translation' column, in a freshly exported CSV",
        vi="bản {lang} của {file} {pointer} khác với cột 'current': trong CSV là '{csv}', nay là '{now}'",
        vi_hint="có người đã sửa bản dịch sau khi xuất tệp CSV, hoặc cột 'current' đã bị sửa: chỉ ghi bản dịch vào "
                "cột 'translation', trên một tệp CSV mới xuất",
    ),
    "translation.duplicate": CodeInfo(
        "error", "row {first} already gives {file} {pointer} ({lang}) a different translation",
        "keep one of the two rows",
        vi="dòng {first} đã có một bản dịch khác cho {file} {pointer} ({lang})",
        vi_hint="chỉ giữ lại một trong hai dòng",
    ),
    "translation.check": CodeInfo(
        "error", "after merging, `guide check` would report {code} at {file}:{line}:{column} {pointer}: {message}",
        "{hint}",
        vi="nếu đưa bản dịch này vào, `guide check` sẽ báo {code} tại {file}:{line}:{column} {pointer}: {message}",
        vi_hint="{hint}",
    ),
}
