"""Routes: every output's file, URL and links come from one place."""
from __future__ import annotations

import pytest

from generator import routes


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
