"""The peer for bench/run.py: textlint with textlint-rule-prh, given the same words.

`prh_rules()` turns reportlint's own literal rules (every `tokens` entry and every `swap`
pair of the built-in rule files) into a prh dictionary: a swap is `pattern: wrong, expected:
right`, a token is a pattern whose expected text is empty. `install(folder)` installs
textlint and textlint-rule-prh there with npm and writes the dictionary and a .textlintrc;
it returns the command to run, or None (with the reason) when node or npm is missing or the
registry cannot be reached.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

PACKAGES = ("textlint@15", "textlint-rule-prh@6")


def prh_rules() -> list[tuple[str, str]]:
    """(pattern, expected) pairs from the built-in rules' literal words, sorted, distinct."""
    from lint.ruleset import load_ruleset

    pairs: dict[str, str] = {}
    for rule in load_ruleset():
        swap = rule.params.get("swap")
        if isinstance(swap, dict):
            for wrong, right in swap.items():
                if isinstance(wrong, str) and isinstance(right, str) and wrong:
                    pairs.setdefault(wrong, right)
        tokens = rule.params.get("tokens")
        if isinstance(tokens, list):
            for token in tokens:
                if isinstance(token, str) and token:
                    pairs.setdefault(token, "")
    return sorted(pairs.items())


def prh_yaml(pairs: list[tuple[str, str]]) -> str:
    # JSON strings are YAML strings: no quoting rules to get wrong.
    lines = ["version: 1", "rules:"]
    for pattern, expected in pairs:
        lines.append(f"  - expected: {json.dumps(expected, ensure_ascii=False)}")
        lines.append(f"    pattern: {json.dumps(pattern, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def install(folder: Path) -> tuple[list[str] | None, str]:
    """(textlint command, note): the command is None when the peer cannot be installed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return None, "textlint skipped: node/npm not found (apt-get install nodejs npm)"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    try:
        proc = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--silent", *PACKAGES],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"textlint skipped: npm install failed ({exc})"
    exe = folder / "node_modules" / ".bin" / "textlint"
    if proc.returncode != 0 or not exe.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
        return None, f"textlint skipped: npm install failed ({tail[0][:200]})"
    pairs = prh_rules()
    (folder / "prh.yml").write_text(prh_yaml(pairs), encoding="utf-8")
    config = folder / ".textlintrc.json"
    config.write_text(
        json.dumps({"rules": {"prh": {"rulePaths": [str(folder / "prh.yml")]}}}),
        encoding="utf-8",
    )
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
    note = f"textlint {version.strip()} + textlint-rule-prh, {len(pairs)} words from the rules"
    return [str(exe), "--config", str(config), "--no-color"], note
