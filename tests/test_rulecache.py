"""lint.rulecache: a warm cache gives the same rules without YAML; anything odd is a miss."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint import rulecache
from lint.ruleset import load_ruleset
from tests.helpers import CACHE_DAMAGES, PROBE_RULE


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("rules-*.pickle"))


def _summary(rs: object) -> list[tuple[str, str, str, object]]:
    return [(r.code, r.kind, r.message, r.params) for r in rs]  # type: ignore[attr-defined]


def test_warm_cache_gives_the_same_rules(cache_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(PROBE_RULE, encoding="utf-8")
    cold = load_ruleset([extra])
    assert len(_entries(cache_dir)) == 1
    warm = load_ruleset([extra])
    assert _summary(warm) == _summary(cold)
    assert warm.digest == cold.digest
    assert [r.code for r in warm if r.code == "ZZ901"] == ["ZZ901"]


def test_a_changed_rule_file_is_not_served_from_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(PROBE_RULE, encoding="utf-8")
    load_ruleset([extra])
    extra.write_text(PROBE_RULE.replace("召开", "举行"), encoding="utf-8")
    rules = {r.code: r for r in load_ruleset([extra])}
    assert rules["ZZ901"].params["tokens"] == ["举行"]
    assert len(_entries(cache_dir)) == 2


@CACHE_DAMAGES
def test_a_damaged_entry_is_a_miss_and_is_rewritten(cache_dir: Path, damage) -> None:
    first = load_ruleset()
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    assert rulecache.load(entry.name[len("rules-") : -len(".pickle")]) is None
    again = load_ruleset()
    assert _summary(again) == _summary(first)
    assert rulecache.load(entry.name[len("rules-") : -len(".pickle")]) is not None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_trusted(cache_dir: Path) -> None:
    load_ruleset()
    (entry,) = _entries(cache_dir)
    key = entry.name[len("rules-") : -len(".pickle")]
    assert rulecache.load(key) is not None
    cache_dir.chmod(0o777)
    try:
        assert rulecache.load(key) is None
    finally:
        cache_dir.chmod(0o700)


def test_no_cache_variable_and_unwritable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("REPORTLINT_NO_CACHE", "1")
    load_ruleset()
    assert not (tmp_path / "c").exists()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.delenv("REPORTLINT_NO_CACHE")
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(blocker / "sub"))
    assert len(load_ruleset()) > 0  # nothing to write to: still works


def test_old_entries_are_pruned(cache_dir: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    for i in range(rulecache._KEEP + 4):
        extra.write_text(PROBE_RULE.replace("召开", f"召开{i}"), encoding="utf-8")
        load_ruleset([extra])
    assert len(_entries(cache_dir)) == rulecache._KEEP


_LOAD = """
import json, sys
from lint.ruleset import load_ruleset
rs = load_ruleset()
print(json.dumps({"rules": len(rs), "yaml": "yaml" in sys.modules}))
"""


def _load_in_subprocess(env: dict[str, str]) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _LOAD],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def test_a_warm_start_does_not_import_yaml(cache_dir: Path) -> None:
    env = {"REPORTLINT_CACHE_DIR": str(cache_dir)}
    cold = _load_in_subprocess(env)
    warm = _load_in_subprocess(env)
    assert cold["yaml"] is True
    assert warm == {"rules": cold["rules"], "yaml": False}


def test_concurrent_writers_leave_a_valid_entry(cache_dir: Path) -> None:
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache_dir)}
    procs = [
        subprocess.Popen([sys.executable, "-c", _LOAD], env=env, stdout=subprocess.PIPE)
        for _ in range(6)
    ]
    counts = {json.loads(p.communicate()[0])["rules"] for p in procs}
    assert len(counts) == 1
    assert not list(cache_dir.glob("*.tmp"))
    (entry,) = _entries(cache_dir)
    assert rulecache.load(entry.name[len("rules-") : -len(".pickle")]) is not None
