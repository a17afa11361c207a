"""Scale benchmark: how the site build and the search behave as the catalogue grows.

For each N it makes a throwaway project with N synthetic procedures
(benchmarks/synth.py) and measures, every build in a fresh subprocess:

- the full site-only build (`build(..., with_print=False)`), clean cache, median of --runs,
  with peak memory (the build process and, separately, its children: Pagefind);
- output size, bytes per procedure, and the size of one procedure page;
- in Chromium: a procedure page's first load, a second procedure page after it, and the
  Pagefind files a first search downloads (`tim-kiem/?q=dang ky khai sinh`), gzipped;
- a rebuild into the same folder after one Vietnamese text changed (warm cache);
- plain mkdocs-material (same Markdown, same pruned nav, default lunr search, i18n plugin)
  on the same machine, so our build time can be read as a ratio on a noisy machine.

    .venv/bin/python benchmarks/scale_bench.py [--n 100 500] [--runs 3]
    .venv/bin/python benchmarks/scale_bench.py --n 2000 --runs 1 --merge /tmp/scale.json
    .venv/bin/python benchmarks/scale_bench.py --profile 500      # cProfile one build, print top entries

--merge FILE keeps the raw figures of every N measured with that file, so a slow N can be
run on its own and the table still shows all of them. Writes BENCHMARKS.md, section "Scale".
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE = "thu-tuc/dang-ky-khai-sinh/"
NEXT_PAGE = "thu-tuc/dang-ky-ket-hon/"
SEARCH = "tim-kiem/?q=dang ky khai sinh"
EDITED = "dang-ky-khai-sinh.yml"
TARGET_N = 2000
TARGETS = {  # from the issue, at 2,000 procedures × 3 languages
    "search_kb": 300, "first_load_kb": 150, "next_page_kb": 30,
    "build_s": 60, "rebuild_s": 10, "memory_mb": 2048,
}
CHILD_TIMEOUT = 3600


# --------------------------------------------------------------------------- children
# Each build runs in its own interpreter: memory figures are its own, and nothing is warm.

class TreeMemory:
    """Peak memory of this process and all its descendants together, sampled from /proc.

    Proportional set size (Pss): pages shared between processes (the forked page helpers share the
    catalogue with the build) are divided among them, not counted once per process as resident sizes
    would be. ru_maxrss of children is no use either: Linux charges a child with its parent's RSS at exec.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _pss(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _sample(self) -> int:
        parent = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent[int(entry.name)] = int(stat[stat.rindex(")") + 2:].split()[1])
        tree = {os.getpid()}
        changed = True
        while changed:
            changed = False
            for pid, ppid in parent.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    changed = True
        return sum(self._pss(pid) for pid in tree)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _child_build(project: Path, out: Path) -> dict:
    """One `build(..., with_print=False)`; the build reports the time of each of its stages."""
    import resource

    from generator.build import build
    from generator.config import load_settings

    settings = load_settings(project)
    with TreeMemory() as memory:
        started, cpu = time.perf_counter(), time.process_time()
        result = build(settings, out, with_print=False)
        total = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": total,
        "pages": result.pages,
        "stages": result.seconds,
        "made": len(result.made),
        "kept": result.kept,
        "cpu_self": time.process_time() - cpu,
        "cpu_children": children.ru_utime + children.ru_stime,
        "rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_tree_kb": memory.peak // 1024,
    }


PLAIN_CONFIG = """\
site_name: plain
docs_dir: {docs}
site_dir: {site}
use_directory_urls: true
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      languages:
        - locale: vi
          name: Tiếng Việt
          default: true
          build: true
        - locale: en
          name: English
          build: true
        - locale: zh
          name: 简体中文
          build: true
markdown_extensions:
  - attr_list
  - md_in_html
  - toc
nav:
{nav}
"""


def _child_plain(project: Path, work: Path) -> dict:
    """Plain mkdocs-material on the Markdown our build generates: only the mkdocs build is timed."""
    import resource

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.site import routes
    from generator.build import load_catalog
    from generator.config import load_settings
    from generator.site.engine import NAV, _quiet
    from generator.site.pages import PageRenderer
    from generator.print.qr import QRCache
    from generator.content.strings import load_strings

    settings = load_settings(project)
    catalog = load_catalog(settings)
    strings, _ = load_strings(project / "i18n")
    docs, site = work / "docs", work / "site"
    for page in PageRenderer(catalog, strings, project / "templates", QRCache(None)).all_pages():
        # The same pages as a Markdown site would hold them: front matter, then our HTML.
        target = docs / page.lang / page.route.url[len(routes.PREFIX[page.lang]):] / "index.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = [f"title: {json.dumps(page.title, ensure_ascii=False)}"]
        if page.description:
            meta.append(f"description: {json.dumps(page.description, ensure_ascii=False)}")
        target.write_text("---\n" + "\n".join(meta) + "\n---\n\n" + page.html, encoding="utf-8")
    shutil.copytree(project / "templates" / "assets", docs / "assets")
    # The same pruned nav as ours: with the default nav (every page) the output grows as N² (docs/design-notes.md §3).
    nav = "\n".join(f"  - {routes.page(kind, 'vi').url}index.md" for _, kind in NAV)
    config_file = work / "mkdocs.yml"
    config_file.write_text(PLAIN_CONFIG.format(docs=docs, site=site, nav=nav), encoding="utf-8")
    _quiet()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    mkdocs_build(load_config(str(config_file)))
    seconds = time.perf_counter() - started
    files = [p for p in site.rglob("*") if p.is_file()]
    return {
        "seconds": seconds,
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rss_before_kb": rss_before,
    }


def _child_profile(project: Path, out: Path, top: int) -> dict:
    import cProfile
    import io
    import pstats

    from generator.build import build
    from generator.config import load_settings

    settings = load_settings(project)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    build(settings, out, with_print=False)
    profiler.disable()
    seconds = time.perf_counter() - started
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("cumulative").print_stats(top)
    cumulative = stream.getvalue()
    stream.seek(0)
    stream.truncate()
    stats.sort_stats("tottime").print_stats(top)
    return {"seconds": seconds, "cumulative": cumulative, "tottime": stream.getvalue()}


def run_child(mode: str, *args: str, timeout: float = CHILD_TIMEOUT) -> dict:
    env = dict(os.environ)
    env.pop("GUIDE_CACHE_DIR", None)  # the project's own .cache, which the runs control
    proc = subprocess.run([sys.executable, __file__, "--child", mode, *args], capture_output=True, text=True,
                          check=False,
                          timeout=timeout, env=env, cwd=str(ROOT))
    if proc.returncode != 0:
        raise RuntimeError(f"{mode} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- browser

class _Logged(http.server.SimpleHTTPRequestHandler):
    served: list[str]

    def log_message(self, *args):
        pass

    def do_GET(self):  # http.server's naming
        self.served.append(self.path)
        super().do_GET()


def _gz(body: bytes) -> int:
    return len(gzip.compress(body, 9))


def browser_figures(site: Path) -> dict:
    """Procedure page first load, the next procedure page, and a first search, gzipped per response."""
    from playwright.sync_api import sync_playwright

    from generator.print.browser import launch

    served: list[str] = []
    handler = type("Handler", (_Logged,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    def collect(responses) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for r in responses:
            try:
                body = r.body()
            except Exception:  # noqa: BLE001 - redirects have no body
                continue
            sizes[r.url.removeprefix(base)] = _gz(body)
        return sizes

    figures: dict = {}
    try:
        with sync_playwright() as p:
            browser = launch(p)
            # A procedure page, then another one: the second costs only what was not fetched yet.
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            responses: list = []
            page.on("response", lambda r: responses.append(r))
            page.goto(base + PAGE, wait_until="networkidle")
            first = collect(responses)
            responses.clear()
            page.goto(base + NEXT_PAGE, wait_until="networkidle")
            second = {u: s for u, s in collect(responses).items() if u not in first}
            context.close()
            figures["first_load"] = first
            figures["next_page"] = second

            # A first search from a fresh phone: the search page, then Pagefind's files.
            context = browser.new_context(viewport={"width": 360, "height": 740})
            page = context.new_page()
            responses = []
            page.on("response", lambda r: responses.append(r))
            served.clear()
            page.goto(base + SEARCH, wait_until="domcontentloaded")
            page.wait_for_function(
                "() => document.querySelectorAll('.cg-search__results li').length > 0"
                " || (document.querySelector('.cg-search__status')||{}).textContent === "
                "(document.querySelector('[data-cg-search]')||{getAttribute:()=>null}).getAttribute('data-cg-none')",
                timeout=60_000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".cg-search__results li").count()
            context.close()
            browser.close()
            search = {u: s for u, s in collect(responses).items() if u.startswith("pagefind/")}
            # Cross-check with what the server saw (requests from workers would not reach page.on).
            for path in served:
                rel = path.split("?")[0].lstrip("/")
                if rel.startswith("pagefind/") and rel not in search and (site / rel).is_file():
                    search[rel] = _gz((site / rel).read_bytes())
            figures["search"] = search
            figures["search_results"] = results
    finally:
        server.shutdown()
    return figures


def search_parts(search: dict[str, int]) -> dict[str, tuple[int, int]]:
    parts: dict[str, list[int]] = {}
    for url, size in search.items():
        name = url.removeprefix("pagefind/")
        kind = ("index chunks" if name.startswith("index/") else "fragments" if name.startswith("fragment/")
                else "wasm" if name.startswith("wasm.") else "meta + entry" if name.endswith(".pf_meta")
                or name == "pagefind-entry.json" else name if name in ("pagefind.js", "pagefind-worker.js")
                else "other")
        parts.setdefault(kind, []).append(size)
    return {k: (len(v), sum(v)) for k, v in parts.items()}


# --------------------------------------------------------------------------- one N

def measure(n: int, runs: int, tmp: Path, plain_timeout: float = CHILD_TIMEOUT) -> dict:
    from benchmarks.synth import make_project

    project, out = tmp / f"project-{n}", tmp / f"site-{n}"
    paths = make_project(project, n)
    print(f"[N={n}] project ready ({len(paths)} procedures)", file=sys.stderr, flush=True)
    builds = []
    for i in range(runs):
        for folder in (project / ".cache", out, out.with_name(f".{out.name}.spare")):  # a clean build
            shutil.rmtree(folder, ignore_errors=True)
        builds.append(run_child("build", str(project), str(out)))
        print(f"[N={n}] build {i + 1}/{runs}: {builds[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    files = [p for p in out.rglob("*") if p.is_file()]
    page_html = (out / PAGE / "index.html").read_bytes()
    pagefind_bytes = sum(p.stat().st_size for p in (out / "pagefind").rglob("*") if p.is_file())
    size = {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "html_files": sum(1 for p in files if p.suffix == ".html"),
        "pagefind_bytes": pagefind_bytes,
        "offline_bytes": sum(p.stat().st_size for p in (out / "offline").rglob("*") if p.is_file()),
        "page_html": len(page_html),
        "page_html_gz": _gz(page_html),
    }
    browser = browser_figures(out)
    print(f"[N={n}] browser done", file=sys.stderr, flush=True)

    # One Vietnamese edit, then another: the first rebuild after a clean build also makes the spare
    # tree (links to every unchanged file); the second updates that spare in place.
    edited = next(p for p in paths if p.name == EDITED)
    rebuilds = []
    for mark in ("Đã sửa.", "Sửa lần hai."):
        text = edited.read_text(encoding="utf-8")
        new = re.sub(r"^(summary:\n  vi: )(.+)$", rf"\g<1>\g<2> {mark}", text, count=1, flags=re.M)
        assert new != text, "no Vietnamese summary to edit"
        edited.write_text(new, encoding="utf-8")
        rebuilds.append(run_child("build", str(project), str(out)))
        assert mark in (out / PAGE / "index.html").read_text(encoding="utf-8"), "edit not in the rebuilt page"
        print(f"[N={n}] rebuild: {rebuilds[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    rebuild = rebuilds[0]

    plain = []
    for i in range(runs):
        work = tmp / f"plain-{n}"
        shutil.rmtree(work, ignore_errors=True)
        try:
            plain.append(run_child("plain", str(project), str(work), timeout=plain_timeout))
        except subprocess.TimeoutExpired:
            # Plain mkdocs grows faster than N (the i18n plugin's search de-duplication): stop it.
            plain.append({"seconds": None, "timeout": plain_timeout})
            print(f"[N={n}] plain mkdocs stopped after {plain_timeout:.0f} s", file=sys.stderr, flush=True)
            break
        print(f"[N={n}] plain mkdocs {i + 1}/{runs}: {plain[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
    shutil.rmtree(tmp / f"plain-{n}", ignore_errors=True)
    for folder in (out, out.with_name(f".{out.name}.spare"), project):
        shutil.rmtree(folder, ignore_errors=True)
    return {"n": n, "runs": runs, "builds": builds, "size": size, "browser": browser,
            "rebuild": rebuild, "rebuild2": rebuilds[1], "plain": plain}


# --------------------------------------------------------------------------- report

def _kb(b: float) -> str:
    return f"{b / 1024:.1f} KB"


def _mb(b: float) -> str:
    return f"{b / 1e6:.1f} MB"


def summary(r: dict) -> dict:
    times = [b["seconds"] for b in r["builds"]]
    plain = [p["seconds"] for p in r["plain"] if p["seconds"] is not None]
    stopped = [p["timeout"] for p in r["plain"] if p["seconds"] is None]
    return {
        "build": statistics.median(times),
        "times": times,
        "plain": statistics.median(plain) if plain else None,
        "plain_stopped": stopped[0] if stopped else None,
        "rebuild": r["rebuild"]["seconds"],
        "rebuild2": r["rebuild2"]["seconds"] if "rebuild2" in r else None,
        "rss_self": max(b["rss_self_kb"] for b in r["builds"] + [r["rebuild"]]) * 1024,
        "rss_tree": max(b["rss_tree_kb"] for b in r["builds"] + [r["rebuild"]]) * 1024,
        "first_load": sum(r["browser"]["first_load"].values()),
        "next_page": sum(r["browser"]["next_page"].values()),
        "search": sum(r["browser"]["search"].values()),
    }


def report(results: list[dict]) -> str:
    results = sorted(results, key=lambda r: r["n"])
    s = {r["n"]: summary(r) for r in results}
    ns = [r["n"] for r in results]
    head = "| measure | " + " | ".join(f"N = {n}" for n in ns) + f" | target (at {TARGET_N:,} × 3) |"
    rows = [head, "|---" * (len(ns) + 2) + "|"]

    def row(name: str, cells: list[str], target: str = "—") -> None:
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")

    row("pages built (3 languages)", [str(r["builds"][0]["pages"]) for r in results])
    row("full build, site only, clean cache (median; runs)",
        [f"**{s[n]['build']:.1f} s** ({', '.join(f'{t:.1f}' for t in s[n]['times'])})" for n in ns],
        f"< {TARGETS['build_s']} s")
    row("plain mkdocs-material, same Markdown (median)",
        [f"{s[n]['plain']:.1f} s" if s[n]["plain"] else f"> {s[n]['plain_stopped']:.0f} s (stopped)" for n in ns])
    row("ratio ours / plain", [f"{s[n]['build'] / s[n]['plain']:.2f}" if s[n]["plain"]
                               else f"< {s[n]['build'] / s[n]['plain_stopped']:.2f}" for n in ns])
    row("rebuild after one vi edit (same out, warm cache; also makes the spare tree)",
        [f"**{s[n]['rebuild']:.1f} s** ({r['rebuild']['made']:,} outputs made, {r['rebuild']['kept']:,} kept)"
         for n, r in zip(ns, results)], f"≤ {TARGETS['rebuild_s']} s")
    row("rebuild after a second vi edit (spare updated in place)",
        [f"{s[n]['rebuild2']:.1f} s" if s[n]["rebuild2"] is not None else "not recorded" for n in ns])
    row("CPU of the median full build: build process / helpers and Pagefind",
        [f"{b['cpu_self']:.0f} s / {b['cpu_children']:.0f} s" if "cpu_self" in b else "not recorded"
         for b in (sorted(r["builds"], key=lambda x: x["seconds"])[len(r["builds"]) // 2] for r in results)])
    row("peak memory: whole process tree (Pss, sampled) / build process alone (max RSS)",
        [f"{s[n]['rss_tree'] / 2**20:.0f} MB / {s[n]['rss_self'] / 2**20:.0f} MB" for n in ns],
        f"< {TARGETS['memory_mb'] // 1024} GB")
    row("output: bytes, files", [f"{_mb(r['size']['bytes'])}, {r['size']['files']:,} files" for r in results])
    row("output per procedure", [_kb(r["size"]["bytes"] / r["n"]) for r in results], "constant (linear in N)")
    if any(r["size"].get("offline_bytes") for r in results):
        row("of which offline packs (`offline/`) per procedure",
            [_kb(r["size"]["offline_bytes"] / r["n"]) if "offline_bytes" in r["size"] else "not recorded"
             for r in results])
    row("of which Pagefind index per procedure", [_kb(r["size"]["pagefind_bytes"] / r["n"]) for r in results])
    row(f"`{PAGE}` HTML (raw / gzipped)",
        [f"{_kb(r['size']['page_html'])} / {_kb(r['size']['page_html_gz'])}" for r in results], "constant")
    row("procedure page, first load (gzipped)",
        [f"{_kb(s[n]['first_load'])} in {len(r['browser']['first_load'])} req." for n, r in zip(ns, results)],
        f"< {TARGETS['first_load_kb']} KB")
    row("next procedure page (gzipped, not yet fetched)",
        [f"{_kb(s[n]['next_page'])} in {len(r['browser']['next_page'])} req." for n, r in zip(ns, results)],
        f"< {TARGETS['next_page_kb']} KB")
    row("first search `dang ky khai sinh`, Pagefind files (gzipped)",
        [f"**{_kb(s[n]['search'])}** in {len(r['browser']['search'])} req., {r['browser']['search_results']} hits"
         for n, r in zip(ns, results)], f"< {TARGETS['search_kb']} KB")
    for kind in ("pagefind.js", "pagefind-worker.js", "wasm", "meta + entry", "index chunks", "fragments", "other"):
        cells = []
        for r in results:
            count, size = search_parts(r["browser"]["search"]).get(kind, (0, 0))
            cells.append(f"{_kb(size)} ({count})" if count else "—")
        if any(c != "—" for c in cells):
            row(f"  · {kind}", cells)

    # Stages of the median build.
    stage_lines = []
    for r in results:
        b = sorted(r["builds"], key=lambda x: x["seconds"])[len(r["builds"]) // 2]
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(b["stages"].items(), key=lambda x: -x[1]))
        stage_lines.append(f"- N = {r['n']}: {parts}.")

    # Verdicts against the targets: measured at 2,000 when it was run, else projected linearly.
    verdicts = []

    def verdict(name: str, key, limit: float, unit: str, fmt: str = "{:.1f}") -> None:
        values = {n: key(s[n]) for n in ns}
        if TARGET_N in values:
            value = values[TARGET_N]
            verdicts.append(f"- {name}: {fmt.format(value)} {unit} measured at N = {TARGET_N:,}, target < "
                            f"{limit:g} {unit}: **{'met' if value < limit else 'MISSED'}**.")
            return
        last = ns[-1]
        measured = f"{fmt.format(values[last])} {unit} at N = {last:,}"
        if values[last] >= limit:
            verdicts.append(f"- {name}: {measured}, target < {limit:g} {unit} at {TARGET_N:,}: "
                            f"**MISSED** already at N = {last:,}.")
        elif len(ns) >= 2:
            first = ns[0]
            projected = values[last] + (values[last] - values[first]) / (last - first) * (TARGET_N - last)
            verdicts.append(f"- {name}: {measured}; projected linearly to {TARGET_N:,}: about "
                            f"{fmt.format(projected)} {unit}, target < {limit:g} {unit}: "
                            f"**{'met' if projected < limit else 'MISSED'} (projected, not measured)**.")
        else:
            verdicts.append(f"- {name}: {measured}, target < {limit:g} {unit} at {TARGET_N:,}: "
                            "not measured at that size.")

    verdict("Build, site only (median)", lambda x: x["build"], TARGETS["build_s"], "s")
    verdicts += [f"  - against plain mkdocs-material on the same pages, same run: N = {n}: "
                 + (f"{s[n]['build']:.1f} s / {s[n]['plain']:.1f} s = {s[n]['build'] / s[n]['plain']:.2f}"
                    if s[n]["plain"] else f"{s[n]['build']:.1f} s / > {s[n]['plain_stopped']:.0f} s (stopped)")
                 for n in ns]
    verdict("Rebuild after one edit", lambda x: x["rebuild"], TARGETS["rebuild_s"], "s")
    verdict("Peak memory (build process tree, Pagefind included)",
            lambda x: max(x["rss_tree"], x["rss_self"]) / 2**20, TARGETS["memory_mb"], "MB", "{:.0f}")
    verdict("First search, Pagefind files gzipped", lambda x: x["search"] / 1024, TARGETS["search_kb"], "KB")
    verdict("Procedure page, first load", lambda x: x["first_load"] / 1024, TARGETS["first_load_kb"], "KB")
    verdict("Next procedure page", lambda x: x["next_page"] / 1024, TARGETS["next_page_kb"], "KB")
    if len(results) >= 2:
        per = [r["size"]["bytes"] / r["n"] for r in results]
        page = [r["size"]["page_html"] for r in results]
        growth, page_growth = per[-1] / per[0], page[-1] / page[0]
        linear = growth < 1.25 and page_growth < 1.25
        verdicts.append(f"- Output linear in N: bytes per procedure ×{growth:.2f} and one page's HTML "
                        f"×{page_growth:.2f} from N = {ns[0]} to {ns[-1]}: **{'met' if linear else 'MISSED'}**.")

    lines = [
        ("Synthetic projects from `benchmarks/synth.py` (N procedures × vi, en, zh). Site only "
        "(`build(..., with_print=False)`); each build in a fresh process; clean `.cache`, no previous site "
        "and no spare tree for full builds. Sizes in the browser are Chromium responses gzipped at level 9 "
        "(Pagefind chunks are already gzipped). The plain build is mkdocs-material + mkdocs-static-i18n + the "
        "default search plugin on the same pages written as Markdown files (front matter and our HTML), with "
        "the same pruned nav; only its mkdocs build is timed. Our build hands the engine finished HTML and fills "
        "every procedure page into one rendered shell per language (generator/site/engine.py). The machine has "
        "2 cores and other work was running: compare ratios to plain at the same N, not the seconds alone. "
        "Peak memory is sampled every 50 ms from /proc: the proportional set size of all processes of one "
        "build, so pages shared by the forked page helpers count once."),
        "",
        *rows,
        "",
        "Where the time goes (stages of the median build):",
        "",
        *stage_lines,
        "",
        "Against the targets:",
        "",
        *verdicts,
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main

def profile(n: int, top: int) -> str:
    from benchmarks.synth import make_project

    with tempfile.TemporaryDirectory(prefix="scale-profile-") as tmp:
        project, out = Path(tmp) / "project", Path(tmp) / "site"
        make_project(project, n)
        result = run_child("profile", str(project), str(out), str(top))
    return (f"cProfile, one build of N = {n} (site only, clean cache): {result['seconds']:.1f} s under the profiler"
            f"\n\n{result['cumulative']}\n{result['tottime']}")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        mode, args = sys.argv[2], sys.argv[3:]
        if mode == "build":
            result = _child_build(Path(args[0]), Path(args[1]))
        elif mode == "plain":
            result = _child_plain(Path(args[0]), Path(args[1]))
        elif mode == "profile":
            result = _child_profile(Path(args[0]), Path(args[1]), int(args[2]))
        else:
            raise SystemExit(f"unknown child mode {mode}")
        sys.stdout.write("\n" + json.dumps(result) + "\n")
        return

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="*", default=[100, 500],
                        help="numbers of procedures (none with --merge: report what the file holds)")
    parser.add_argument("--runs", type=int, default=3, help="full builds (and plain builds) per N")
    parser.add_argument("--plain-timeout", type=float, default=CHILD_TIMEOUT,
                        help="stop a plain mkdocs build after this many seconds")
    parser.add_argument("--merge", type=Path, help="JSON file of raw results to add to and report from")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--profile", type=int, metavar="N", help="only profile one build of N procedures")
    parser.add_argument("--top", type=int, default=30, help="entries to print with --profile")
    args = parser.parse_args()

    if args.profile:
        print(profile(args.profile, args.top))
        return

    known: dict[int, dict] = {}
    if args.merge and args.merge.is_file():
        known = {r["n"]: r for r in json.loads(args.merge.read_text(encoding="utf-8"))}
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as tmp:
        for n in args.n:
            known[n] = measure(n, args.runs, Path(tmp), args.plain_timeout)
            if args.merge:
                args.merge.write_text(json.dumps(list(known.values()), indent=1), encoding="utf-8")
    if not known:
        raise SystemExit("nothing measured")
    text = report(list(known.values()))
    print(text)
    if not args.no_write:
        from benchmarks.report import write_section

        write_section("Scale", text)


if __name__ == "__main__":
    main()
