"""The parts that make a cold `guide check` fast keep its results exactly as they were.

- reading a large catalog in worker processes gives the same issues and records, in the same order,
  as reading it in one process;
- the loader marks the tags it resolved from a value, and still reports the ones written in the file;
- the check cache's key covers every module the checker imports, found by reading the imports;
- the per-kind checks (crosscheck, flow, form_check) sit below validate.py: none of them imports it.

No timings here: speed is measured by benchmarks/check_bench.py.
"""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, base_yaml
from generator.content import checkcache, validate as validate_module
from generator.content.checkcache import _code_version, import_closure
from generator.config import load_settings
from generator.content.loader import RawInt, load_text

sys.path.insert(0, str(ROOT))
from benchmarks.synth import make_project  # noqa: E402


def _snapshot(validation):
    issues = [(i.file, i.line, i.column, i.code, i.pointer, i.severity, i.text("vi"), i.text("en"))
              for i in validation.issues]
    records = [(r.facts, r.path, r.model_json, r.get_entry().procedure) for r in validation.records]
    return issues, records


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """A generated project of 40 procedures, three of them broken in different ways."""
    root = tmp_path_factory.mktemp("catalog")
    files = make_project(root, 40)

    def edit(path: Path, pattern: str, new: str) -> None:
        path.write_text(re.sub(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")

    edit(files[5], r"^reviewed:", "reviewed: [")  # YAML syntax
    edit(files[17], r"^slug:", "old_slug:")  # an unknown key (and no slug): no record
    edit(files[20], r"^slug: .+$", "slug: other-slug")  # a slug that is not the file's name
    shutil.copy(files[30], files[30].with_name("copy-of-" + files[30].name))  # same code twice
    return root


def test_reading_in_worker_processes_gives_what_one_process_gives(catalog, monkeypatch):
    monkeypatch.chdir(catalog)
    settings = load_settings(catalog)
    serial = validate_module.validate(settings, today=TODAY, use_cache=False)
    monkeypatch.setattr(validate_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(validate_module, "_cores", lambda: 2)
    parallel = validate_module.validate(settings, today=TODAY, use_cache=False)
    assert _snapshot(parallel) == _snapshot(serial)
    codes = {i.code for i in serial.issues}
    assert {"yaml.syntax", "schema.unknown-key", "ref.duplicate-code", "file.slug-mismatch"} <= codes, codes
    assert len(serial.records) == 39  # 41 files: one cannot be read, one fails the schema


def test_worker_results_fill_and_then_come_from_the_cache(catalog, monkeypatch, tmp_path):
    monkeypatch.chdir(catalog)
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(tmp_path / "cache"))
    settings = load_settings(catalog)
    monkeypatch.setattr(validate_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(validate_module, "_cores", lambda: 2)
    cold = validate_module.validate(settings, today=TODAY)
    assert list((tmp_path / "cache" / "check").glob("*/*.pickle")), "the workers wrote the cache"
    warm = validate_module.validate(settings, today=TODAY)
    assert _snapshot(warm) == _snapshot(cold)


def test_a_record_keeps_the_model_but_not_the_text():
    """Positions are the parser's nodes: a record that kept them would hold a whole catalog's nodes."""
    path = ROOT / "procedures" / "ho-tich" / "dang-ky-khai-sinh.yml"
    record, _ = validate_module.read_procedure(path, load_settings(ROOT))
    assert record is not None and record.get_entry().procedure.slug == "dang-ky-khai-sinh"
    assert record.get_entry().doc.text == "" and not record.get_entry().doc.values


# --- tags -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("5", 5), ("'5'", "5"), ("! 5", 5), ("yes", "yes"), ("2026-01-01", "2026-01-01"), ("~", None),
])
def test_values_read_as_before(value, expected):
    doc, _ = load_text("f.yml", f"a: {value}\nb: {value}\n".encode())
    got = doc.data["a"]
    got = got.isoformat() if hasattr(got, "isoformat") else got
    assert got == expected and doc.data["b"] == doc.data["a"]  # the second is the memoized tag


def test_a_number_keeps_what_the_editor_wrote():
    doc, _ = load_text("f.yml", b"a: 1_000\n")
    assert isinstance(doc.data["a"], RawInt) and doc.data["a"] == 1000 and doc.data["a"].raw == "1_000"


@pytest.mark.parametrize("text", ["a: !!str 5\n", "a: !!int x\n", "a: !!float '1'\n", "a: !custom x\n"])
def test_a_tag_written_in_the_file_is_still_reported(text):
    _, issues = load_text("f.yml", text.encode())
    assert [(i.code, i.line, i.column, i.pointer) for i in issues] == [("yaml.tag", 1, 4, "/a")]


@pytest.mark.parametrize("text", ["a: !!str x\n", "a: !!int 5\n", "a: !!str 'x'\n"])
def test_a_tag_that_says_what_the_value_is_anyway_is_not_reported(text):
    assert load_text("f.yml", text.encode())[1] == []


def test_twice_the_same_file_gives_the_same_issues():
    """The memo of resolved tags must not hide a problem the second time a value is seen."""
    text = b"a: yes\nb: 1:30\nc: 07\n"
    first, second = load_text("f.yml", text)[1], load_text("f.yml", text)[1]
    assert [i.code for i in first] == ["yaml.ambiguous-bool", "yaml.sexagesimal", "yaml.leading-zero"]
    assert first == second


def test_positions_are_worked_out_on_demand():
    doc, _ = load_text("f.yml", base_yaml().encode())
    assert doc.values["/name/en"].line == doc.keys["/name/en"].line > 1
    start, end = doc.spans["/slug"]
    assert doc.text[start:end] == "sample"
    assert "/nowhere" not in doc.values and doc.where("/name/en/x") == doc.values["/name/en"]


# --- the cache's key --------------------------------------------------------------------------------

def _package(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "generator" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_closure_follows_every_kind_of_import(tmp_path):
    _package(tmp_path, {
        "__init__.py": "",
        "checker.py": "import os\nfrom generator.a import x\nfrom generator import b\n"
                      "def f():\n    from generator.sub import c\n",
        "a.py": "x = 1\nfrom . import d\n",
        "b.py": "import generator.e as e\n",
        "d.py": "", "e.py": "", "sub/__init__.py": "", "sub/c.py": "from ..a import x\n",
        "unrelated.py": "import generator.checker\n",
    })
    found = {p.relative_to(tmp_path / "generator").as_posix() for p in import_closure("generator.checker", tmp_path)}
    assert found == {"__init__.py", "checker.py", "a.py", "b.py", "d.py", "e.py", "sub/__init__.py", "sub/c.py"}


def test_the_real_closure_holds_the_modules_a_hand_list_forgot():
    found = {p.name for p in import_closure(validate_module.__name__, checkcache._package_root())}
    assert {"validate.py", "loader.py", "richtext.py", "model_words.py", "checkcache.py"} <= found
    assert "pdf.py" not in found and "engine.py" not in found


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    """The package copied, so that a test may edit its modules."""
    shutil.copytree(ROOT / "generator", tmp_path / "src" / "generator",
                    ignore=shutil.ignore_patterns("__pycache__", "schema"))
    monkeypatch.setattr(checkcache, "_package_root", lambda: tmp_path / "src")
    _code_version.cache_clear()
    yield tmp_path / "src" / "generator"
    _code_version.cache_clear()


def _key(folder: Path) -> str:
    _code_version.cache_clear()
    return _code_version(validate_module.__name__, folder)


def test_editing_an_imported_module_changes_the_key(package_copy, tmp_path):
    before = _key(tmp_path / "memo")
    (package_copy / "content/richtext.py").write_text((package_copy / "content/richtext.py").read_text() + "\n# edited\n")
    assert _key(tmp_path / "memo") != before
    assert _key(tmp_path / "memo2") == _key(tmp_path / "memo"), "the memo of imports changes nothing"


def test_a_new_import_brings_its_module_into_the_key(package_copy, tmp_path):
    (package_copy / "brand_new.py").write_text("X = 1\n")
    before = _key(tmp_path / "memo")
    (package_copy / "brand_new.py").write_text("X = 2\n")
    assert _key(tmp_path / "memo") == before, "not imported yet: not part of the key"
    loader = package_copy / "content/loader.py"
    loader.write_text(loader.read_text() + "\ndef _late():\n    from generator.brand_new import X\n")
    with_import = _key(tmp_path / "memo")
    (package_copy / "brand_new.py").write_text("X = 3\n")
    assert with_import != before and _key(tmp_path / "memo") != with_import


def test_editing_a_module_the_checker_does_not_import_keeps_the_key(package_copy, tmp_path):
    before = _key(tmp_path / "memo")
    (package_copy / "print/pdf.py").write_text((package_copy / "print/pdf.py").read_text() + "\n# edited\n")
    assert _key(tmp_path / "memo") == before



# --- the import circle ------------------------------------------------------------------------------

def _import_graph() -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (inside functions too), over the checker's closure."""
    import ast

    root = checkcache._package_root()
    graph = {}
    for path in import_closure(validate_module.__name__, root):
        name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
        imported = checkcache._imported(ast.parse(path.read_bytes()), name, path.name == "__init__.py")
        graph[name] = {n for n in imported if checkcache._module_file(n, root) and n not in (name, "generator")}
    return graph


def _on_a_circle(graph: dict[str, set[str]], start: str) -> bool:
    todo, seen = list(graph.get(start, ())), set()
    while todo:
        name = todo.pop()
        if name == start:
            return True
        if name not in seen:
            seen.add(name)
            todo += graph.get(name, ())
    return False


@pytest.mark.parametrize("module", ["validate", "crosscheck", "flow", "form_check", "glossary", "checked_file",
                                    "model_texts"])
def test_the_checks_import_each_other_in_no_circle(module):
    graph = _import_graph()
    assert f"generator.content.{module}" in graph
    assert not _on_a_circle(graph, f"generator.content.{module}"), f"{module} imports itself through others"
