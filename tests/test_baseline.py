"""Baselines: record problems, report only new ones, survive moving lines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli, run_json

PH = ("--select", "placeholder")


@pytest.fixture
def seed_copy(seed_path: Path, tmp_path: Path) -> Path:
    p = tmp_path / "drafts" / "seed.txt"
    p.parent.mkdir()
    shutil.copy(seed_path, p)
    return p


def test_baseline_suppresses_everything_then_only_new_problem_is_reported(
    seed_copy: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    code, before = run_json(str(seed_copy))
    assert code == 1 and len(before) > 50
    code, out, err = run_cli("--write-baseline", str(baseline), str(seed_copy))
    assert code == 0 and out == ""
    assert f"{len(before)} 个问题写入基线" in err
    assert run_json("--baseline", str(baseline), str(seed_copy)) == (0, [])
    # a new problem at the top shifts every line by one
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text("会议定于*月*日召开。\n" + text, encoding="utf-8")
    code, after = run_json("--baseline", str(baseline), str(seed_copy))
    assert code == 1
    assert [(d["code"], d["line"], d["column"]) for d in after] == [
        ("PH101", 1, 5),
        ("PH101", 1, 7),
    ]


def test_baseline_paths_are_relative_to_the_baseline_file(
    seed_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    run_cli("--write-baseline", str(baseline), "drafts/seed.txt")
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert {e["path"] for e in data["entries"]} == {"drafts/seed.txt"}
    # linted from another folder, with an absolute path: still the same entries
    monkeypatch.chdir(seed_copy.parent)
    assert run_json("--baseline", str(baseline), str(seed_copy)) == (0, [])
    assert run_json("--baseline", str(baseline), "seed.txt") == (0, [])


def test_repeats_are_counted(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("会议定于*月*日召开。\n会议定于*月*日召开。\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    run_cli(*PH, "--write-baseline", str(baseline), str(draft))
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert sum(e.get("count", 1) for e in entries) == 4
    # a third identical line is a new problem: two more, not zero
    draft.write_text("会议定于*月*日召开。\n" * 3, encoding="utf-8")
    code, data = run_json(*PH, "--baseline", str(baseline), str(draft))
    assert code == 1
    assert len(data) == 2


def test_edit_next_to_a_known_problem_keeps_it_suppressed(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("先后投资*万元,建成了文化宣传长廊。\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    run_cli(*PH, "--write-baseline", str(baseline), str(draft))
    draft.write_text("今年先后共投资*万元,建成了长廊。\n", encoding="utf-8")
    assert run_json(*PH, "--baseline", str(baseline), str(draft)) == (0, [])
    # a different flagged text is new
    draft.write_text("今年先后共投资**万元,建成了长廊。\n", encoding="utf-8")
    code, data = run_json(*PH, "--baseline", str(baseline), str(draft))
    assert code == 1
    assert [(d["line"], d["column"]) for d in data] == [(1, 8)]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("not json", "不是有效的 JSON"),
        ('{"version": 9, "entries": []}', "不是 reportlint 基线文件"),
        ('{"version": 1, "entries": [{"code": "PH101"}]}', "entry 1"),
    ],
)
def test_bad_baseline_is_exit_2(tmp_path: Path, content: str, needle: str) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("会议定于*月*日召开。\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    baseline.write_text(content, encoding="utf-8")
    code, out, err = run_cli("--baseline", str(baseline), str(draft))
    assert code == 2 and out == ""
    assert str(baseline) in err and needle in err
    code, _, err = run_cli("--baseline", str(tmp_path / "missing.json"), str(draft))
    assert code == 2 and "基线文件不存在" in err


def test_fixed_problems_are_counted_as_stale_only_for_linted_files(tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("会议定于*月*日召开。\n", encoding="utf-8")
    two.write_text("由XX区负责。\n", encoding="utf-8")
    baseline = tmp_path / "b.json"
    run_cli(*PH, "--write-baseline", str(baseline), str(one), str(two))
    one.write_text("会议定于3月*日召开。\n", encoding="utf-8")
    code, out, err = run_cli(*PH, "--baseline", str(baseline), str(one))
    assert (code, out) == (0, "未发现问题（检查了 1 个文件）\n")
    assert err.splitlines() == [
        f"reportlint: 基线 {baseline} 抑制了 1 个已知问题",
        f"reportlint: 基线 {baseline} 中有 1 个问题已不再出现，可用 --write-baseline 更新基线",
    ]
