"""The default rules ship inside the wheel: a plain (non-editable) install into a fresh venv,
run from another directory, finds them. This is what pre-commit does."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (whl,) = out.glob("reportlint-*.whl")
    return whl


def test_wheel_contains_every_rule_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for rule_file in sorted((ROOT / "rules").glob("*.yaml")):
        assert f"lint/rules/{rule_file.name}" in names


def test_fresh_venv_install_finds_default_rules(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True)
    exe = venv / "bin" / "reportlint"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    draft = elsewhere / "草稿.txt"
    draft.write_text("会议定于*月*日召开。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    p = subprocess.run(
        [str(exe), "--select", "PH101", "草稿.txt"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert p.returncode == 1, p.stderr
    assert p.stdout.splitlines()[0].startswith("草稿.txt:1:5: PH101")
    listed = subprocess.run(
        [str(exe), "--list-rules"], cwd=elsewhere, capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0
    where = subprocess.run(
        [str(py), "-c", "import lint, pathlib; print(pathlib.Path(lint.__file__).parent)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.strip()
    assert str(venv) in where
    codes = {line.split("\t")[0][:2] for line in listed.stdout.splitlines()}
    assert {"PH", "RS"} <= codes
