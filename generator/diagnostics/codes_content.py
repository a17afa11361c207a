"""Problem codes of procedure and form files, in English and Vietnamese (see messages.py).

Each entry: severity, English message, English hint, then ``vi=`` and ``vi_hint=`` with the same
``{placeholders}``. ``docs/errors.md`` explains every code in both languages.
"""
from __future__ import annotations

from generator.diagnostics.messages import CodeInfo

CONTENT_CODES: dict[str, CodeInfo] = {
    # Reading the file
    "file.read": CodeInfo(
        "error", "cannot read the file: {reason}",
        vi="không đọc được tệp: {reason}",
    ),
    "file.too-large": CodeInfo(
        "error", "the file is {size} bytes; the limit is {limit}", "split it or remove pasted data",
        vi="tệp dài {size} byte; giới hạn là {limit} byte",
        vi_hint="chia tệp ra, hoặc xóa phần dữ liệu đã dán nhầm vào",
    ),
    "file.schema-comment": CodeInfo(
        "error", "the first line must point editors to the schema", "start the file with: {expected}",
        vi="dòng đầu tiên của tệp phải trỏ tới tệp mẫu (schema) để trình sửa gợi ý được",
        vi_hint="bắt đầu tệp bằng dòng: {expected}",
    ),
    "file.slug-mismatch": CodeInfo(
        "error", "slug '{slug}' does not match the file name '{stem}'", "rename the file to {slug}.yml",
        vi="slug '{slug}' không giống tên tệp '{stem}'",
        vi_hint="đổi tên tệp thành {slug}.yml",
    ),
    "file.field-mismatch": CodeInfo(
        "error", "field '{field}' does not match the folder '{folder}'", "move the file to procedures/{field}/",
        vi="lĩnh vực (field) '{field}' không khớp với thư mục '{folder}'",
        vi_hint="chuyển tệp vào thư mục procedures/{field}/",
    ),
    # YAML syntax and YAML 1.1 surprises
    "yaml.encoding": CodeInfo(
        "error", "{detail}", "save the file again as “UTF-8” in your editor",
        vi="{detail}",
        vi_hint="trong trình sửa, lưu lại tệp theo bảng mã “UTF-8” (không chọn “Unicode” hay “ANSI” của Notepad)",
    ),
    "yaml.tab": CodeInfo(
        "error", "a tab character is used for indentation", "indent with spaces only, two per level",
        vi="có ký tự Tab ở khoảng trắng đầu dòng",
        vi_hint="chỉ dùng dấu cách để lùi đầu dòng, mỗi bậc 2 dấu cách",
    ),
    "yaml.syntax": CodeInfo(
        "error", "YAML syntax error: {reason}", "{hint}",
        vi="lỗi cách viết YAML: {reason}", vi_hint="{hint}",
    ),
    "yaml.invisible": CodeInfo(
        "error", "invisible character at column {column}{where}: {name}, U+{hex}",
        "delete it, and type an ordinary space where one is needed; it usually comes with text copied from "
        "Word, a PDF or a web page",
        vi="ký tự không nhìn thấy ở cột {column}{where}: {name}, U+{hex}",
        vi_hint="xóa ký tự đó, rồi gõ dấu cách thường nếu cần; ký tự này thường đi theo khi chép chữ từ Word, "
                "PDF hay trang web",
    ),
    "yaml.empty": CodeInfo(
        "error", "the file is empty", "copy an existing procedure as a start",
        vi="tệp trống", vi_hint="chép một thủ tục có sẵn để bắt đầu",
    ),
    "yaml.multi-document": CodeInfo(
        "error", "the file holds more than one YAML document", "remove the '---' line; one procedure per file",
        vi="tệp chứa nhiều hơn một văn bản YAML",
        vi_hint="xóa dòng '---'; mỗi tệp chỉ một thủ tục",
    ),
    "yaml.duplicate-key": CodeInfo(
        "error", "key '{key}' appears twice in the same block (first on line {first})",
        "keep one of them; YAML would silently drop the first",
        vi="mục '{key}' có hai lần trong cùng một khối (lần đầu ở dòng {first})",
        vi_hint="chỉ giữ một; nếu không, YAML sẽ lặng lẽ bỏ mất mục viết trước",
    ),
    "yaml.ambiguous-bool": CodeInfo(
        "error", "'{value}' would be read as {as_bool}, not as text",
        "write true/false for yes/no answers, or put text in quotes: \"{value}\"",
        vi="'{value}' sẽ bị hiểu là {as_bool} (đúng/sai), không phải là chữ",
        vi_hint="câu trả lời có/không thì viết true hoặc false; nếu là chữ thì đặt trong ngoặc kép: \"{value}\"",
    ),
    "yaml.sexagesimal": CodeInfo(
        "error", "'{value}' would be read as a base-60 number ({number}), not as a time",
        "a time of day goes in quotes (\"{value}\"); a duration is a number of hours, e.g. 1.5",
        vi="'{value}' sẽ bị hiểu là một con số ({number}), không phải giờ",
        vi_hint="giờ trong ngày phải đặt trong ngoặc kép (\"{value}\"); thời hạn thì ghi số giờ, ví dụ 1.5",
    ),
    "yaml.leading-zero": CodeInfo(
        "error", "'{value}' starts with 0 and would lose it (or be read as octal)", "put it in quotes: \"{value}\"",
        vi="'{value}' bắt đầu bằng số 0 nên sẽ mất số 0 đó (hoặc bị hiểu sai thành số khác)",
        vi_hint="đặt trong ngoặc kép: \"{value}\"",
    ),
    "yaml.alias": CodeInfo(
        "error", "anchors and aliases (& and *) are not allowed ({count} found)", "write the text out in full",
        vi="không được dùng dấu & và * để chép lại đoạn khác (có {count} chỗ)",
        vi_hint="viết đầy đủ đoạn chữ ra",
    ),
    "yaml.too-deep": CodeInfo(
        "error", "the data is nested more than {limit} levels deep", "check the indentation",
        vi="dữ liệu lồng nhau quá {limit} bậc",
        vi_hint="kiểm tra khoảng trắng đầu dòng và các dấu ngoặc [ ] {{ }}",
    ),
    "yaml.tag": CodeInfo(
        "error", "the YAML tag '{tag}' is not allowed", "remove the '!' tag",
        vi="không được dùng thẻ YAML '{tag}'", vi_hint="xóa phần bắt đầu bằng '!'",
    ),
    "yaml.key": CodeInfo(
        "error", "a key must be plain text", "write key: value",
        vi="tên mục phải là chữ thường (không phải danh sách hay khối)", vi_hint="viết theo dạng tên-mục: giá trị",
    ),
    "yaml.comment-in-text": CodeInfo(
        "warning", "the text stops before ' #': YAML reads '#{comment}' as a comment, so it is not shown",
        "if those words belong to the text, put the whole text in double quotes; "
        "if they are a note for editors, move them to a line of their own",
        vi="đoạn chữ bị cắt trước ' #': YAML hiểu '#{comment}' là ghi chú nên phần đó không hiện ra",
        vi_hint="nếu các chữ đó thuộc về đoạn chữ, đặt cả đoạn trong ngoặc kép; nếu là ghi chú cho người sửa, "
                "chuyển nó xuống một dòng riêng",
    ),
    # Text that would be lost or changed without a word
    "text.nfd": CodeInfo(
        "warning", "'{word}' is typed with separate accent marks (decomposed Unicode); "
        "the site uses it joined into ordinary letters",
        "nothing is lost; to remove this warning retype the text with Unikey set to "
        "'Unicode dựng sẵn' (not 'Unicode tổ hợp'), or save the file as NFC",
        vi="'{word}' được gõ với dấu tách rời khỏi chữ (Unicode tổ hợp); trang web dùng dạng chữ có dấu liền",
        vi_hint="không mất chữ nào; để hết cảnh báo này, gõ lại bằng Unikey với bảng mã 'Unicode dựng sẵn' "
                "(không phải 'Unicode tổ hợp'), hoặc lưu tệp ở dạng NFC",
    ),
    "text.placeholder": CodeInfo(
        "error", "'{value}' is a stand-in text of `guide new`; it would be published as it stands",
        "write the real text from the portal's record; until you know it, keep a # TODO(review) note at the end "
        "of the line, so the procedure stays unpublished",
        vi="'{value}' là chữ tạm do `guide new` viết sẵn; để vậy thì trang web sẽ đăng nguyên như thế",
        vi_hint="viết chữ thật theo bản ghi trên Cổng Dịch vụ công; khi chưa biết, để lại chú thích # TODO(review) ở "
                "cuối dòng để thủ tục chưa được đăng",
    ),
    "text.invisible": CodeInfo(
        "warning", "invisible character in the text at column {column}: {name}, U+{hex}",
        "delete it (put the cursor at that column); it usually comes with text copied from Word, a PDF or a web "
        "page, and the page would carry it",
        vi="ký tự không nhìn thấy trong đoạn chữ, ở cột {column}: {name}, U+{hex}",
        vi_hint="xóa ký tự đó (đặt con trỏ ở cột được báo); ký tự này thường đi theo khi chép chữ từ Word, PDF hay "
                "trang web, và sẽ lên trang web nguyên như vậy",
    ),
    "text.repeated": CodeInfo(
        "warning", "this repeats, word for word, the entry on line {first}",
        "delete one of them; if both are needed, say in the text how they differ",
        vi="mục này lặp lại nguyên văn mục ở dòng {first}",
        vi_hint="xóa một trong hai; nếu cần cả hai, hãy ghi rõ trong chữ chúng khác nhau thế nào",
    ),
    # Schema
    "schema.required": CodeInfo(
        "error", "'{key}' is required here{detail}", "{hint}",
        vi="thiếu mục bắt buộc '{key}'{detail}", vi_hint="{hint}",
    ),
    "schema.unknown-key": CodeInfo(
        "error", "unknown key '{key}'", "{hint}", vi="mục '{key}' không có trong mẫu", vi_hint="{hint}",
    ),
    "schema.type": CodeInfo("error", "{detail}", "{hint}", vi="{detail}", vi_hint="{hint}"),
    "value.empty": CodeInfo(
        "error", "'{key}' is written with an empty value", "{hint}",
        vi="'{key}' đang để trống (không có gì sau dấu ':')", vi_hint="{hint}",
    ),
    "schema.enum": CodeInfo(
        "error", "'{value}' is not allowed here; use one of: {allowed}",
        vi="không dùng được '{value}' ở đây; hãy chọn một trong: {allowed}",
    ),
    "schema.pattern": CodeInfo(
        "error", "'{value}' does not have the expected form ({detail})", "{hint}",
        vi="'{value}' không đúng dạng cần có", vi_hint="{hint}",
    ),
    "schema.range": CodeInfo("error", "{detail}", vi="{detail}"),
    "schema.length": CodeInfo("error", "{detail}", "{hint}", vi="{detail}", vi_hint="{hint}"),
    "schema.date": CodeInfo(
        "error", "'{value}' is not a valid date", "write dates as YYYY-MM-DD, e.g. 2026-07-01",
        vi="'{value}' không phải là một ngày có thật",
        vi_hint="viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-07-01",
    ),
    "time.unit-missing": CodeInfo(
        "error", "a processing time needs a unit", "add unit: working_day, day or hour",
        vi="thời hạn giải quyết phải có đơn vị",
        vi_hint="thêm unit: working_day (ngày làm việc), day (ngày) hoặc hour (giờ)",
    ),
    "time.unclear": CodeInfo(
        "error", "a processing time without a value needs a note", "add note: {{vi: ...}} saying what the source says",
        vi="thời hạn giải quyết không có số (value) thì phải có ghi chú (note)",
        vi_hint="thêm note: {{vi: ...}} ghi lại nguồn nói gì",
    ),
    "fee.unclear": CodeInfo(
        "error", "an uncertain or missing fee needs a note explaining it",
        "add note: {{vi: ...}}; never guess an amount",
        vi="lệ phí chưa chắc chắn hoặc chưa có số tiền thì phải có ghi chú giải thích",
        vi_hint="thêm note: {{vi: ...}}; không bao giờ đoán số tiền",
    ),
    "fee.dates": CodeInfo(
        "error", "valid_until is before valid_from",
        "a fee rule applies from valid_from to valid_until (both included): swap the two dates",
        vi="ngày kết thúc (valid_until) sớm hơn ngày bắt đầu (valid_from)",
        vi_hint="khoản phí áp dụng từ valid_from đến hết valid_until: hãy đổi chỗ hai ngày",
    ),
    "channel.none": CodeInfo(
        "error", "a procedure needs at least one channel", "add in_person:",
        vi="thủ tục phải có ít nhất một cách nộp hồ sơ (channel)", vi_hint="thêm in_person: (nộp trực tiếp)",
    ),
    # Cross-checks over the whole catalog
    "ref.duplicate-code": CodeInfo(
        "error", "code {code} is also used by {other}", vi="mã {code} đã được dùng ở {other}",
    ),
    "ref.duplicate-slug": CodeInfo(
        "error", "slug '{slug}' is also used by {other}", vi="slug '{slug}' đã được dùng ở {other}",
    ),
    "ref.unknown-procedure": CodeInfo(
        "error", "related procedure {code} does not exist", "{hint}",
        vi="không có thủ tục nào mang mã {code}", vi_hint="{hint}",
    ),
    "ref.self": CodeInfo(
        "error", "a procedure cannot be related to itself", vi="thủ tục không thể liên quan đến chính nó",
    ),
    "ref.unknown-field": CodeInfo(
        "error", "field '{value}' is not in procedures/taxonomy.yml", "{hint}",
        vi="lĩnh vực '{value}' không có trong procedures/taxonomy.yml", vi_hint="{hint}",
    ),
    "ref.unknown-life-event": CodeInfo(
        "error", "life event '{value}' is not in procedures/taxonomy.yml", "{hint}",
        vi="sự kiện '{value}' không có trong procedures/taxonomy.yml", vi_hint="{hint}",
    ),
    "ref.unknown-pointer": CodeInfo(
        "error", "to_verify points to '{value}', which is not in this file", "check the JSON pointer",
        vi="to_verify trỏ tới '{value}', nhưng tệp này không có chỗ đó",
        vi_hint="kiểm tra lại đường dẫn (JSON pointer), ví dụ /channels/online/fees/0",
    ),
    "step.unknown-channel": CodeInfo(
        "error", "the step names channel '{value}', which this procedure does not offer",
        "add the channel or remove it from the step",
        vi="bước này ghi cách nộp '{value}', nhưng thủ tục không có cách nộp đó",
        vi_hint="thêm cách nộp đó vào channels, hoặc bỏ nó khỏi bước",
    ),
    "url.invalid": CodeInfo(
        "error", "'{value}' is not a valid web address", "write the full https://… address",
        vi="'{value}' không phải là một địa chỉ web hợp lệ", vi_hint="viết đầy đủ địa chỉ, bắt đầu bằng https://",
    ),
    "url.not-https": CodeInfo(
        "error", "'{value}' must use https", "change http:// to https://",
        vi="'{value}' phải dùng https", vi_hint="đổi http:// thành https://",
    ),
    "url.not-allowed": CodeInfo(
        "error", "host '{host}' is not on the allow-list ({allowed})",
        "link to the official portal; no shorteners. The list is in pyproject.toml [tool.citizen-guide]",
        vi="tên miền '{host}' không nằm trong danh sách được phép ({allowed})",
        vi_hint="dẫn tới cổng chính thức; không dùng đường dẫn rút gọn. Danh sách nằm trong pyproject.toml "
                "[tool.citizen-guide]",
    ),
    "url.content-link": CodeInfo(
        "error", "the link to '{host}' is not on the allow-list ({allowed})",
        "link to the official portal, or mark an outside link: [text](https://…){{external}}",
        vi="đường dẫn tới '{host}' không nằm trong danh sách được phép ({allowed})",
        vi_hint="dẫn tới cổng chính thức, hoặc đánh dấu là trang bên ngoài: [chữ](https://…){{external}}",
    ),
    "url.portal-home": CodeInfo(
        "error", "'{value}' is the portal's home page, not the page of procedure {code}", "{hint}",
        vi="'{value}' là trang chủ của Cổng Dịch vụ công, không phải trang của thủ tục {code}", vi_hint="{hint}",
    ),
    "url.old-portal": CodeInfo(
        "error", "'{value}' is an old portal address; those pages no longer open", "{hint}",
        vi="'{value}' là địa chỉ của cổng cũ; các trang này không còn mở được", vi_hint="{hint}",
    ),
    "date.future": CodeInfo(
        "error", "reviewed date {value} is in the future", "use the date you checked it",
        vi="ngày xem lại {value} là ngày trong tương lai", vi_hint="ghi ngày bạn đã thật sự đối chiếu",
    ),
    "date.stale": CodeInfo(
        "warning", "last reviewed {days} days ago (more than {limit})",
        "check it against the portal and update reviewed",
        vi="lần xem lại gần nhất cách đây {days} ngày (quá {limit} ngày)",
        vi_hint="đối chiếu lại với Cổng Dịch vụ công, rồi sửa ngày reviewed",
    ),
    "publish.not-yet": CodeInfo(
        "warning", "not published: valid_from {value} is after today", "it appears on the site from that day",
        vi="chưa đăng: ngày bắt đầu valid_from {value} là sau hôm nay",
        vi_hint="thủ tục sẽ hiện trên trang web từ ngày đó",
    ),
    "publish.ended": CodeInfo(
        "warning", "not published: valid_until {value} has passed (abolished)",
        "set superseded_by to the code that replaced it, or delete the file",
        vi="không còn đăng: ngày kết thúc valid_until {value} đã qua (thủ tục đã bãi bỏ)",
        vi_hint="ghi mã thủ tục thay thế vào superseded_by, hoặc xóa tệp",
    ),
    "date.order": CodeInfo(
        "error", "valid_until {until} is before valid_from {since}",
        vi="ngày kết thúc valid_until {until} sớm hơn ngày bắt đầu valid_from {since}",
    ),
    "fee.expired": CodeInfo(
        "warning", "this fee rule ended on {value} (valid_until)",
        "remove it: it no longer applies; keep the fee entry without dates beside it",
        vi="khoản phí này đã hết hiệu lực từ ngày {value} (valid_until)",
        vi_hint="xóa khoản này vì nó không còn áp dụng; giữ lại khoản phí không ghi ngày bên cạnh",
    ),
    "review.todo": CodeInfo(
        "warning", "a TODO(review) note is still here: {text}",
        "check the value against the portal record, then delete the comment; "
        "the procedure is not published while any remain",
        vi="vẫn còn ghi chú TODO(review): {text}",
        vi_hint="đối chiếu giá trị với bản ghi trên Cổng, rồi xóa dòng ghi chú; thủ tục chưa được đăng "
                "khi còn ghi chú này",
    ),
    "ref.unknown-form": CodeInfo(
        "error", "form '{value}' does not exist in procedures/forms/", "{hint}",
        vi="không có tờ khai '{value}' trong procedures/forms/", vi_hint="{hint}",
    ),
    # Questions that narrow the documents checklist
    "dossier.duplicate-group": CodeInfo(
        "error", "document group '{value}' is used twice", "give each case its own id, e.g. born-abroad",
        vi="nhóm giấy tờ '{value}' bị dùng hai lần", vi_hint="mỗi trường hợp cần một id riêng, ví dụ born-abroad",
    ),
    "question.duplicate": CodeInfo(
        "error", "'{value}' is used twice", "give each question and answer its own name",
        vi="'{value}' bị dùng hai lần", vi_hint="mỗi câu hỏi và mỗi câu trả lời cần một tên riêng",
    ),
    "question.unknown": CodeInfo(
        "error", "there is no question '{value}' in this procedure", "use the id of a question under questions:",
        vi="thủ tục này không có câu hỏi '{value}'", vi_hint="dùng id của một câu hỏi trong questions:",
    ),
    "question.order": CodeInfo(
        "error", "question '{value}' is not asked before this point",
        "ask_when can only look at earlier questions; move this question further down",
        vi="câu hỏi '{value}' chưa được hỏi trước chỗ này",
        vi_hint="ask_when chỉ dựa được vào các câu hỏi đứng trước; hãy chuyển câu hỏi này xuống dưới",
    ),
    "question.unknown-option": CodeInfo(
        "error", "'{value}' is not an answer of question '{question}'", "use one of: {allowed}",
        vi="câu hỏi '{question}' không có câu trả lời '{value}'", vi_hint="dùng một trong: {allowed}",
    ),
    "question.unreachable": CodeInfo(
        "error", "no combination of answers shows the group '{group}'",
        "check the values in applies_when, and the ask_when of the questions it names",
        vi="không có cách trả lời nào làm hiện nhóm giấy tờ '{group}'",
        vi_hint="kiểm tra các giá trị trong applies_when, và ask_when của các câu hỏi được nêu ở đó",
    ),
    "question.unused": CodeInfo(
        "warning", "question '{value}' changes nothing", "name it in a group's applies_when, or remove it",
        vi="câu hỏi '{value}' không làm thay đổi gì",
        vi_hint="nêu nó trong applies_when của một nhóm giấy tờ, hoặc bỏ câu hỏi đi",
    ),
    # Declaration forms (procedures/forms/)
    "form.duplicate": CodeInfo(
        "error", "{what} '{value}' is used twice in this form", "each needs its own",
        vi="{what} '{value}' bị dùng hai lần trong tờ khai này", vi_hint="mỗi cái cần tên (hoặc số) riêng",
    ),
    "form.rule-not-allowed": CodeInfo(
        "error", "'{key}' does not apply to a {type} field", "remove it, or change the field's type",
        vi="'{key}' không dùng được cho ô loại {type}", vi_hint="bỏ nó đi, hoặc đổi loại (type) của ô",
    ),
    "form.options-missing": CodeInfo(
        "error", "a {type} field needs at least {least} options", "add options: with value and label",
        vi="ô loại {type} cần ít nhất {least} lựa chọn", vi_hint="thêm options: có value và label",
    ),
    "form.pattern-invalid": CodeInfo(
        "error", "the pattern is not a valid regular expression: {reason}", "test it, e.g. ^[0-9]{{6}}$",
        vi="mẫu kiểm tra (pattern) viết sai: {reason}", vi_hint="thử lại với vài câu trả lời thật, ví dụ ^[0-9]{{6}}$",
    ),
    "form.pattern-message": CodeInfo(
        "error", "a field with a pattern needs an 'invalid' message",
        "add invalid: {{vi: ...}} telling residents what to write, with an example",
        vi="ô có pattern thì phải có lời báo 'invalid'",
        vi_hint="thêm invalid: {{vi: ...}} cho người dân biết phải ghi gì, kèm một ví dụ",
    ),
    "form.range": CodeInfo(
        "error", "the lowest value {low} is above the highest {high}", "swap them",
        vi="giá trị thấp nhất {low} lại cao hơn giá trị cao nhất {high}", vi_hint="đổi chỗ hai giá trị",
    ),
    "form.unknown-field": CodeInfo(
        "error", "there is no field '{value}' in this form", "use a field id",
        vi="tờ khai này không có ô '{value}'", vi_hint="dùng id của một ô trong tờ khai",
    ),
    "i18n.missing": CodeInfo(
        "warning", "no {lang} translation; the Vietnamese text will be shown with a notice",
        vi="chưa có bản {lang}; trang sẽ hiện tiếng Việt kèm lời báo chưa dịch",
    ),
    "i18n.glossary": CodeInfo(
        "warning", "the Vietnamese has '{vi}', but the {lang} text does not use the agreed term '{term}'",
        "write '{term}' for '{vi}' (i18n/glossary.yml); if translators agree on another term, change the glossary",
        vi="bản tiếng Việt có '{vi}', nhưng bản {lang} không dùng từ đã thống nhất '{term}'",
        vi_hint="dịch '{vi}' là '{term}' (i18n/glossary.yml); nếu người dịch thống nhất từ khác, hãy sửa bảng "
                "thuật ngữ",
    ),
    "i18n.glossary-avoid": CodeInfo(
        "error", "the Chinese uses '{avoid}', {why}", "{hint}",
        vi="bản tiếng Trung dùng '{avoid}', {why}", vi_hint="{hint}",
    ),
}
