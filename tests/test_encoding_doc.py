"""A file saved with Notepad's "Unicode" (UTF-16) is refused, and docs/errors.md says how to save UTF-8."""
from __future__ import annotations

import re

from conftest import ROOT, base_yaml


def test_notepad_unicode_is_utf16_and_the_docs_say_how_to_save_utf8(tmp_path, check_files):
    path = tmp_path / "sample.yml"
    path.write_bytes(b"\xff\xfe" + base_yaml().encode("utf-16-le"))  # what Notepad's "Unicode" writes
    [issue] = check_files(path)
    assert (issue.code, issue.line, issue.column) == ("yaml.encoding", 1, 1)
    docs = (ROOT / "docs/errors.md").read_text(encoding="utf-8")
    section = re.search(r"^### `yaml\.encoding`\n(.*?)(?=^### )", docs, flags=re.M | re.S).group(1)
    vi, en = section.split("**EN:**")
    for text, save_as in ((vi, "Lưu Dưới dạng"), (en, "Save As")):
        assert '"Unicode"' in text and "UTF-16" in text and "UTF-8" in text and save_as in text
