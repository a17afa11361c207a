"""The pull-request preview: a copy of the built site a reviewer unzips and opens from the folder.

The site uses folder URLs (`thu-tuc/x/`), which a browser shows as a directory listing
from file://, and Pagefind cannot fetch its index there. The offline packs
(offline_pack.py) solve both for one language each; the preview applies the same link
rewriting to the whole site, every language at once, so the language menu works too,
and takes each language's small search index from its pack.

    python -m generator.editors.preview SITE OUT     (after `guide build --drafts --out SITE`)
"""
from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

from generator.site import routes
from generator.content.model import LANGS
from generator.site.offline_pack import local_links

# The packs themselves (the preview holds their content) and Pagefind (unusable from file://).
SKIP = (routes.PACK_DIR + "/", routes.SEARCH_BUNDLE.url)
DRAFT_MARK = 'class="cg-draft"'

README = """Bản xem trước của pull request / Pull-request preview
=====================================================

Giải nén, rồi mở index.html trong thư mục này bằng trình duyệt (nhấp đúp).
Không cần mạng, không cần máy chủ. Tìm kiếm dùng một chỉ mục nhỏ đi kèm.
Unzip, then open index.html in this folder with a web browser (double-click).
No network or server needed. Search uses a small index included here.

Trang bản nháp (còn chú thích TODO(review), không có trong bản chính thức)
Draft pages (still marked TODO(review); never in the real site):
{drafts}
"""


def _copy_page(source: Path, target: Path) -> bool:
    """Copy one HTML page with folder links made file://-friendly; True if it is a draft."""
    html = source.read_text(encoding="utf-8")
    target.write_text(local_links(html), encoding="utf-8")
    return DRAFT_MARK in html


def write_preview(site: Path, out: Path) -> list[str]:
    """Write the preview of ``site`` into ``out`` (replaced); returns the draft pages, relative to ``out``."""
    if not (site / routes.ROOT.file).is_file():
        raise FileNotFoundError(f"{site} has no index.html; build the site first (guide build --drafts)")
    if out.exists():
        shutil.rmtree(out)
    drafts = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(SKIP):
            continue
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            if _copy_page(path, target):
                drafts.append(rel)
        else:
            shutil.copyfile(path, target)
    for lang in LANGS:  # each language's search list, as its offline pack carries it
        with zipfile.ZipFile(site / routes.offline_pack(lang).file) as pack:
            data = pack.read(routes.pack_folder(lang) + routes.pack_search(lang).file)
        (out / routes.pack_search(lang).file).write_bytes(data)
    listed = "\n".join(f"  {rel}" for rel in drafts) or "  (không có / none)"
    (out / "README.txt").write_text(README.format(drafts=listed), encoding="utf-8")
    return drafts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m generator.editors.preview SITE OUT", file=sys.stderr)
        return 2
    try:
        drafts = write_preview(Path(args[0]), Path(args[1]))
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        print(f"preview: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote the preview into {args[1]} ({len(drafts)} draft pages); open its index.html.",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
