"""`guide new`: a valid skeleton procedure, with comments in Vietnamese for editors."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.upstream import portal_address
from generator.config import Settings, schema_comment_for
from generator.content.crosscheck import KeyIndex
from generator.diagnostics.messages import bi
from generator.content.skeleton_texts import FEE, NOT_ENTERED, RESULT, SUMMARY, TIME
from generator.content.textfold import slugify  # noqa: F401 - guide new makes slugs with it
from generator.content.validate import project_procedures

LEVELS = ("commune", "province", "central")
CODE = re.compile(r"^[0-9]\.[0-9]{6}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(ValueError):
    pass


@dataclass(frozen=True)
class NewProcedure:
    code: str
    field: str
    slug: str
    name: str
    level: str


def validate_request(req: NewProcedure, settings: Settings, fields: list[str]) -> Path:
    if not CODE.match(req.code):
        raise ScaffoldError(bi(vi="mã '{code}' phải có dạng 1.001193", en="code '{code}' must look like 1.001193",
                               code=req.code))
    if not SLUG.match(req.slug):
        raise ScaffoldError(bi(vi="slug '{slug}' phải là chữ thường không dấu, nối bằng '-'",
                               en="slug '{slug}' must be lowercase words joined by '-'", slug=req.slug))
    if req.field not in fields:
        raise ScaffoldError(bi(vi="lĩnh vực '{field}' không có trong procedures/taxonomy.yml ({known})",
                               en="field '{field}' is not in procedures/taxonomy.yml ({known})",
                               field=req.field, known=", ".join(fields)))
    if req.level not in LEVELS:
        raise ScaffoldError(bi(vi="cấp phải là một trong {levels} (không còn cấp huyện)",
                               en="level must be one of {levels} (there is no district level)",
                               levels=", ".join(LEVELS)))
    if not req.name.strip():
        raise ScaffoldError(bi(vi="phải có tên tiếng Việt", en="the Vietnamese name is required"))
    used = KeyIndex.scan(project_procedures(settings))  # codes and slugs, read cheaply from the text
    if req.code in used.codes:
        raise ScaffoldError(bi(vi="mã {code} đã có ở {other}", en="code {code} already exists in {other}",
                               code=req.code, other=used.codes[req.code]))
    if req.slug in used.slugs:
        raise ScaffoldError(bi(vi="slug {slug} đã có ở {other}", en="slug {slug} already exists in {other}",
                               slug=req.slug, other=used.slugs[req.slug]))
    path = settings.procedures / req.field / f"{req.slug}.yml"
    if path.exists():
        raise ScaffoldError(bi(vi="{path} đã có; hãy sửa tệp đó", en="{path} already exists; edit it instead",
                               path=path))
    return path


def skeleton(req: NewProcedure, settings: Settings, path: Path, today: dt.date) -> str:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - always-safe YAML strings
    # The record's page, with its id from procedures/portal/catalog.jsonl; the portal's home page when the
    # code is not there yet (the old "...?ma_thu_tuc=<code>" pages answer 404, and guide check refuses them).
    found = portal_address.address(req.code, settings.procedures)
    portal = found or portal_address.BASE.rsplit("/", 2)[0]
    portal_todo = ("kiểm tra đây là trang của thủ tục" if found else
                   f"điền địa chỉ trang thủ tục: {portal_address.BASE}<id>, "
                   "id tra trong procedures/portal/catalog.jsonl")
    source_todo = "" if found else f"  # TODO(review): {portal_todo}"
    # Every comment line below that asks for something is followed by a value carrying a
    # `# TODO(review)` mark, and every mark sits under such a comment (tests/test_scaffold.py):
    # the marks are the editor's to-do list, and what is left unmarked is published as it stands.
    # The header names the marks without writing "TODO(review)", which would itself count as one.
    return f"""{schema_comment_for(settings, path)}
# Thủ tục mới, tạo bằng `guide new`. Điền từng phần theo bản ghi trên Cổng Dịch vụ công.
# Mỗi chỗ cần điền có một chú thích TODO (review) ở cuối dòng. Sửa xong giá trị nào thì xóa
# chú thích đó (chỉ xóa từ dấu #, giữ giá trị). Còn chú thích TODO nào thì thủ tục chưa được
# đăng. Chạy `guide check` để xem những chỗ còn lại.
# Mỗi đoạn chữ viết theo ba thứ tiếng: vi (bắt buộc), en, zh. Chưa dịch thì bỏ en/zh.
code: {q(req.code)}
slug: {req.slug}
name:
  vi: {q(req.name.strip())}
level: {req.level}
field: {req.field}
# Một hai câu dễ hiểu: thủ tục này để làm gì.
summary:
  vi: {q(SUMMARY)}  # TODO(review): viết tóm tắt
# Cơ quan giải quyết hồ sơ.
agency:
  vi: "Ủy ban nhân dân xã, phường"  # TODO(review): ghi đúng cơ quan giải quyết
# Ai được làm thủ tục này.
applicants:
  - vi: "Công dân Việt Nam"  # TODO(review): ghi đúng đối tượng
# Cách nộp: in_person (trực tiếp), online (trực tuyến), postal (bưu chính).
# Mỗi cách có thời hạn và lệ phí riêng. Lệ phí ghi số nguyên đồng: 20000. Miễn phí: amount: 0.
# Chưa chắc thì xóa hẳn dòng amount (hoặc value), đừng để trống sau dấu ':', và ghi note; không đoán.
channels:  # TODO(review): thêm online và postal nếu thủ tục nộp được theo cách đó
  in_person:
    availability: full
    processing_time:
      note:
        vi: {q(TIME)}  # TODO(review): ghi value và unit (working_day, day, hour)
    fees:
      - uncertain: true
        note:
          vi: {q(FEE)}  # TODO(review): ghi amount, người được miễn ở exemptions
# Giấy tờ, chia theo trường hợp. originals: số bản chính, copies: số bản sao.
dossier:
  - id: all
    case:
      vi: Mọi trường hợp
    documents:
      - name:
          vi: "Tờ khai"  # TODO(review): liệt kê đủ giấy tờ, số bản chính và bản sao
        originals: 1
# Các bước, theo thứ tự. channels: [online] nếu bước chỉ dành cho một cách nộp.
steps:
  - title:
      vi: "Nộp hồ sơ tại bộ phận một cửa"  # TODO(review): ghi đủ các bước
# Kết quả người dân nhận được.
result:
  vi: {q(RESULT)}  # TODO(review): ghi kết quả
# Căn cứ pháp lý: số hiệu, tên, cơ quan ban hành (issuer), ngày ký (date: YYYY-MM-DD).
legal_basis:
  - number: {q(NOT_ENTERED)}  # TODO(review): ghi số hiệu, thêm issuer và date
    title:
      vi: {q(NOT_ENTERED)}  # TODO(review): ghi tên văn bản
# Địa chỉ nộp trực tuyến: trang của thủ tục trên Cổng Dịch vụ công.
online_url: {portal}  # TODO(review): {portal_todo}
# Nguồn: trang của thủ tục trên Cổng Dịch vụ công và số quyết định công bố thủ tục.
source:
  url: {portal}{source_todo}
  decision: {q(NOT_ENTERED)}  # TODO(review): số quyết định công bố thủ tục
# Ngày bạn đối chiếu với bản ghi chính thức (YYYY-MM-DD).
reviewed: {today.isoformat()}  # TODO(review): ghi ngày bạn đối chiếu xong
"""


def create(req: NewProcedure, settings: Settings, fields: list[str], today: dt.date | None = None) -> Path:
    path = validate_request(req, settings, fields)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(skeleton(req, settings, path, today or dt.date.today()))
    return path
