"""SARIF 2.1.0 output, validated against the official OASIS schema.

tests/fixtures/sarif-schema-2.1.0.json is the OASIS SARIF 2.1.0 (errata01) schema, byte for
byte as published in oasis-tcs/sarif-spec `Schemata/sarif-schema-2.1.0.json` (112,768 bytes,
sha256 c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.helpers import run_cli
from tests.report._seed import seed_in

SCHEMA = Path(__file__).resolve().parent.parent / "fixtures" / "sarif-schema-2.1.0.json"


def _validate(log: dict[str, object]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_seed_is_schema_valid_with_one_result_per_diagnostic(seed_path: Path) -> None:
    _, out, ref = seed_in("sarif", seed_path)
    log = json.loads(out)
    _validate(log)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    results = run["results"]
    assert len(results) == len(ref)
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules) == len({d["code"] for d in ref})
    for res, d in zip(results, ref, strict=True):
        assert res["ruleId"] == d["code"]
        assert rules[res["ruleIndex"]]["id"] == d["code"]
        assert (
            res["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        )
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (d["line"], d["column"])
        assert (region["endLine"], region["endColumn"]) == (d["end_line"], d["end_column"])
        assert res["message"]["text"].startswith(d["message"])
    for rule in rules:
        assert rule["help"]["text"]
        assert rule["fullDescription"]["text"]
    prints = [r["partialFingerprints"]["reportlint/v1"] for r in results]
    assert len(set(prints)) == len(prints)


def test_small_draft_exact_result(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("稿件 1.txt").write_text("会议定于*月*日召开。\n", encoding="utf-8")
    code, out, _ = run_cli("--format", "sarif", "--select", "PH101", "稿件 1.txt")
    assert code == 1
    log = json.loads(out)
    _validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True}]
    first = run["results"][0]
    assert first["ruleId"] == "PH101" and first["level"] == "error"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {
        "uri": "%E7%A8%BF%E4%BB%B6%201.txt",
        "uriBaseId": "SRCROOT",
    }
    assert run["originalUriBaseIds"] == {"SRCROOT": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert loc["region"] == {
        "startLine": 1,
        "startColumn": 5,
        "endLine": 1,
        "endColumn": 6,
        "snippet": {"text": "*"},
    }
    rule = run["tool"]["driver"]["rules"][0]
    assert rule["id"] == "PH101" and rule["name"] == "asterisk-placeholder"
    assert "Flagged:" in rule["help"]["text"]


def test_clean_run_and_unreadable_file_are_valid(tmp_path: Path) -> None:
    clean = tmp_path / "ok.txt"
    clean.write_text("会议定于3月5日召开。\n", encoding="utf-8")
    code, out, _ = run_cli("--format", "sarif", "--select", "PH101", str(clean))
    assert code == 0
    log = json.loads(out)
    _validate(log)
    assert log["runs"][0]["results"] == []
    code, out, _ = run_cli("--format", "sarif", str(clean), str(tmp_path / "missing.txt"))
    assert code == 2
    log = json.loads(out)
    _validate(log)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert "missing.txt" in inv["toolExecutionNotifications"][0]["message"]["text"]
