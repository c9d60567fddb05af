"""The core CLI verbs: --version, schema, example, convert JSON↔TOML; exit codes and error places."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from govdisclosure import NATIONAL_2019, __version__, json_schema, load_toml
from govdisclosure.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_version_via_python_m() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and proc.stdout.strip() == f"govdisclosure {__version__}"


def test_schema_prints_the_variant_schema() -> None:
    code, out, _ = run("schema", "--variant", "national-2019")
    assert code == 0
    assert json.loads(out) == json_schema(NATIONAL_2019)
    code, _, err = run("schema", "--variant", "nope")
    assert code == 2 and "nope" in err


def test_example_is_the_bundled_real_report() -> None:
    code, out, _ = run("example")
    assert code == 0
    r = load_toml(out)
    assert r.agency.name == "海原县郑旗乡人民政府" and r.year == 2024
    assert r.requests.received.total is None  # the 总计 column was not printed


def test_convert_toml_to_json_and_back(tmp_path: Path) -> None:
    src = tmp_path / "r.toml"
    assert run("example", "-o", str(src))[0] == 0
    before = src.read_bytes()
    js = tmp_path / "r.json"
    assert run("convert", str(src), "--to", "json", "-o", str(js))[0] == 0
    jsonschema.validate(json.loads(js.read_text("utf-8")), json_schema(load_toml(before).layout))
    back = tmp_path / "back.toml"
    assert run("convert", str(js), "--to", "toml", "-o", str(back))[0] == 0
    assert load_toml(back.read_bytes()) == load_toml(before)
    assert src.read_bytes() == before  # input never modified


def test_bad_input_exits_2_naming_file_and_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "national-2021", "schema_version": 1,\n "year": "x"', encoding="utf-8")
    code, _, err = run("convert", str(bad), "--to", "toml")
    assert code == 2 and "bad.json" in err and "line 2" in err
    code, _, err = run("convert", str(tmp_path / "missing.json"), "--to", "json")
    assert code == 2 and "missing.json" in err


def test_failed_write_keeps_existing_output(tmp_path: Path) -> None:
    src = tmp_path / "r.toml"
    run("example", "-o", str(src))
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    code, _, _ = run("convert", str(src), "--to", "no-such-format", "-o", str(out))
    assert code == 2 and out.read_text("utf-8") == "old"


def test_usage_error_is_exit_2() -> None:
    code, _, err = run("convert")
    assert code == 2 and "IN" in err


def test_outputs_get_normal_permissions(tmp_path: Path) -> None:
    import os

    out = tmp_path / "r.toml"
    assert run("example", "-o", str(out))[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind
