from __future__ import annotations

from lint.visible import visible


def test_invisible_characters_are_named() -> None:
    assert visible("\u00a0") == "〔不换行空格〕"
    assert visible("a\u200bb") == "a〔零宽空格〕b"
    assert visible(" ") == "〔空格〕"
    assert visible("工作 总结") == "工作 总结"


def test_long_text_is_cut() -> None:
    assert visible("一二三四五六", 4) == "一二三…"
    assert visible("     ") == "〔空格〕〔空格〕〔空格〕…"
