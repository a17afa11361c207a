"""Routes: every output's file, URL and links come from one place."""
from __future__ import annotations

import pytest

from generator.site import routes


def test_pages_use_directory_urls_with_a_language_prefix():
    assert routes.procedure("dang-ky-khai-sinh", "vi").url == "thu-tuc/dang-ky-khai-sinh/"
    assert routes.procedure("dang-ky-khai-sinh", "en").file == "en/thu-tuc/dang-ky-khai-sinh/index.html"
    assert routes.page("home", "zh").url == "zh/" and routes.page("home", "vi").file == "index.html"
    assert routes.page("field", "vi", "dat-dai").url == "linh-vuc/dat-dai/"
    assert routes.page("not_found", "en").file == "404.html"
    with pytest.raises(ValueError):
        routes.page("procedure", "vi")


def test_links_are_relative_between_any_two_outputs():
    birth = routes.procedure("dang-ky-khai-sinh", "en")
    assert routes.page("a_z", "en").href(birth) == "../../a-z/"
    assert routes.procedure("tach-ho", "en").href(birth) == "../tach-ho/"
    assert birth.href(birth) == "./"
    assert routes.handout("tach-ho", ("vi", "zh")).href(birth) == "../../../print/tach-ho/tach-ho-vi-zh.pdf"
    assert routes.asset("guide.css").href(routes.page("home", "vi")) == "assets/guide.css"
    assert routes.page("home", "vi").href(routes.page("home", "zh")) == "../"


def test_file_links_open_index_files():
    birth = routes.procedure("dang-ky-khai-sinh", "vi")
    assert routes.page("a_z", "vi").file_href(birth) == "../../a-z/index.html"
    assert routes.page("home", "vi").file_href(birth) == "../../index.html"
    assert routes.asset("guide.js").file_href(birth) == "../../assets/guide.js"


def test_print_products_live_below_the_print_folder():
    assert routes.poster("x", "a3", "zh").within(routes.PRINT_ROOT) == "x/x-poster-a3-zh.pdf"
    assert routes.script("x", "short").url == "print/x/x-loa-ngan.txt"
    assert routes.print_view("x", "en").url == "en/in/x/"
    with pytest.raises(ValueError):
        routes.data("procedures.json").within(routes.PRINT_ROOT)


def test_the_language_set_lives_in_the_model():
    from generator.content.model import LANGS

    assert list(routes.PREFIX) == list(LANGS) and routes.DEFAULT_LANG == LANGS[0]
    assert routes.PREFIX[routes.DEFAULT_LANG] == "" and all(routes.PREFIX[lang] == f"{lang}/" for lang in LANGS[1:])
    assert set(routes.alternates("a_z")) == set(LANGS)


def test_the_site_root_and_the_data_scripts_load():
    birth = routes.procedure("dang-ky-khai-sinh", "zh")
    assert routes.ROOT.href(birth) == "../../../" and routes.ROOT.href(routes.page("home", "vi")) == "./"
    assert routes.communes("en").href(routes.print_view("x", "en")) == "../../../data/communes-en.json"
    assert routes.SEARCH_SCRIPT.href(routes.page("search", "vi")) == "../pagefind/pagefind.js"
    assert routes.pack_search("zh").href(routes.page("search", "zh")) == "../../assets/search-zh.js"
    assert routes.offline_pack("vi").href(routes.page("home", "vi")) == "offline/citizen-guide-vi.zip"


def test_print_products_below_the_print_folder_are_what_guide_print_writes():
    assert routes.handout("x", ("vi", "en")).within(routes.PRINT_ROOT) == "x/x-vi-en.pdf"
    assert routes.script("x", "long").within(routes.PRINT_ROOT) == "x/x-loa-dai.txt"
    assert routes.handout("x", ("en",)) == routes.handout("x", ("en",)), "routes compare by value"
    assert len({routes.handout("x", ("en",)), routes.handout("x", ("en",))}) == 1
