"""The stand-in texts of `guide new`'s skeleton, in one place.

`generator/editors/scaffold.py` writes them, each on a line marked ``# TODO(review)``; `guide check`
refuses them once the mark is gone (``text.placeholder``), so deleting the marks without
writing the real text never publishes "Chưa nhập kết quả." to residents. The skeleton's other
values ("Công dân Việt Nam", "Tờ khai", …) may well be right and are not listed.
"""
from __future__ import annotations

SUMMARY = "Viết một hai câu: thủ tục này để làm gì."
TIME = "Chưa nhập thời hạn."
FEE = "Chưa nhập lệ phí."
RESULT = "Chưa nhập kết quả."
NOT_ENTERED = "Chưa nhập"

PLACEHOLDERS = (SUMMARY, TIME, FEE, RESULT, NOT_ENTERED)


def _key(text: str) -> str:
    return " ".join(text.split()).rstrip(".").casefold()


_KEYS = {_key(t) for t in PLACEHOLDERS}


def is_placeholder(text: str) -> bool:
    """``text`` is one of the skeleton's stand-ins (spaces, a final full stop and case aside)."""
    return len(text) < 60 and _key(text) in _KEYS
