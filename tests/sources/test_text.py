"""Reading plain text: encodings, BOMs, line ends, and exact positions in each case."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lint.model import ReportlintError
from lint.sources.text import decode_bytes
from tests.helpers import run_json

TEXT = "第一行没有问题。\n第二行投资*万元,XX区。\n第三行\n"
# (line, column) of "*" and "XX" in TEXT
EXPECTED = [(2, 6, 2, 7), (2, 10, 2, 12)]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("gb18030", b""),
        ("gbk", b""),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_in_every_encoding_and_line_end(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    p = tmp_path / "draft.txt"
    p.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    code, data = run_json("--select", "PH101,PH103", str(p))
    assert code == 1
    assert [(d["line"], d["column"], d["end_line"], d["end_column"]) for d in data] == EXPECTED


def test_decode_detects_encoding_and_newline() -> None:
    d = decode_bytes("甲\r\n乙\r\n".encode("gb18030"), "x.txt")
    assert (d.encoding, d.bom, d.newline, d.text) == ("gb18030", b"", "\r\n", "甲\r\n乙\r\n")
    d = decode_bytes(codecs.BOM_UTF8 + "甲\n".encode(), "x.txt")
    assert (d.encoding, d.bom, d.text) == ("utf-8", codecs.BOM_UTF8, "甲\n")
    d = decode_bytes(codecs.BOM_UTF16_LE + "甲\r".encode("utf-16-le"), "x.txt")
    assert (d.encoding, d.newline, d.text) == ("utf-16-le", "\r", "甲\r")


def test_forced_encoding(tmp_path: Path) -> None:
    p = tmp_path / "big5.txt"
    p.write_bytes("投資*萬元\n".encode("big5"))
    code, data = run_json("--encoding", "big5", "--select", "PH101", str(p))
    assert code == 1 and data[0]["column"] == 3


def test_forced_wrong_encoding_is_one_line_error(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_bytes("投资*万元\n".encode())
    from tests.helpers import run_cli

    code, _out, err = run_cli("--encoding", "ascii", str(p))
    assert code == 2
    assert str(p) in err and len(err.strip().splitlines()) == 1


def test_unknown_encoding_name(tmp_path: Path) -> None:
    with pytest.raises(ReportlintError, match="未知编码"):
        decode_bytes(b"abc", "x.txt", "no-such-codec")


def test_nul_bytes_are_binary() -> None:
    with pytest.raises(ReportlintError, match=r"x\.bin"):
        decode_bytes(b"abc\x00def", "x.bin")


def test_undecodable_bytes_name_the_file() -> None:
    # \x80 alone is invalid in UTF-8 and a truncated GB18030 sequence at the end.
    with pytest.raises(ReportlintError, match=r"bad\.txt"):
        decode_bytes("正文".encode() + b"\x81", "bad.txt")


def test_gb18030_bom_decides_even_when_the_bytes_pass_as_utf8() -> None:
    from lint.sources.text import BOM_GB18030, encode_text

    # 一 is D2 BB in GB18030, which is also valid UTF-8 (U+04BB): only the BOM tells.
    data = BOM_GB18030 + "一".encode("gb18030")
    d = decode_bytes(data, "x.txt")
    assert (d.text, d.encoding, d.bom) == ("一", "gb18030", BOM_GB18030)
    assert encode_text(d.text, d) == data
