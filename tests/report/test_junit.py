"""JUnit XML: parses, one failing test case per diagnostic, exit code as concise."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.helpers import run_cli
from tests.report._seed import seed_in


def test_seed_one_failure_per_diagnostic(seed_path: Path) -> None:
    _, out, ref = seed_in("junit", seed_path)
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    failures = root.findall("./testsuite/testcase/failure")
    assert (
        len(failures) == len(ref) == int(root.get("failures", "-1")) == int(root.get("tests", "-1"))
    )
    for f, d in zip(failures, ref, strict=True):
        assert f.get("message") == d["message"]
        assert f.get("type") == f"{d['code']} ({d['severity']})"
        assert (f.text or "").startswith(f"{d['path']}:{d['line']}:{d['column']}: {d['code']} ")


def test_exact_case_and_clean_run(tmp_path: Path) -> None:
    p = tmp_path / "d.txt"
    p.write_text("会议定于*月*日召开。\n", encoding="utf-8")
    code, out, _ = run_cli("--format", "junit", "--select", "PH101", str(p))
    assert code == 1
    case = ET.fromstring(out).find("./testsuite/testcase")
    assert case is not None
    assert case.get("name") == f"PH101 asterisk-placeholder {p}:1:5"
    assert case.get("line") == "1"
    p.write_text("会议定于3月5日召开。\n", encoding="utf-8")
    code, out, _ = run_cli("--format", "junit", "--select", "PH101", str(p))
    assert code == 0
    root = ET.fromstring(out)
    assert root.get("failures") == "0"
    assert [c.get("name") for c in root.iter("testcase")] == ["no problems found"]


def test_control_characters_do_not_break_the_xml(tmp_path: Path) -> None:
    p = tmp_path / "d.txt"
    p.write_text("会议定于*\x0b月*日召开。\n", encoding="utf-8")
    code, out, _ = run_cli("--format", "junit", "--select", "PH101", str(p))
    assert code == 1
    assert len(ET.fromstring(out).findall(".//failure")) == 2


def test_written_case_by_case_as_elementtree_lays_out_the_tree(tmp_path: Path) -> None:
    # The report is streamed one test case at a time; it is still exactly what ElementTree
    # writes for the whole tree, indented (attributes with line breaks and quotes included).
    (tmp_path / "a.txt").write_text("会议定于*\x0b月*日召开。“<&>\n" * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_text("会议定于*月*日召开，\n", encoding="utf-8")
    (tmp_path / "c.docx").write_bytes(b"not a zip")
    code, out, _ = run_cli("--format", "junit", str(tmp_path))
    assert code == 2
    root = ET.fromstring(out)
    assert [s.get("name") for s in root] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "reportlint: unreadable files",
    ]
    ET.indent(root)
    assert out == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
