"""`guide import`: one national-portal record (JSON, older layout) → a DRAFT procedure YAML.

The 2026 records (procedures/portal/records) are read by generator/upstream/portal.py and mapped by
generator/upstream/portal_map.py; generator/editors/import_run.py runs `guide import` over files and folders of either
layout and writes the drafts with ``render`` below.

Whatever could not be read with certainty gets a ``# TODO(review): ...`` comment in plain
Vietnamese above its line (`guide check` warns for each). Two are always there: ``summary``
(pieced together by the machine) and ``reviewed`` (the import date, not a person's check).
Text is Vietnamese only: the validator's missing en/zh warnings list the translation work.

Record layout: docs/portal-facts-2026.md and procedures/portal/README.md name the fields; the keys inside table rows are our choice.
- ``cach_thuc_thuc_hien``: rows ``{kenh | hinh_thuc, thoi_han, phi_le_phi, mo_ta}`` or scraped
  strings whose cells run together ("Trực tuyến1Miễn phí"); ``mo_ta`` becomes the channel note.
- ``thanh_phan_ho_so``: rows ``{ten_giay_to, mau_don, so_luong, truong_hop}``; ``so_luong`` is
  "Bản chính: 1 - Bản sao: 0"; rows sharing a ``truong_hop`` (case) form one dossier group.
- ``can_cu_phap_ly``: text (one document per line, '; ' or '- '), or a list of texts or of
  rows ``{so_ky_hieu, trich_yeu, ngay_ban_hanh, co_quan_ban_hanh}``.
- other fields are text or lists of text; ``loai_thu_tuc`` has no place in the model.
The YAML is written as text: PyYAML's dumper drops comments, and ruamel.yaml is no dependency.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.upstream import portal_address
from generator.config import load_settings
from generator.upstream.portal_text import one_date
from generator.diagnostics.messages import bi, kind_of
from generator.upstream.portal_cells import (  # noqa: F401 - shared with the cell parsers
    SCHEMA_LINE,
    TODO,
    FIELDS,
    LEVELS,
    NO_INFO,
    NONE_WORDS,
    DOC_TYPES,
    _NUMBER,
    _DATES,
    _ISO_DATE,
    _BULLET,
    _STEP,
    fold,
    slugify,
    clean,
    lines,
    rows,
    no_info,
    vi,
    dong,
    parse_time,
    parse_fee,
    split_row,
)

PROCEDURES = Path(__file__).resolve().parents[2] / "procedures"
_SAFE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: same reading, faster


class RecordError(ValueError):
    """The JSON is not a usable portal record; the message says why, plainly."""


@dataclass
class ImportResult:
    slug: str
    field: str  # folder under procedures/
    text: str  # the YAML file content
    todos: list[str]  # "pointer: what to check", in file order
    code: str = ""
    verbatim_fees: int = 0  # fees whose amount could not be read, kept verbatim for review


# ---------------------------------------------------------------- sections

class Draft:
    """Builds the sections of a draft, collecting TODO messages keyed by JSON pointer."""

    def __init__(self) -> None:
        self.todos: dict[str, list[str]] = {}

    def todo(self, pointer: str, message: str) -> None:
        self.todos.setdefault(pointer, []).append(clean(message))

    def need(self, pointer: str, value: Any, message: str, placeholder: str = "Chưa có thông tin") -> str:
        """The value, or a placeholder and a TODO when the portal gives nothing."""
        if no_info(value):
            self.todo(pointer, message)
            return placeholder
        return clean(value)

    def channels(self, cells: Any) -> dict[str, Any]:
        seen: dict[str, list[tuple[str, str, str, str]]] = {}
        for row in rows(cells):
            key, raw, time, fee, desc = split_row(row)
            if key is None:
                self.todo("/channels", f"Bỏ qua một dòng cách thức thực hiện không rõ kênh: “{raw}”.")
            else:
                if time and re.match(r"[.,]\d", fee):
                    self.todo(f"/channels/{key}",
                              f"Dòng “{clean(row)}” dính liền, không tách chắc được thời hạn và phí.")
                seen.setdefault(key, []).append((raw, time, fee, desc))
        if not seen:
            self.todo("/channels", "Cổng không có cách thức thực hiện đọc được; đã đặt tạm nộp trực tiếp.")
            seen["in_person"] = [("", "", "", "")]
        return {key: self.channel(key, group) for key, group in seen.items()}

    def channel(self, key: str, group: list[tuple[str, str, str, str]]) -> dict[str, Any]:
        p, (raw, time, fee_cell, _) = f"/channels/{key}", group[0]
        out: dict[str, Any] = {"availability": "full"}
        said = fold(" ".join([raw] + [g[3] for g in group]))
        if key == "online" and "mot phan" in said:
            out["availability"] = "partial"
        elif key == "online" and "toan trinh" not in said:
            self.todo(f"{p}/availability", "Cổng không nói dịch vụ trực tuyến là toàn trình hay một phần; đã đặt full.")
        out["processing_time"], notes = parse_time(time)
        for sub, msg in notes:
            self.todo(f"{p}/processing_time/{sub}", msg)
        fee, notes = parse_fee(fee_cell)
        for sub, msg in notes:
            self.todo(f"{p}/fees/0" + (f"/{sub}" if sub else ""), msg)
        descs = [g[3] for g in group if g[3] and not no_info(g[3])]
        # Same channel, different fees: usually one row per office. Keep one, list them all.
        amounts = [parse_fee(g[2])[0].get("amount") for g in group]
        if len(set(amounts)) > 1:
            shown = "; ".join((f"“{g[2]}”" if a is None else dong(a)) + (f" ({g[3]})" if g[3] else "")
                              for a, g in zip(amounts, group, strict=True))
            fee.update(uncertain=True, note=vi(f"Cổng ghi nhiều mức phí cho cùng kênh này (tùy nơi nộp?): {shown}."))
            self.todo(f"{p}/fees/0/uncertain", f"Cùng một kênh có nhiều dòng với mức phí khác nhau: {shown}. "
                                               "Kiểm tra mức đúng.")
            descs = []  # the offices are named in the fee note
        if len({g[1] for g in group}) > 1:
            self.todo(f"{p}/processing_time", "Cùng một kênh có nhiều dòng với thời hạn khác nhau: "
                      + "; ".join(f"“{g[1]}”" for g in group) + "; đã giữ dòng đầu.")
        out["fees"] = [fee]
        if descs:
            out["note"] = vi(" ".join(dict.fromkeys(descs)))
        return out

    def dossier(self, cells: Any) -> list[dict[str, Any]]:
        groups: dict[str, dict[str, Any]] = {}
        for row in (r if isinstance(r, dict) else {"ten_giay_to": r} for r in rows(cells)):
            name, case = clean(row.get("ten_giay_to")), clean(row.get("truong_hop"))
            case = "" if no_info(case) else case
            if no_info(name):
                continue
            if case not in groups:
                gid = "-".join(re.sub(r"^(truong-hop|neu)-", "", slugify(case)).split("-")[:5]) or "all"
                while gid in [g["id"] for g in groups.values()]:
                    gid += "-2"
                groups[case] = {"id": gid, "case": vi(case or "Mọi trường hợp"), "documents": []}
            docs = groups[case]["documents"]
            doc: dict[str, Any] = {"name": vi(name)}
            count = fold(clean(row.get("so_luong")))
            found = {k: re.search(rf"{w}\D{{0,3}}(\d+)", count) for k, w in (("originals", "ban chinh"),
                                                                            ("copies", "ban sao"))}
            here = f"/dossier/{list(groups).index(case)}/documents/{len(docs)}"
            for key, m in found.items():
                if m and int(m.group(1)):  # 0 is the model's default: leave it out
                    doc[key] = min(int(m.group(1)), 20)
                    if int(m.group(1)) > 20:
                        self.todo(f"{here}/{key}", f"Cổng ghi {m.group(1)} bản, quá 20; đã đặt 20.")
            if not any(found.values()):
                doc["originals"] = 1
                self.todo(f"{here}/originals",
                          f"Không đọc được số lượng “{clean(row.get('so_luong'))}”; đã đặt 1 bản chính.")
            if not no_info(row.get("mau_don")):
                doc["form"] = clean(row.get("mau_don"))
            docs.append(doc)
        if not groups:
            self.todo("/dossier", "Cổng không có thành phần hồ sơ đọc được; điền danh sách giấy tờ.")
            return [{"id": "all", "case": vi("Mọi trường hợp"),
                     "documents": [{"name": vi("Chưa có thông tin"), "originals": 1}]}]
        return list(groups.values())

    def steps(self, value: Any) -> list[dict[str, Any]]:
        text = unicodedata.normalize("NFC", str(value or "")).replace("\r", "\n")
        blocks: list[list[str]] = []
        if isinstance(value, list):
            blocks = [[s] for s in lines(value)]
        elif _STEP.search(text):  # "Bước 1: …": everything up to the next "Bước" is one step
            for chunk in _STEP.split(text):
                block = lines(re.sub(r"^\s*Bước\s*\d+\s*[:.)–-]\s*", "", chunk, flags=re.IGNORECASE))
                if block and not (len(block) == 1 and block[0].endswith(":")):  # skip a heading
                    blocks.append(block)
        elif not no_info(value):  # one step per line or "- "; "+ " adds detail to the step before
            for part in re.split(r"\n|(?<=[.:;!?])\s*(?=[-–•+]\s)", text):
                item = clean(_BULLET.sub("", part, count=1))
                if item and part.strip().startswith("+") and blocks:
                    blocks[-1].append(item)
                elif item:
                    blocks.append([item])
        if not blocks:
            self.todo("/steps", "Cổng không có trình tự thực hiện đọc được; viết các bước.")
            blocks = [["Nộp hồ sơ tại cơ quan giải quyết"]]
        return [{"title": vi(b[0]), **({"detail": vi(" ".join(b[1:]))} if b[1:] else {})} for b in blocks]

    def legal(self, value: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for row in rows(value):
            p = f"/legal_basis/{len(out)}"
            if isinstance(row, dict):
                title = text = clean(row.get("trich_yeu"))
                number = clean(row.get("so_ky_hieu")) or next(iter(re.findall(_NUMBER, text)), "")
                date, issuer = one_date(clean(row.get("ngay_ban_hanh"))), clean(row.get("co_quan_ban_hanh"))
            else:
                text, issuer = clean(_BULLET.sub("", clean(row))), ""
                if no_info(text) or text.endswith(":"):
                    continue  # a heading such as "Căn cứ pháp lý:"
                number = m.group(0) if (m := re.search(_NUMBER, text)) else ""
                date = one_date(text)
                # The title is the sentence without "số <number>" and the date.
                title = re.sub(r"(?:(?<!\w)[Ss]ố\s*)?" + _NUMBER, "", text, count=1)
                spans = [m.span() for pat in (*_DATES, _ISO_DATE) for m in pat.finditer(fold(title))]
                title = "".join(ch for i, ch in enumerate(title) if not any(a <= i < b for a, b in spans))
            title = clean(title).strip(" ,;:-–.")
            item: dict[str, Any] = {"number": number or "chưa rõ", "title": vi(title or f"Văn bản {number}")}
            if not number:
                self.todo(f"{p}/number", f"Không tìm thấy số hiệu văn bản trong “{text}”.")
            elif fold(title) in DOC_TYPES | {""}:
                self.todo(f"{p}/title", "Cổng chỉ ghi loại và số hiệu văn bản; điền tên đầy đủ.")
            if not no_info(issuer):
                item["issuer"] = vi(issuer)
            if date:
                item["date"] = date
            out.append(item)
        if not out:
            self.todo("/legal_basis", "Cổng không có căn cứ pháp lý đọc được; điền ít nhất một văn bản.")
            out = [{"number": "chưa rõ", "title": vi("Chưa có thông tin")}]
        return out

    def level(self, value: Any) -> str:
        found: list[tuple[str, str]] = []
        for part in re.split(r"[,;\n]| và ", "\n".join(lines(value))):
            f = fold(part).strip(" .")
            if hit := next((lv for word, lv in LEVELS if f == word or f.startswith(word + " ")), None):
                found.append((part.strip(), hit))
            elif f not in NO_INFO:
                self.todo("/level", f"Bỏ qua “{part.strip()}” trong cấp thực hiện: không phải xã, tỉnh hay trung ương.")
        if not found:
            self.todo("/level", f"Không đọc được cấp thực hiện “{clean(value)}”; đã đặt commune.")
            return "commune"
        if any("huyen" in fold(raw) for raw, _ in found):
            self.todo("/level", "Cổng ghi “Cấp Huyện”, nhưng cấp huyện đã bỏ từ 01/07/2025; đã đổi thành cấp xã "
                                "(commune). Kiểm tra thủ tục nay do xã hay tỉnh giải quyết.")
        levels = list(dict.fromkeys(lv for _, lv in found))
        if len(levels) > 1:
            self.todo("/level", f"Cổng ghi nhiều cấp ({', '.join(r for r, _ in found)}); đã chọn {levels[0]}.")
        return levels[0]

    def field(self, value: Any) -> str:
        name = clean(value)
        if key := FIELDS.get(fold(name).strip(" .")):
            return key
        key = slugify(name) or "chua-ro"
        self.todo("/field", f"Lĩnh vực “{name}” chưa có trong danh sách; đã đặt “{key}”. "
                            "Thêm khóa này vào procedures/taxonomy.yml, hoặc chọn một lĩnh vực có sẵn.")
        return key


def split_people(text: str) -> list[str]:
    """ "Công dân Việt Nam, Người nước ngoài" → two; "Cán bộ, công chức" stays one."""
    out: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if out and part and not part[0].isupper():
            out[-1] += ", " + part
        elif part:
            out.append(part)
    return out


# ---------------------------------------------------------------- record

def import_record(record: dict[str, Any], today: dt.date | None = None) -> ImportResult:
    """One portal record (older layout) → draft YAML text. Raises RecordError when it is not a record."""
    data, todos, title = old_draft(record, today)
    text, lines_ = render(data, todos, title)
    return ImportResult(slug=data["slug"], field=data["field"], text=text, todos=lines_, code=data["code"])


def old_draft(record: dict[str, Any], today: dt.date | None = None,
              procedures: Path | None = None) -> tuple[dict[str, Any], dict[str, list[str]], str]:
    """A record of the older layout → (procedure data, TODOs by pointer, title for the header comment)."""
    if not isinstance(record, dict):
        raise RecordError(bi(vi="cần một bản ghi (một đối tượng JSON {{ … }}), nhưng tệp chứa {found}",
                             en="expected one record (a JSON object), found {found}", found=kind_of(record)))
    for key in ("ma_thu_tuc", "ten_thu_tuc"):
        if no_info(record.get(key)):
            raise RecordError(bi(vi="bản ghi không có {key}; đây có phải bản ghi thủ tục của Cổng không?",
                                 en="the record has no {key}; is this a procedure record from the portal?", key=key))
    d = Draft()
    raw_code = record["ma_thu_tuc"]
    # A JSON number loses trailing zeros (1.000810 → 1.00081): pad it back, but flag it.
    code = f"{raw_code:.6f}" if isinstance(raw_code, float) else clean(raw_code)
    if not (m := re.match(r"(\d\.\d{6})(?!\d)", code)):
        raise RecordError(bi(vi="ma_thu_tuc '{code}' không phải mã thủ tục dạng 1.001193",
                             en="ma_thu_tuc '{code}' is not a procedure code like 1.001193", code=code))
    if code != m.group(1) or isinstance(raw_code, float):  # e.g. a local variant 1.000894.000.00.00.H12
        d.todo("/code", f"Mã trên Cổng là “{raw_code}”; đã lấy “{m.group(1)}”.")
    name = clean(record["ten_thu_tuc"])
    if not (slug := slugify(name)):
        raise RecordError(bi(vi="không tạo được tên tệp từ ten_thu_tuc '{name}'",
                             en="ten_thu_tuc '{name}' gives no usable file name", name=name))
    result = d.need("/result", record.get("ket_qua_xu_ly"), "Cổng không có kết quả; điền giấy tờ người dân nhận được.")
    data: dict[str, Any] = {"code": m.group(1), "slug": slug, "name": vi(name),
                            "summary": vi(f"{name}. Kết quả: {result}.".replace("..", "."))}
    d.todo("/summary", "Tóm tắt do máy ghép từ tên và kết quả; viết lại một hai câu dễ hiểu cho người dân.")
    data["level"] = d.level(record.get("cap_thuc_hien"))
    data["field"] = d.field(record.get("linh_vuc"))
    agency = record.get("co_quan_thuc_hien")
    if no_info(agency) and not no_info(record.get("co_quan_co_tham_quyen")):
        agency = record.get("co_quan_co_tham_quyen")
        d.todo("/agency", "Cổng không ghi cơ quan thực hiện; đã dùng cơ quan có thẩm quyền.")
    data["agency"] = vi(d.need("/agency", agency, "Cổng không ghi cơ quan thực hiện; điền cơ quan nhận hồ sơ."))
    who = record.get("doi_tuong_thuc_hien")
    people = [] if no_info(who) else [a for item in lines(who) for a in split_people(item)]
    data["applicants"] = [vi(a) for a in people] or [
        vi(d.need("/applicants", "", "Cổng không ghi đối tượng thực hiện; điền ai được làm thủ tục."))]
    data["channels"] = d.channels(record.get("cach_thuc_thuc_hien"))
    data["dossier"] = d.dossier(record.get("thanh_phan_ho_so"))
    data["steps"] = d.steps(record.get("trinh_tu_thuc_hien"))
    data["result"] = vi(result)
    cond = record.get("yeu_cau_dieu_kien")
    if no_info(cond):  # unlike "Không" (none), this may hide a real condition
        data["conditions"] = []
        d.todo("/conditions", "Cổng không có thông tin về yêu cầu, điều kiện; kiểm tra trong văn bản pháp luật.")
    elif fold(clean(cond)).strip(" .") not in NONE_WORDS:
        data["conditions"] = [vi(c) for c in lines(cond)]
    data["legal_basis"] = d.legal(record.get("can_cu_phap_ly"))
    url = clean(record.get("detail_url"))
    # Old "...?ma_thu_tuc=" pages answer 404: the record id from procedures/portal/catalog.jsonl replaces them.
    new = portal_address.address(m.group(1), procedures or PROCEDURES)
    if no_info(url) or portal_address.old_addresses(url):
        why = "có địa chỉ cũ (không còn mở được)" if url and not no_info(url) else "không có detail_url"
        if new:
            url = data["online_url"] = new
            d.todo("/source/url", f"Bản ghi {why}; đã lấy địa chỉ mới theo mã trong procedures/portal/catalog.jsonl.")
        else:
            url = portal_address.BASE.rsplit("/", 2)[0]
            d.todo("/source/url", f"Bản ghi {why} và mã không có trong procedures/portal/catalog.jsonl; "
                                  "đã đặt trang chủ Cổng. Điền địa chỉ trang thủ tục.")
    elif load_settings(PROCEDURES.parent).url_problem(url) is None:  # the one rule for QR targets (config.py)
        data["online_url"] = url
    else:
        d.todo("/source/url", "Địa chỉ bản ghi không phải https trên *.gov.vn; không dùng được cho mã QR.")
    decision = d.need("/source/decision", record.get("so_quyet_dinh"),
                      "Cổng không ghi số quyết định công bố; điền số quyết định.", "chưa rõ")
    data["source"] = {"url": url, "decision": decision}
    data["reviewed"] = today or dt.date.today()
    d.todo("/reviewed", "Đây là ngày nhập tự động, không phải ngày kiểm tra. Một người phải đối chiếu "
                        "với Cổng trước khi xuất bản, rồi mới ghi ngày kiểm tra.")
    return data, d.todos, f"{name} ({m.group(1)})"


# ---------------------------------------------------------------- YAML text

def scalar(value: Any) -> str:
    """One YAML value; text is quoted whenever YAML 1.1 could read it as something else."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    text = str(value)
    try:  # PyYAML resolves like YAML 1.1: "1.001193" is a float, "no" a bool, "1:30" a number
        same = yaml.load(text, Loader=_SAFE) == text
    except yaml.YAMLError:
        same = False
    numeric = re.fullmatch(r"[-+]?(\.?\d[\w.:+-]*|\.(inf|nan))", text, re.IGNORECASE)  # "08" is 8 in YAML 1.2
    plain = (same and text and not numeric and text[0] not in "-?:,[]{}#&*!|>'\"%@`"
             and ": " not in text and " #" not in text and not text.endswith(":"))
    return text if plain else json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def render(data: dict[str, Any], todos: dict[str, list[str]], title: str) -> tuple[str, list[str]]:
    """Block-style YAML with each pointer's TODOs on the lines above it."""
    out = [SCHEMA_LINE, f"# Bản nháp do `guide import` tạo ngày {data['reviewed']} từ bản ghi {title}."]
    used: list[str] = []

    def emit(value: Any, pointer: str, indent: int) -> None:
        pad = " " * indent
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            p = f"{pointer}/{key}"
            for message in todos.get(p, []):
                out.append(pad + TODO + message)
                used.append(f"{p}: {message}")
            lead = f"{pad}{key}:" if isinstance(value, dict) else f"{pad}-"
            if isinstance(item, dict) and isinstance(value, list):
                start = len(out)
                emit(item, p, indent + 2)  # the first key goes on the dash line, its TODOs above it
                first = next(i for i in range(start, len(out)) if not out[i].lstrip().startswith("#"))
                out[start:first] = [pad + line.lstrip() for line in out[start:first]]
                out[first] = f"{pad}- " + out[first].lstrip()
            elif isinstance(item, (dict, list)) and item:
                out.append(lead)
                emit(item, p, indent + 2)
            else:
                out.append(f"{lead} {'[]' if item == [] else scalar(item)}")

    emit(data, "", 0)
    left = [f"{p}: {m}" for p, ms in todos.items() for m in ms if f"{p}: {m}" not in used]
    out[2:2] = [TODO + line for line in left]  # a pointer with no line of its own: say so at the top
    return "\n".join(out) + "\n", left + used


def read_record(path: Path) -> dict[str, Any]:
    """One record from a JSON file holding the record itself or ``{"data": record}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read the file as UTF-8 text ({exc})") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if isinstance(data, dict) and "data" in data and "ma_thu_tuc" not in data:
        data = data["data"]
    if not isinstance(data, dict):
        raise RecordError(f"{path}: expected one record (a JSON object), found {type(data).__name__}")
    return data


def import_file(path: Path, out_dir: Path, today: dt.date | None = None) -> Path:
    """Write ``out_dir/<field>/<slug>.yml`` and return its path; never overwrites a file."""
    try:
        result = import_record(read_record(path), today)
    except RecordError as exc:
        raise RecordError(str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}") from None
    target = out_dir / result.field / f"{result.slug}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as fh:  # "x": refuse an existing file
            fh.write(result.text)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists; not overwriting it (move or delete it first)") from None
    return target
