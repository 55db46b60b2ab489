"""Drafts as they arrive in December 2026, linted whole through the command.

`tests/fixtures/arrivals2026/` holds realistic drafts nobody wrote a rule for: a 简报 copied
from a WeChat public account, template-site pages, a document-library page, Word templates
with unfilled slots and review leftovers, chat-assistant drafts, and clean texts full of
look-alikes (`某某公司` in an anonymised case, a masked ID number, `X光机`, `点击“办事指南”`, a
简报's own `撰稿/审核` sign-off). `expected.yaml` lists, line by line, every placeholder (PH)
and residue (RS) finding each must give; a line not listed must give none.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.helpers import run_json

FOLDER = Path(__file__).parent / "fixtures" / "arrivals2026"
EXPECTED: dict[str, dict[int, list[str]]] = yaml.safe_load(
    (FOLDER / "expected.yaml").read_text("utf-8")
)
DRAFTS = sorted(p.name for p in FOLDER.iterdir() if p.suffix in (".txt", ".md"))


def findings(name: str) -> Counter[tuple[int, str]]:
    _, diags = run_json("--isolated", "--as-of", "2026-12-04", str(FOLDER / name))
    return Counter((d["line"], d["code"]) for d in diags if d["code"][:2] in ("PH", "RS"))


def test_every_draft_has_an_expectation() -> None:
    assert len(DRAFTS) >= 10
    assert set(EXPECTED) <= set(DRAFTS)


@pytest.mark.parametrize("name", DRAFTS)
def test_findings_line_by_line(name: str) -> None:
    want = Counter(
        (int(line), code) for line, codes in (EXPECTED.get(name) or {}).items() for code in codes
    )
    got = findings(name)
    assert sorted((got - want).elements()) == [], "false alarms"
    assert sorted((want - got).elements()) == [], "misses"


@pytest.mark.parametrize("name", ["08-clean-lookalikes.txt", "09-briefing-signoff.txt"])
def test_clean_drafts_stay_silent(name: str) -> None:
    assert name not in EXPECTED
    assert findings(name) == Counter()


def test_a_line_two_rules_delete_is_reported_and_deleted_once(tmp_path: Path) -> None:
    # Each rule's whole-line span used to shadow the other's, and both disappeared.
    path = tmp_path / "d.txt"
    path.write_text("正文。\n本文部分图片来源于网络，如有侵权请联系删除。\n结尾。\n", "utf-8")
    _, diags = run_json("--isolated", str(path))
    assert [(d["code"], d["line"]) for d in diags] == [("RS109", 2)]
    run_json("--isolated", "--fix", str(path))
    assert path.read_text("utf-8") == "正文。\n结尾。\n"


def test_a_line_inside_a_teaser_block_stays_shadowed(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_text("正文。\n往期推荐\n清河县召开县委常委会会议\n长按识别二维码\n", "utf-8")
    _, diags = run_json("--isolated", str(path))
    assert [(d["code"], d["line"]) for d in diags] == [("RS107", 2)]
