"""Make a throwaway project with N synthetic procedures made from the shipped ones.

Names, codes and slugs vary; everything else (texts, channels, dossiers) is real
content, so parsing and rendering cost what real procedures cost.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("procedures/taxonomy.yml", "procedures/tables", "procedures/forms", "templates", "i18n", "generator/schema",
        "mkdocs.yml", "pyproject.toml")


def make_project(target: Path, n: int) -> list[Path]:
    """Write a project with the real procedures plus synthetic ones, n in total; returns their paths."""
    if target.exists():
        shutil.rmtree(target)
    for name in COPY:
        src, dst = ROOT / name, target / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    real = sorted(p for p in (ROOT / "procedures").glob("*/*.yml") if p.parent.name not in ("tables", "forms"))
    # Related procedures not copied here (portal records, or guides beyond the first n) are left out of `related`.
    codes = {m.group(1) for p in real[:n] if (m := re.search(r'^code: "([^"]+)"', p.read_text(encoding="utf-8"), re.M))}
    written = []
    for i in range(n):
        src = real[i % len(real)]
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"^related: \[(.*)\]$", lambda m: "related: [" + ", ".join(
            c for c in m.group(1).split(", ") if c.strip('"') in codes) + "]", text, count=1, flags=re.M)
        if i >= len(real):
            serial = f"{9_000_000 + i:07d}"
            code = f"{serial[0]}.{serial[1:]}"
            slug = f"{src.stem}-{i}"
            text = re.sub(r'^code: "[^"]+"', f'code: "{code}"', text, count=1, flags=re.M)
            text = re.sub(r"^slug: .+$", f"slug: {slug}", text, count=1, flags=re.M)
            text = re.sub(r"^(name:\n  vi: )(.+)$", rf"\g<1>\g<2> (mẫu {i})", text, count=1, flags=re.M)
            text = re.sub(r"^(  en: )(.+)$", rf"\g<1>\g<2> (sample {i})", text, count=1, flags=re.M)
            text = re.sub(r"^(  zh: )(.+)$", rf"\g<1>\g<2>（样本 {i}）", text, count=1, flags=re.M)
        else:
            slug = src.stem
        path = target / "procedures" / src.parent.name / f"{slug}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
