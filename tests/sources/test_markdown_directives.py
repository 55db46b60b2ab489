"""`<!-- reportlint-disable/enable/disable-next-line -->` in Markdown, end to end."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import run_json

SELECT = ("--select", "PH101,PH103")


def _lint(tmp_path: Path, text: str, name: str = "d.md") -> list[tuple[object, ...]]:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    _, data = run_json(*SELECT, str(p))
    return [(d["code"], d["line"], d["column"]) for d in data]


def test_disable_codes_until_enable(tmp_path: Path) -> None:
    text = (
        "XX区,投资*万元\n"
        "<!-- reportlint-disable PH103 -->\n"
        "XX区,投资*万元\n"
        "<!-- reportlint-enable -->\n"
        "XX区\n"
    )
    assert _lint(tmp_path, text) == [
        ("PH103", 1, 1),
        ("PH101", 1, 7),
        ("PH101", 3, 7),
        ("PH103", 5, 1),
    ]


def test_disable_without_codes_silences_everything_to_the_end(tmp_path: Path) -> None:
    text = "XX区\n<!-- reportlint-disable -->\nXX区,投资*万元\n\nXX区\n"
    assert _lint(tmp_path, text) == [("PH103", 1, 1)]


def test_disable_next_line_only_affects_one_line_and_takes_prefixes(tmp_path: Path) -> None:
    text = "<!-- reportlint-disable-next-line PH1 -->\nXX区,投资*万元\nXX区\n"
    assert _lint(tmp_path, text) == [("PH103", 3, 1)]


def test_several_codes_comma_or_space_separated(tmp_path: Path) -> None:
    text = "<!-- reportlint-disable-next-line PH101, PH103 -->\nXX区,投资*万元\nXX区\n"
    assert _lint(tmp_path, text) == [("PH103", 3, 1)]


def test_comments_mean_nothing_in_plain_text(tmp_path: Path) -> None:
    text = "<!-- reportlint-disable -->\nXX区\n"
    assert _lint(tmp_path, text, "d.txt") == [("PH103", 2, 1)]
