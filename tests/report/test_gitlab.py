"""GitLab Code Quality: valid JSON, one issue per diagnostic, stable unique fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.report._seed import seed_in


def test_seed_issues_and_unique_fingerprints(seed_path: Path) -> None:
    _, out, ref = seed_in("gitlab", seed_path)
    issues = json.loads(out)
    assert len(issues) == len(ref)
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)
    for i, d in zip(issues, ref, strict=True):
        assert i["check_name"] == d["code"]
        assert (
            i["severity"] == {"error": "major", "warning": "minor", "info": "info"}[d["severity"]]
        )
        assert i["location"]["positions"]["begin"] == {"line": d["line"], "column": d["column"]}
        assert i["description"].startswith(f"{d['code']} {d['message']}")


def test_fingerprints_are_stable_when_lines_move(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(seed_path, "draft.txt")
    _, out, _ = run_cli("--format", "gitlab", "draft.txt")
    first = json.loads(out)
    _, out, _ = run_cli("--format", "gitlab", "draft.txt")
    assert json.loads(out) == first  # same run, same report
    text = Path("draft.txt").read_text(encoding="utf-8")
    Path("draft.txt").write_text("会议定于*月*日召开。\n" + text, encoding="utf-8")
    _, out, _ = run_cli("--format", "gitlab", "draft.txt")
    shifted = json.loads(out)
    old = {i["fingerprint"] for i in first}
    new = [i for i in shifted if i["fingerprint"] not in old]
    assert [(i["check_name"], i["location"]["positions"]["begin"]["line"]) for i in new] == [
        ("PH101", 1),
        ("PH101", 1),
    ]
    assert first[0]["location"]["path"] == "draft.txt"
