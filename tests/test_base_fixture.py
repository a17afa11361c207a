"""The base fixture must be valid, or every positioned test below means nothing."""
from conftest import base_yaml


def test_base_fixture_is_clean(write, check_files):
    path = write("sample.yml", base_yaml())
    assert check_files(path) == []
