"""Sentences from unseen 2026 drafts, run through the installed `reportlint` executable.

Each group has what must be found and the look-alikes that must stay silent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_BESIDE = Path(sys.executable).parent / "reportlint"
EXE = [str(_BESIDE)] if _BESIDE.exists() else [sys.executable, "-m", "lint"]


def lint(tmp_path: Path, text: str, name: str = "draft.txt", *args: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [*EXE, "--isolated", "--as-of", "2026-12-04", "--format", "json", *args, str(path)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    diags: list[dict] = json.loads(proc.stdout)
    return diags


def codes(diags: list[dict]) -> list[str]:
    return [d["code"] for d in diags]


# --- bold figures in Markdown ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "全年实现营业收入**1305**万元，同比增长**12%**。\n",
        "- 培训**2.5**万人次，完成率**98**%。\n",
        "新增就业**1,200**人，其中**300**人为高校毕业生。\n",
    ],
)
def test_bold_figures_are_emphasis_not_placeholders(tmp_path: Path, text: str) -> None:
    assert codes(lint(tmp_path, text, "draft.md")) == []


def test_stars_in_number_slots_beside_bold_figures_stay_placeholders(tmp_path: Path) -> None:
    diags = lint(tmp_path, "营业收入**1305**万元，截至*月*日增长**%，**次。\n", "draft.md")
    found = [(d["code"], d["column"]) for d in diags]
    assert found == [("PH101", 18), ("PH101", 20), ("PH101", 24), ("PH101", 28)]


# --- template-site promotion ----------------------------------------------------------------


def test_site_promotion_is_residue_and_its_url_no_placeholder(tmp_path: Path) -> None:
    diags = lint(tmp_path, "正文。\n更多相关范文请访问www.xxx.com\n", "draft.md")
    assert [(d["code"], d["line"]) for d in diags] == [("RS123", 2)]


def test_fix_deletes_the_promotion_line_and_keeps_the_prose(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("标题\n更多相关范文请访问www.xxx.com\n正文。更多精彩内容请关注本站\n", "utf-8")
    proc = subprocess.run(
        [*EXE, "--isolated", "--fix", "--select", "RS123", str(path)], capture_output=True
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert path.read_text("utf-8") == "标题\n正文。\n"


@pytest.mark.parametrize(
    "text", ["更多办事信息请登录某省政务服务网（www.example.gov.cn）查询。\n", "XX区人民政府\n"]
)
def test_notices_keep_their_urls_and_x_slots_stay_placeholders(tmp_path: Path, text: str) -> None:
    found = codes(lint(tmp_path, text))
    assert "RS123" not in found
    assert ("PH103" in found) == text.startswith("XX")
