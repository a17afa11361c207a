"""The `guide` command as editors and CI run it: exit codes and output formats."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib.metadata import entry_points

from conftest import ROOT, base_yaml

LINE = re.compile(r"^\S+:\d+:\d+: (error|warning)\[[a-z0-9.-]+\]( /\S*)?: .+$")


def guide(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_console_script_is_declared():
    assert any(e.name == "guide" and e.value == "generator.cli:main"
               for e in entry_points(group="console_scripts"))


def test_shipped_content_is_clean():
    run = guide("check", "procedures/", "--strict", "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr.startswith("OK: 0 errors, 0 warnings")


def test_errors_exit_1_in_compiler_format(tmp_path):
    bad = tmp_path / "sample.yml"
    bad.write_text(base_yaml().replace("level: commune", "level: district"), encoding="utf-8")
    run = guide("check", str(bad), "--lang", "en")  # the wording below is the English (the default is Vietnamese)
    assert run.returncode == 1
    lines = [line for line in run.stdout.splitlines() if not line.startswith("    hint: ")]
    assert lines and all(LINE.match(line) for line in lines), run.stdout
    assert "error[schema.enum] /level" in run.stdout
    assert run.stderr.strip() == "Aborted: 1 error, 0 warnings in 1 file."


def test_json_format_has_the_documented_fields(tmp_path):
    bad = tmp_path / "sample.yml"
    bad.write_text(base_yaml().replace("amount: 8000", 'amount: "8.000đ"'), encoding="utf-8")
    run = guide("check", "--format", "json", str(bad))
    assert run.returncode == 1
    [item] = json.loads(run.stdout)
    assert set(item) == {"file", "line", "column", "pointer", "code", "severity", "message", "hint"}
    assert (item["code"], item["line"], item["column"]) == ("schema.type", 16, 17)
    assert item["pointer"] == "/channels/in_person/fees/0/amount"


def test_github_format_makes_annotations(tmp_path):
    bad = tmp_path / "sample.yml"
    bad.write_text(base_yaml().replace("result:", "reslt:"), encoding="utf-8")
    run = guide("check", "--format", "github", "--lang", "en", str(bad))
    assert run.returncode == 1
    assert re.match(r"^::error file=\S+sample\.yml,line=33,col=1,title=schema\.unknown-key /reslt::"
                    r"unknown key 'reslt'%0Adid you mean 'result'\?$", run.stdout.strip()), run.stdout


def test_warnings_pass_unless_strict(tmp_path):
    draft = tmp_path / "sample.yml"
    draft.write_text(base_yaml().replace(", zh: 示例手续", ""), encoding="utf-8")
    assert guide("check", str(draft)).returncode == 0
    strict = guide("check", "--strict", str(draft))
    assert strict.returncode == 1
    assert "warning[i18n.missing] /name" in strict.stdout


def test_usage_errors_exit_2(tmp_path):
    assert guide("check", str(tmp_path / "missing.yml")).returncode == 2
    assert guide("check", "--format", "xml").returncode == 2
    assert guide().returncode == 2
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    run = guide("check", str(tmp_path / "notes.txt"))
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_schema_check_reports_fresh():
    assert guide("schema", "--check").returncode == 0
