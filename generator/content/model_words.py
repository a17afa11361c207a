"""The Vietnamese of the model's field descriptions that messages quote.

``schema.required`` says what a missing key is for, and ``schema.pattern`` what form a value needs,
with the field's ``description`` from model.py / form_model.py (English: it is also the JSON
Schema that editors' tools show). Here is what Vietnamese editors read instead, keyed by that
English description; tests/test_messages.py checks that every required or patterned field has one.
"""
from __future__ import annotations

from generator.diagnostics.messages import Bi

FIELD_VI: dict[str, str] = {
    # Procedure
    "National procedure code (Mã thủ tục), e.g. 1.001193": "mã thủ tục trên Cổng Dịch vụ công, ví dụ 1.001193",
    "Must match the file name": "phải giống tên tệp",
    "Official name (Tên thủ tục)": "tên thủ tục chính thức",
    "Vietnamese (required, authoritative)": "bản tiếng Việt (bắt buộc, là bản gốc)",
    "One or two plain sentences: what this is for": "một hai câu dễ hiểu: thủ tục này để làm gì",
    "Level that handles it; there is no district level since 2025-07-01":
        "cấp giải quyết; từ 01/7/2025 không còn cấp huyện",
    "Field key from procedures/taxonomy.yml; also the folder name":
        "lĩnh vực, lấy từ procedures/taxonomy.yml; cũng là tên thư mục",
    "Office that handles the dossier": "cơ quan giải quyết hồ sơ",
    "Who may apply": "ai được nộp",
    "Ways to apply, each with its own time and fees": "các cách nộp, mỗi cách có thời hạn và lệ phí riêng",
    "full: the whole procedure; partial: some steps still need a visit":
        "full: làm trọn thủ tục; partial: vẫn phải đến nơi ở một số bước",
    "How long the office takes on this channel": "thời hạn giải quyết theo cách nộp này",
    "At least one entry; amount 0 means free": "ít nhất một khoản; amount: 0 là miễn phí",
    "Stable name, used in pre-answered links: ?id=value":
        "tên cố định, dùng trong đường dẫn đã trả lời sẵn: ?id=giá-trị",
    "radio: one answer; checkbox: any number": "radio: chọn một; checkbox: chọn nhiều",
    "The question, short and plain": "câu hỏi, ngắn và dễ hiểu",
    "The answers to choose from": "các câu trả lời để chọn",
    "Stable name of the answer, used in links and conditions":
        "tên cố định của câu trả lời, dùng trong đường dẫn và điều kiện",
    "The answer as residents read it": "câu trả lời như người dân đọc thấy",
    "Documents, grouped by case": "giấy tờ, chia nhóm theo trường hợp",
    "Short stable name of the case, e.g. all, born-abroad": "tên ngắn, cố định của trường hợp, ví dụ all, born-abroad",
    "When this group applies": "nhóm giấy tờ này dành cho trường hợp nào",
    "The papers for this case": "giấy tờ của trường hợp này",
    "Name of the paper, as a resident would call it": "tên giấy tờ, như người dân vẫn gọi",
    "Ordered steps; a step may name its channels": "các bước theo thứ tự; một bước có thể ghi cách nộp của nó",
    "Short instruction, starting with a verb": "lời dặn ngắn, bắt đầu bằng một động từ",
    "What the resident receives (Kết quả)": "kết quả người dân nhận được",
    "Căn cứ pháp lý": "căn cứ pháp lý",
    "e.g. 60/2014/QH13": "số hiệu văn bản, ví dụ 60/2014/QH13",
    "Title of the document": "tên văn bản",
    "Portal record and publishing decision": "bản ghi trên Cổng và quyết định công bố",
    "Record on the national public service portal": "trang của thủ tục trên Cổng Dịch vụ công quốc gia",
    "Decision that published the procedure, e.g. 163/QĐ-BTP": "quyết định công bố thủ tục, ví dụ 163/QĐ-BTP",
    "Date a person last checked this against the source": "ngày gần nhất có người đối chiếu với nguồn",
    "JSON pointer, e.g. /code": "đường dẫn (JSON pointer), ví dụ /code",
    "What is uncertain, in Vietnamese, for the next editor": "điều chưa chắc chắn, viết tiếng Việt cho người sửa sau",
    "The difference, as guide drift names it": "mã khác biệt, như guide drift ghi",
    "The record's value exactly as guide drift prints it; when the record changes, the note no longer matches":
        "giá trị của bản ghi, chép đúng như guide drift in ra; khi bản ghi đổi, ghi chú không còn khớp",
    "Why our text differs on purpose, with its source (Vietnamese)":
        "vì sao hướng dẫn cố ý khác, kèm nguồn (viết tiếng Việt)",
    # Declaration forms
    "Must match the file name; procedures refer to it with fill_in":
        "phải giống tên tệp; thủ tục dẫn tới tờ khai bằng fill_in",
    "Name of the form": "tên tờ khai",
    "One plain sentence: what the form is for": "một câu dễ hiểu: tờ khai dùng để làm gì",
    "Document that sets the form, e.g. 53/2025/TT-BCA": "văn bản ban hành mẫu tờ khai, ví dụ 53/2025/TT-BCA",
    "Date a person last compared it with the official form": "ngày gần nhất có người so với mẫu chính thức",
    "Parts of the form, in screen order": "các phần của tờ khai, theo thứ tự trên màn hình",
    "Stable name inside this form": "tên cố định trong tờ khai này",
    "Heading of the part": "tiêu đề của phần",
    "The fields, in screen order": "các ô, theo thứ tự trên màn hình",
    "Stable name inside this form, e.g. full-name": "tên cố định trong tờ khai này, ví dụ full-name",
    "text, long_text, date, select, radio, checkbox, number, phone or citizen_id":
        "text, long_text, date, select, radio, checkbox, number, phone hoặc citizen_id",
    "What to fill in, short": "cần điền gì, viết ngắn",
    "Place on the official paper form": "vị trí trên tờ khai giấy chính thức",
    "Position on the paper form, top to bottom; each number once":
        "thứ tự trên tờ khai giấy, từ trên xuống; mỗi số chỉ dùng một lần",
    "Fixed parts of the official paper layout": "các phần cố định của tờ khai giấy",
    "Title on the paper, in Vietnamese capitals": "tiêu đề trên tờ giấy, viết hoa tiếng Việt",
    "Signature boxes, e.g. 'Người yêu cầu (Ký, ghi rõ họ tên)'":
        "các ô ký tên, ví dụ 'Người yêu cầu (Ký, ghi rõ họ tên)'",
    # Taxonomy
    "Keys are folder names": "các khóa là tên thư mục",
    "Name shown on index pages": "tên hiện trên các trang mục lục",
    "Moments in life, e.g. birth": "các sự kiện trong đời, ví dụ birth (sinh con)",
    # Slugs in general
    "lowercase ASCII words joined by '-'": "chữ thường không dấu, nối bằng '-'",
}


def describe(description: str | None) -> Bi | None:
    """A field's description in both languages (the Vietnamese left empty when there is none yet)."""
    if not description:
        return None
    return Bi(FIELD_VI.get(description, ""), description)
