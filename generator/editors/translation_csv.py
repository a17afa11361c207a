"""Reading the CSV a translator sends back, however the spreadsheet saved it.

Excel in a Vietnamese locale saves "CSV UTF-8" with a byte-order mark, `;`
between cells and CRLF at the ends of rows; LibreOffice and Google Sheets use
`,`; "Unicode Text" is UTF-16 with tabs. The separator is taken from the
header row (the one that yields our column names), never guessed from the
data. Positions are rows as a spreadsheet shows them (the header is row 1),
so a message points at what the editor sees, even when a cell holds line breaks.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass

from generator.diagnostics.errors import Issue, bi, make_issue
from generator.diagnostics.messages import Bi, Text

COLUMNS = ("file", "code", "pointer", "lang", "status", "vi", "current", "translation")
REQUIRED = ("file", "pointer", "lang", "vi", "translation")
SEPARATORS = (";", ",", "\t")
_NAMES = {";": "';'", ",": "','", "\t": bi(vi="dấu tab", en="tab")}


@dataclass(frozen=True)
class Row:
    number: int  # the row as a spreadsheet shows it; the header is row 1
    cells: dict[str, str]  # column name -> text, line breaks as \n, Unicode NFC

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass(frozen=True)
class Sheet:
    name: str  # the CSV file as the editor named it
    columns: dict[str, int]  # column name -> column number, from 1
    rows: list[Row]
    separator: str

    def issue(self, code: str, row: Row, column: str, /, hint: Text | None = None, **params: object) -> Issue:
        """An issue at a cell: file:row:column, with the table-style pointer /<row>/<column name>."""
        return make_issue(code, self.name, row.number, self.columns.get(column, 1), f"/{row.number}/{column}",
                          hint=hint, **params)


def _clean(cell: str) -> str:
    # Excel writes Alt+Enter as LF inside CRLF rows; old Mac tools write CR. Accents may come decomposed.
    return unicodedata.normalize("NFC", cell.replace("\r\n", "\n").replace("\r", "\n"))


def decode(raw: bytes, name: str) -> tuple[str | None, list[Issue]]:
    """The text of the file: UTF-8 with or without a BOM, or UTF-16 with a BOM (Excel's "Unicode Text")."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [make_issue("translation.encoding", name, 1, 1, "", reason=f"UTF-16: {exc.reason}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        return None, [make_issue("translation.encoding", name, line, column, "",
                                 reason=bi(vi="byte 0x{b:02x} không thuộc bảng mã UTF-8",
                                           en="byte 0x{b:02x} is not UTF-8", b=raw[exc.start]))]


def _header(first_line: str) -> tuple[str, list[str]]:
    """The separator that turns the first line into the most of our column names, and those names."""
    best: tuple[int, str, list[str]] = (-1, ",", [])
    for sep in SEPARATORS:
        names = [c.strip().lower() for c in next(csv.reader([first_line], delimiter=sep), [])]
        known = sum(1 for n in names if n in COLUMNS)
        if known > best[0]:
            best = (known, sep, names)
    return best[1], best[2]


def read_sheet(raw: bytes, name: str) -> tuple[Sheet | None, list[Issue]]:
    text, issues = decode(raw, name)
    if text is None:
        return None, issues
    first_line = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    sep, names = _header(first_line)
    found: str | Bi = ", ".join(n for n in names if n) or bi(vi="không có cột nào", en="nothing")
    missing = ", ".join(c for c in REQUIRED if c not in names)
    if missing:
        return None, [make_issue("translation.csv", name, 1, 1, "/1", detail=bi(
            vi="dòng đầu tiên thiếu cột {missing} (đang có: {found})",
            en="the first row lacks the column(s) {missing} (found: {found})", missing=missing, found=found))]
    twice = ", ".join(sorted({n for n in names if n and names.count(n) > 1}))
    if twice:
        return None, [make_issue("translation.csv", name, 1, 1, "/1", detail=bi(
            vi="cột {twice} có hai lần ở dòng đầu tiên", en="the column(s) {twice} appear twice in the first row",
            twice=twice))]
    columns = {n: i for i, n in enumerate(names, start=1) if n}
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=sep, strict=True)
    rows: list[Row] = []
    number, line = 0, 1  # the spreadsheet row, and the file line it starts on
    try:
        for cells in reader:
            number, line = number + 1, reader.line_num + 1
            if number == 1:
                continue
            extra = [c for c in cells[len(names):] if c.strip()]
            if extra:
                issues.append(make_issue(
                    "translation.csv", name, number, len(names) + 1, f"/{number}", detail=bi(
                        vi="dòng này có {n} ô nhưng dòng tên cột chỉ có {m} (dấu phân cách {sep})",
                        en="this row has {n} cells but the header has {m} (separator {sep})",
                        n=len(cells), m=len(names), sep=_NAMES[sep])))
                continue
            if not any(c.strip() for c in cells):
                continue  # spreadsheets leave empty rows at the end
            values = {n: _clean(cells[i - 1]) if i <= len(cells) else "" for n, i in columns.items()}
            rows.append(Row(number, values))
    except csv.Error as exc:
        # A quote that never closes swallows the rest of the file: name the line where its row starts.
        return None, [make_issue("translation.csv", name, number + 1, 1, f"/{number + 1}", detail=bi(
            vi="không đọc được dòng {row} (dòng {line} của tệp) theo dạng CSV ({exc}); có lẽ một ô mở dấu "
               "ngoặc kép (\") mà không đóng lại",
            en="row {row} (line {line} of the file) cannot be read as CSV ({exc}); a cell probably opens a "
               "quote (\") that never closes", row=number + 1, line=line, exc=str(exc)))]
    return Sheet(name, columns, rows, sep), issues
