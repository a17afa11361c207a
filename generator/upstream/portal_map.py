"""Rules that map a 2026 portal record to our Procedure layout (used by ``generator.upstream.portal.map_record``).

Principle: what cannot be read is kept verbatim and marked for review (a TODO by JSON pointer, in
Vietnamese), never dropped, and never replaced by a statement that the portal gives nothing. When
the record itself lacks a required part, the placeholder says that the *record* lists none.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from generator.content.model import Category
from generator.upstream.portal import ExecutionMethod, Mapped, PortalFee, PortalRecord
from generator.upstream.portal_text import (
    capitalised, case_name, document_number, lines_of, money, number_text, one_date, one_line,
    says_free, short_slug, split_steps, tidy, unmark, without_thu_tuc,
)
from generator.content.textfold import fold, slugify

CHANNEL = {"DIRECT": "in_person", "ONLINE": "online", "POSTAL": "postal"}
CHANNEL_VI = {"in_person": "nộp trực tiếp", "online": "nộp trực tuyến", "postal": "nộp qua bưu chính"}
UNIT = {"WORKING_DAY": "working_day", "DAY": "day", "HOUR": "hour"}
UNIT_VI = {"WORKING_DAY": "ngày làm việc", "DAY": "ngày", "HOUR": "giờ", "MONTH": "tháng", "OTHER": ""}
FEE_NAME = {"FEE": "Phí", "SERVICE_FEE": "Lệ phí", "PRICE_LEVEL": "Mức giá"}  # as the descriptions read
TIME_WORDS = {"ngay lam viec": "working_day", "ngay": "day", "gio": "hour"}
_TIME_WORDS = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(ngay lam viec|ngay|gio)(?![a-z])")
MAX_AMOUNT, MAX_COUNT = 100_000_000, 20
WARD_AGENCY = "Ủy ban nhân dân cấp xã"


def vi(text: str) -> dict[str, str]:
    return {"vi": text}


def said(value: float | int | str | None, unit: str) -> str:
    """A record time as written: "7 ngày làm việc", "Theo mô tả"."""
    if isinstance(value, (int, float)):
        return f"{number_text(value)} {UNIT_VI.get(unit, unit.lower())}".strip()
    return one_line(value) or "(trống)"


class Mapper:
    def __init__(self, record: PortalRecord, fields: Mapping[str, Category]) -> None:
        self.r, self.fields = record, fields
        self.todos: dict[str, list[str]] = {}
        self.placeholders: list[str] = []
        self.verbatim_fees = 0

    def todo(self, pointer: str, message: str) -> None:
        self.todos.setdefault(pointer, []).append(" ".join(message.split()))

    def placeholder(self, pointer: str, message: str) -> None:
        self.placeholders.append(pointer)
        self.todo(pointer, message)

    # ------------------------------------------------------------ the whole record

    def run(self, today: dt.date) -> Mapped:
        r = self.r
        name = without_thu_tuc(one_line(r.name))
        code = r.code.strip()
        if not re.fullmatch(r"\d\.\d{6}", code):
            self.todo("/code", f"Mã trên Cổng là “{code}”, không có dạng 1.234567; sửa trước khi xuất bản.")
        data: dict[str, Any] = {"code": code, "slug": short_slug(name) or short_slug(f"thu tuc {code}"),
                                "name": vi(name)}
        agency, result = self.agency(), self.result()
        data["summary"] = vi(f"{agency.rstrip(' .;')} giải quyết thủ tục này. Kết quả: {result.rstrip(' .;')}.")
        self.todo("/summary", "Tóm tắt do máy ghép từ cơ quan giải quyết và kết quả trên Cổng; "
                              "viết lại một hai câu dễ hiểu cho người dân.")
        data["level"] = self.level()
        data["field"] = self.field()
        data["agency"] = vi(agency)
        data["applicants"] = self.applicants()
        data["channels"] = self.channels()
        data["dossier"] = self.dossier()
        data["steps"] = self.steps()
        data["result"] = vi(result)
        data["conditions"] = self.conditions()
        data["legal_basis"] = self.legal()
        data["online_url"] = r.url
        decision = one_line(r.procedureProposal.proposalNumber if r.procedureProposal else "")
        if not decision:
            self.placeholder("/source/decision", "Bản ghi không có số quyết định công bố (proposalNumber); "
                                                 "tìm quyết định công bố thủ tục rồi điền.")
        data["source"] = {"url": r.url, "decision": decision or "chưa rõ"}
        data["reviewed"] = today
        self.todo("/reviewed", "Đây là ngày nhập tự động, không phải ngày kiểm tra. Một người phải đối chiếu "
                               "với Cổng trước khi xuất bản, rồi mới ghi ngày kiểm tra.")
        return Mapped(data, self.todos, r, self.placeholders, self.verbatim_fees)

    def level(self) -> str:
        r = self.r
        if r.isWard:
            if r.isProvince:
                self.todo("/level", "Bản ghi đánh dấu cả cấp xã và cấp tỉnh; đã chọn cấp xã (commune).")
            return "commune"
        if r.isProvince:
            return "province"
        if r.isMinistry:
            return "central"
        if r.isOtherAgency or r.isVertical:
            self.todo("/level", "Bản ghi ghi “cơ quan khác” (ví dụ cơ quan đại diện ở nước ngoài), không ghi "
                                "cấp xã hay tỉnh; đã đặt central. Kiểm tra.")
            return "central"
        self.todo("/level", "Bản ghi không đánh dấu cấp thực hiện nào; đã đặt province. Kiểm tra.")
        return "province"

    def field(self) -> str:
        by_code = {c: key for key, cat in self.fields.items() for c in cat.portal_categories}
        cats = [c for c in self.r.categoriesDetails if c.code or c.name]
        keys = [by_code[c.code] for c in cats if c.code in by_code]
        if keys:
            if len(set(keys)) > 1:
                self.todo("/field", f"Bản ghi thuộc nhiều lĩnh vực ({', '.join(dict.fromkeys(keys))}); "
                                    f"đã chọn {keys[0]}.")
            return keys[0]
        if not cats:
            self.todo("/field", "Bản ghi không ghi lĩnh vực; chọn một lĩnh vực trong procedures/taxonomy.yml.")
            return "chua-ro"
        key = slugify(one_line(cats[0].name)) or slugify(cats[0].code) or "chua-ro"
        self.todo("/field", f"Lĩnh vực “{one_line(cats[0].name)}” (mã {cats[0].code}) chưa gắn với lĩnh vực nào "
                            f"trong procedures/taxonomy.yml; đã đặt “{key}”. Thêm mã vào portal_categories "
                            "của một lĩnh vực, hoặc thêm lĩnh vực mới.")
        return key

    def agency(self) -> str:
        r = self.r
        names = [one_line(u.name) for u in r.unitGroupsExecuting if one_line(u.name)]
        if names:
            return "; ".join(dict.fromkeys(names))
        names = [one_line(d.name) for d in r.departmentsExecuting if one_line(d.name)] or (
            [one_line(r.executingAgencies)] if one_line(r.executingAgencies) else [])
        if names:
            shown = "; ".join(dict.fromkeys(names))
            self.todo("/agency", "Bản ghi không có nhóm cơ quan thực hiện; đã chép tên cơ quan thực hiện "
                                 "(có thể là cơ quan của một tỉnh). Viết tên chung cho mọi nơi.")
            return shown
        if r.isWard:
            self.todo("/agency", f"Bản ghi không ghi cơ quan thực hiện; đã đặt “{WARD_AGENCY}” vì thủ tục "
                                 "do cấp xã giải quyết. Kiểm tra.")
            return WARD_AGENCY
        self.placeholder("/agency", "Bản ghi không ghi cơ quan thực hiện; điền cơ quan nhận hồ sơ.")
        return "Bản ghi trên Cổng không ghi cơ quan thực hiện"

    def result(self) -> str:
        names = [one_line(x.name) for x in self.r.resultsDetails if one_line(x.name)]
        if not names:
            self.placeholder("/result", "Bản ghi không ghi kết quả; điền giấy tờ người dân nhận được.")
            return "Bản ghi trên Cổng không ghi kết quả"
        return "; ".join(dict.fromkeys(names))

    def applicants(self) -> list[dict[str, str]]:
        names = list(dict.fromkeys(one_line(x.name) for x in self.r.subjectTypesDetails if one_line(x.name)))
        if not names:
            self.placeholder("/applicants", "Bản ghi không ghi đối tượng thực hiện; điền ai được làm thủ tục.")
            names = ["Bản ghi trên Cổng không ghi đối tượng thực hiện"]
        return [vi(n) for n in names]

    def conditions(self) -> list[dict[str, str]]:
        items = [unmark(line) for line in lines_of(self.r.requirementsAndConditions)]
        if not [i for i in items if i]:
            self.todo("/conditions", "Bản ghi không ghi yêu cầu, điều kiện; kiểm tra trong văn bản pháp luật.")
        return [vi(i) for i in items if i]

    # ------------------------------------------------------------ channels

    def channels(self) -> dict[str, Any]:
        groups: dict[str, list[ExecutionMethod]] = {}
        for m in self.r.executionMethods:
            key = CHANNEL.get(m.submissionMethod.strip().upper())
            if key is None:
                time = said(m.processingTime, m.processingTimeUnit)
                self.todo("/channels", f"Bản ghi có cách thực hiện “{m.submissionMethod}” ({time}; "
                          f"{one_line(m.description)}) không thuộc trực tiếp, trực tuyến hay bưu chính; chưa đưa vào.")
                continue
            groups.setdefault(key, []).append(m)
        if not groups:
            self.placeholder("/channels", "Bản ghi không ghi cách thức thực hiện đọc được; đã đặt tạm nộp trực "
                                          "tiếp. Điền thời hạn và phí.")
            return {"in_person": {"availability": "full", "processing_time": {"note": vi(
                "Bản ghi trên Cổng không ghi cách thức thực hiện.")}, "fees": [{"uncertain": True, "note": vi(
                    "Bản ghi trên Cổng không ghi phí, lệ phí.")}]}}
        return {key: self.channel(key, groups[key]) for key in ("in_person", "online", "postal") if key in groups}

    def channel(self, key: str, methods: list[ExecutionMethod]) -> dict[str, Any]:
        p = f"/channels/{key}"
        out: dict[str, Any] = {"availability": "full"}
        if key == "online" and not self.r.isFullProcess:
            out["availability"] = "partial"
            self.todo(f"{p}/availability", "Bản ghi không đánh dấu dịch vụ trực tuyến toàn trình (isFullProcess); "
                                           "đã đặt partial. Kiểm tra bước nào còn phải đến nơi.")
        times = [self.time(m, f"{p}/processing_time") for m in methods]
        if len({repr(t[0]) for t in times}) == 1:
            out["processing_time"] = times[0][0]
        else:
            listed = "; ".join(f"{i + 1}) {said(m.processingTime, m.processingTimeUnit)}"
                               for i, m in enumerate(methods))
            out["processing_time"] = {"note": vi(f"Bản ghi có {len(methods)} dòng {CHANNEL_VI[key]} với thời hạn "
                                                 f"khác nhau: {listed}. Trường hợp áp dụng ở phần ghi chú.")}
            self.todo(f"{p}/processing_time", "Cùng một kênh có nhiều thời hạn theo trường hợp; chưa chọn một. "
                                              "Viết lại theo từng trường hợp trong note.")
        for message in dict.fromkeys(m for _, ms in times for m in ms):
            self.todo(f"{p}/processing_time", message)
        out["fees"] = self.fees(p, methods)
        descs = [tidy(m.description) for m in methods]
        if len(methods) > 1 and len(set(descs)) > 1:
            note = "\n".join(f"{i + 1}) {said(m.processingTime, m.processingTimeUnit)}: {d or '(không mô tả)'}"
                             for i, (m, d) in enumerate(zip(methods, descs, strict=True)))
        else:
            note = "\n".join(dict.fromkeys(d for d in descs if d))
        if note:
            out["note"] = vi(note)
        return out

    def time(self, m: ExecutionMethod, p: str) -> tuple[dict[str, Any], list[str]]:
        """One method's time → Duration data and TODO messages; the record's words stay in the note."""
        value, unit = m.processingTime, m.processingTimeUnit.strip().upper()
        if isinstance(value, str) and re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*", value):
            value = float(value.replace(",", "."))
        if unit in UNIT and isinstance(value, (int, float)) and 0 < value <= 365:
            return {"value": _num(value), "unit": UNIT[unit]}, []
        written = said(m.processingTime, unit)
        if unit != "OTHER":
            return ({"note": vi(f"Cổng ghi thời hạn: {written}.")},
                    [f"Không đọc được thời hạn “{written}” (đơn vị {unit or 'trống'}); đã chép vào note."])
        days = list(dict.fromkeys((c.processingDay.qty, c.processingDay.type.strip().upper(),
                                   one_line(c.name) + (f" ({one_line(c.code)})" if one_line(c.code) else ""))
                                  for c in self.r.cases if c.processingDay and c.processingDay.qty))
        kinds = {(q, t) for q, t, _ in days}
        numeric = isinstance(value, (int, float))
        extra = f"Cổng ghi thời hạn: {written}" + (" (đơn vị “khác”)." if numeric else ".")
        if len(kinds) == 1:
            q, t = next(iter(kinds))
            if t in UNIT and 0 < q <= 365:
                out: dict[str, Any] = {"value": _num(q), "unit": UNIT[t]}
                if not (numeric and value == q):
                    out["note"] = vi(extra)
                return out, ["Thời hạn lấy từ trường hợp giải quyết của bản ghi (cases) vì cách thực hiện ghi "
                             "đơn vị “khác”; kiểm tra."]
        if days:
            listed = "; ".join(f"{n or 'trường hợp ' + str(i + 1)}: {said(q, t)}" for i, (q, t, n) in enumerate(days))
            note = " ".join(x for x in (extra, f"Theo từng trường hợp: {listed}.") if x)
            return {"note": vi(note)}, ["Các trường hợp của bản ghi có thời hạn khác nhau; chép đủ vào note. "
                                        "Viết lại theo từng trường hợp."]
        found = {(float(v.replace(",", ".")), u) for v, u in _TIME_WORDS.findall(fold(written))}
        if len(found) == 1 and "+" not in written and 0 < (v_u := found.pop())[0] <= 365:
            return ({"value": _num(v_u[0]), "unit": TIME_WORDS[v_u[1]], "note": vi(extra)},
                    [f"Thời hạn đọc từ chữ “{written}” (đơn vị “khác”); kiểm tra, toàn văn ở note."])
        return ({"note": vi(extra)},
                [f"Không đọc được thời hạn “{written}”; đã chép nguyên văn vào note. Điền value và unit nếu được."])

    def fees(self, p: str, methods: list[ExecutionMethod]) -> list[dict[str, Any]]:
        seen: dict[tuple[Any, ...], PortalFee] = {}
        for m in methods:
            for f in m.fees:
                seen.setdefault((f.type, f.value, tidy(f.description), f.currencyName), f)
        if not seen:
            self.todo(f"{p}/fees/0", "Bản ghi không liệt kê phí, lệ phí nào cho cách nộp này; kiểm tra có thu "
                                     "hay không rồi điền amount (0 nếu miễn phí).")
            self.verbatim_fees += 1
            return [{"uncertain": True, "note": vi("Bản ghi trên Cổng không liệt kê phí, lệ phí cho cách nộp này.")}]
        if bare := [f"{i + 1}) {said(m.processingTime, m.processingTimeUnit)}" for i, m in enumerate(methods)
                    if not m.fees]:
            self.todo(f"{p}/fees", f"Các dòng {'; '.join(bare)} của kênh này trên Cổng không liệt kê phí, lệ phí; "
                                   "các phí dưới đây lấy từ các dòng khác. Kiểm tra có áp dụng chung không.")
        return [self.fee(f"{p}/fees/{i}", f) for i, f in enumerate(seen.values())]

    def fee(self, p: str, f: PortalFee) -> dict[str, Any]:
        out: dict[str, Any] = {"name": vi(FEE_NAME[f.type])} if f.type in FEE_NAME else {}
        desc, value = tidy(f.description), f.value
        currency = one_line(f.currencyName or "")
        if currency and fold(currency) not in ("viet nam dong", "vnd", "dong"):
            written = f"{number_text(value)} {currency}" if isinstance(value, (int, float)) else currency
            return self.unsure(p, out, f"Cổng ghi: {written}." + (f"\n{desc}" if desc else ""),
                               f"Phí tính bằng {currency} ({written}); mô hình chỉ ghi đồng. Ghi rõ trong note "
                               "hoặc quy đổi theo quy định.")
        if isinstance(value, (int, float)) and value > 0:
            if not float(value).is_integer() or value > MAX_AMOUNT:
                return self.unsure(p, out, f"Cổng ghi: {number_text(value)} đồng." + (f"\n{desc}" if desc else ""),
                                   f"Số tiền {number_text(value)} không phải số đồng hợp lệ; kiểm tra.")
            out["amount"] = int(value)
            if desc:
                out["note"] = vi(desc)
            return out
        zero = "ghi mức 0 đồng" if value == 0 else "không ghi số tiền"
        if not desc:
            return self.unsure(p, out, f"Bản ghi trên Cổng {zero} và không có mô tả.",
                               f"Bản ghi {zero}, không mô tả; chưa rõ là miễn phí hay chưa nhập. Kiểm tra.")
        if says_free(desc):
            out.update(amount=0, note=vi(desc))
            return out
        found = money(desc)
        amounts = list(dict.fromkeys(a for a, _ in found))
        if len(amounts) == 1 and 0 <= amounts[0] <= MAX_AMOUNT and len(found) == 1:
            out["amount"] = amounts[0]
            if found[0][1]:
                out["per"] = vi(found[0][1])
            out["note"] = vi(desc)
            self.todo(p, f"Bản ghi {zero}; số tiền {amounts[0]} đồng lấy từ mô tả. Kiểm tra.")
            return out
        if amounts:
            shown = "; ".join(dict.fromkeys(f"{a:,}".replace(",", ".") + " đồng" + (f"/{per}" if per else "")
                                            for a, per in found))
            return self.unsure(p, out, desc, f"Bản ghi {zero}; mô tả có nhiều mức ({shown}) tùy trường hợp. "
                                             "Đã chép nguyên văn vào note; tách thành từng dòng phí.")
        return self.unsure(p, out, desc, f"Bản ghi {zero}; không đọc được số tiền trong mô tả, đã chép nguyên "
                                         "văn vào note. Kiểm tra mức thu (có thể do tỉnh quy định).")

    def unsure(self, p: str, out: dict[str, Any], note: str, message: str) -> dict[str, Any]:
        self.verbatim_fees += 1
        self.todo(p, message)
        out.update(uncertain=True, note=vi(note))
        return out

    # ------------------------------------------------------------ dossier, steps, legal basis

    def dossier(self) -> list[dict[str, Any]]:
        cases = self.r.executionCases
        uses_required = any(c.required for ec in cases for c in ec.profileComponents)
        groups: list[dict[str, Any]] = []
        heading: list[str] = []  # names of empty groups, carried to the next group
        named = sum(1 for ec in cases if ec.profileComponents)
        for ec in cases:
            title = case_name(ec.name)
            if not ec.profileComponents:
                if title:
                    heading.append(title)
                continue
            g = len(groups)
            case = " — ".join([*heading, title]) if title else " — ".join(heading)
            heading = []
            if not case:
                case = "Mọi trường hợp"
                if named > 1:
                    self.todo(f"/dossier/{g}/case", "Nhóm giấy tờ không có tên trên Cổng; đã đặt “Mọi trường hợp”.")
            gid = "-".join(re.sub(r"^(truong-hop|doi-voi|neu)-", "", slugify(case)).split("-")[:6]) or "all"
            if gid == "moi-truong-hop":
                gid = "all"
            while gid in [x["id"] for x in groups]:
                gid += "-2"
            docs = []
            for j, c in enumerate(ec.profileComponents):
                name = unmark(one_line(c.name)) or one_line(c.name)
                if not name:
                    self.todo(f"/dossier/{g}/documents/{j}/name", "Thành phần hồ sơ không có tên trên Cổng.")
                    name = "(Cổng để trống tên giấy tờ)"
                doc: dict[str, Any] = {"name": vi(capitalised(name))}
                for key, qty in (("originals", c.originalQty), ("copies", c.copyQty)):
                    if qty > MAX_COUNT or qty < 0:
                        self.todo(f"/dossier/{g}/documents/{j}/{key}", f"Cổng ghi {qty} bản; đã đặt "
                                                                        f"{min(max(qty, 0), MAX_COUNT)}. Kiểm tra.")
                    if qty > 0:
                        doc[key] = min(qty, MAX_COUNT)
                if uses_required and not c.required:
                    doc["required"] = False
                docs.append(doc)
            groups.append({"id": gid, "case": vi(case), "documents": docs})
        if heading and groups:  # headings after the last group: keep them on it
            groups[-1]["case"] = vi(groups[-1]["case"]["vi"] + " — " + " — ".join(heading))
        if not groups:
            self.placeholder("/dossier", "Bản ghi không liệt kê thành phần hồ sơ nào; điền danh sách giấy tờ.")
            groups = [{"id": "all", "case": vi(" — ".join(heading) or "Mọi trường hợp"), "documents": [
                {"name": vi("Bản ghi trên Cổng không liệt kê thành phần hồ sơ")}]}]
        return groups

    def steps(self) -> list[dict[str, Any]]:
        found = split_steps([(s.name, s.description) for s in self.r.executionSteps])
        out = []
        for i, (title, detail) in enumerate(found):
            step: dict[str, Any] = {"title": vi(capitalised(title))}
            if detail:
                step["detail"] = vi("\n".join(detail))
            if title.endswith("…"):
                self.todo(f"/steps/{i}/title", "Bước quá dài để làm tiêu đề; tiêu đề là phần đầu, toàn văn ở detail. "
                                               "Viết tiêu đề ngắn.")
            out.append(step)
        if not out:
            self.placeholder("/steps", "Bản ghi không ghi trình tự thực hiện; viết các bước.")
            out = [{"title": vi("Bản ghi trên Cổng không ghi trình tự thực hiện")}]
        return out

    def legal(self) -> list[dict[str, Any]]:
        out = []
        for i, item in enumerate(self.r.legalBasisesDetails):
            code, name = one_line(item.code), one_line(item.name)
            number = document_number(code) or (document_number(name) if not code else None)
            entry: dict[str, Any] = {"number": number or code or "chưa rõ",
                                     "title": vi(name or (f"Văn bản {number or code}"))}
            if not number:
                self.todo(f"/legal_basis/{i}/number", f"Không tách được số hiệu văn bản từ “{code or name}”; "
                                                      "đã giữ nguyên văn. Kiểm tra.")
            elif code and number not in code:
                self.todo(f"/legal_basis/{i}/number", f"Số hiệu trên Cổng là “{code}”; đã đọc là “{number}”.")
            if not name:
                self.todo(f"/legal_basis/{i}/title", "Bản ghi không ghi tên văn bản; điền tên đầy đủ.")
            date = one_date(name)  # only its own date: a name may cite an older document's
            if date and number and f"/{date.year}/" in f"{number}/":
                entry["date"] = date
            out.append(entry)
        if not out:
            self.placeholder("/legal_basis", "Bản ghi trên Cổng không ghi căn cứ pháp lý nào; tìm văn bản quy định "
                                             "thủ tục rồi điền (không đoán).")
            out = [{"number": "chưa rõ", "title": vi("Bản ghi trên Cổng không ghi căn cứ pháp lý")}]
        return out


def _num(value: float | int) -> int | float:
    return int(value) if float(value).is_integer() else float(value)
