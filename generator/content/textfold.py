"""Vietnamese text folded for comparing and for file names: no tone marks, đ as d, lowercase."""
from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lowercase ASCII letters without tone marks. Same length as NFC input, so match spans carry over."""
    base = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in base if not unicodedata.combining(ch)).lower()


def slugify(text: str) -> str:
    """'Đăng ký khai sinh' → 'dang-ky-khai-sinh'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
