"""A rebuild after an edit makes exactly what a clean build of the same content makes, byte for byte.

One project copy (the guides and the small portal sample) is edited step by step; after each
kind of edit it is rebuilt into its site/ (keeping what did not change, through the spare
tree and the manifest) and built clean into a new folder, and the two must be identical.
Site only: print products are made whole by the print stage, with their own PDF cache.
"""
from __future__ import annotations

import hashlib

import pytest

from conftest import base_yaml, copy_project
from generator.site import page_batch
from generator.build import build
from generator.config import load_settings

SCHEMA = "generator/schema/procedure.schema.json"
BIRTH = "procedures/ho-tich/dang-ky-khai-sinh.yml"
NEW = "procedures/ho-tich/thu-tuc-moi.yml"
EPOCH = "1764000000"


def _replace(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_procedure(path) -> None:
    text = base_yaml(path.stem).split("\n", 1)[1]
    path.write_text(f"# yaml-language-server: $schema=../../{SCHEMA}\n{text}", encoding="utf-8")


# In order: each edit applies to the project as the ones before it left it.
EDITS = {
    "vi text": lambda root: _replace(root / BIRTH, "  vi: Đăng ký khai sinh\n", "  vi: Đăng ký khai sinh cho trẻ\n"),
    "vi step text": lambda root: _replace(root / BIRTH, "      vi: Chuẩn bị tờ khai và Giấy chứng sinh\n",
                                          "      vi: Chuẩn bị tờ khai và bản chính Giấy chứng sinh\n"),
    "en text": lambda root: _replace(root / BIRTH, "  en: Birth registration\n", "  en: Registering a birth\n"),
    "template": lambda root: _replace(root / "templates/pages/procedure.html.j2", '<h2 id="steps">',
                                      '<h2 id="steps" data-edited>'),
    "i18n string": lambda root: _replace(root / "i18n/en.yml", "\nnav.a_z: A–Z\n", "\nnav.a_z: A to Z\n"),
    "search words": lambda root: _replace(root / "i18n/search-synonyms.yml", "      - register a baby\n",
                                          "      - register a baby\n      - papers for a baby\n"),
    "new procedure": lambda root: _new_procedure(root / NEW),
    "deleted procedure": lambda root: (root / NEW).unlink(),
}


def _files(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental") / "project"
    copy_project(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        first = build(load_settings(root), with_print=False)
    assert first.kept == 0
    return root


def _built_twice(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    settings = load_settings(project)
    again = build(settings, with_print=False)  # the few pages it makes, it renders itself
    monkeypatch.setattr(page_batch, "PARALLEL_FROM", 1)  # the clean build renders in helper processes
    clean = build(settings, tmp_path / "clean", with_print=False)
    assert not clean.kept, "a new folder keeps nothing"
    return again, _files(project / "site"), _files(tmp_path / "clean")


def test_a_rebuild_with_nothing_changed_makes_nothing(project, tmp_path, monkeypatch):
    again, incremental, clean = _built_twice(project, tmp_path, monkeypatch)
    assert again.made == [], "nothing changed, so nothing is made again"
    assert incremental == clean


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_after_an_edit_equals_a_clean_build(project, tmp_path, monkeypatch, edit):
    EDITS[edit](project)
    again, incremental, clean = _built_twice(project, tmp_path, monkeypatch)
    differ = sorted(rel for rel in incremental.keys() | clean.keys() if incremental.get(rel) != clean.get(rel))
    assert differ == [], f"after the {edit} edit, the rebuild differs from a clean build in {differ[:20]}"
    assert again.kept, "a rebuild keeps what did not change"
    if edit == "vi text":
        # Pages are made again where what they are made from changed (the birth guide, and the guides
        # that list it as related, in every language); what reads pages (search, packs) only where a
        # page's content changed. English pages never show a Vietnamese name: their index stays.
        made = set(again.made)
        assert "thu-tuc/dang-ky-khai-sinh/index.html" in made
        assert "thu-tuc/chung-thuc-chu-ky/index.html" not in made, "an unrelated page did not change"
        assert "search/vi" in made and "search/en" not in made
    if edit == "vi step text":
        # A page that lists the birth guide as related shows its name and summary only.
        made = set(again.made)
        assert "thu-tuc/dang-ky-khai-sinh/index.html" in made
        assert "thu-tuc/dang-ky-lai-khai-sinh/index.html" not in made, "a related page shows no steps"


def test_every_output_is_one_stages(project):
    """The stages say what they make: every output of a build is named by exactly one of them."""
    from generator.build import STAGES, gather
    from generator.site.site_tree import Manifest

    settings = load_settings(project)
    inputs = gather(settings, with_print=False)
    claims = {stage.name: stage.outputs(inputs) for stage in STAGES}
    for name in Manifest(settings.cache_dir, project / "site").load():
        owners = [stage for stage, outputs in claims.items()
                  if name in outputs or any(o.endswith("/") and name.startswith(o) for o in outputs)]
        assert len(owners) == 1, (name, owners)
