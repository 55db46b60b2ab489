"""Plain-text decoding: BOMs, UTF-8, GB18030 fallback, forced encodings, binary detection."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from lint import timing
from lint.model import ReportlintError

# Signatures of common binary formats people commit next to drafts.
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",  # legacy .doc / .xls
    b"\x7fELF",
)


BOM_GB18030 = "\ufeff".encode("gb18030")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a Python codec name that round-trips the file
    bom: bytes  # the BOM found at the start, re-written by --fix
    newline: str  # dominant line ending: "\n", "\r\n" or "\r"


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


# Codecs whose encoder writes a BOM of its own choosing: a forced one is read as its BOM-less
# variant plus the BOM the file really has, so --fix writes back exactly what it read (no BOM
# added to a file without one, big-endian kept big-endian).
_BOM_CODECS: dict[str, tuple[tuple[bytes, str], ...]] = {
    "utf-8": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-8-sig": ((codecs.BOM_UTF8, "utf-8"),),
    "utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
    "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")),
}
# Without a BOM, Python reads utf-16/utf-32 as little-endian.
_NO_BOM = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}


def _forced_bom(name: str, data: bytes) -> tuple[bytes, str]:
    """(BOM found, codec without BOM handling) for a forced encoding."""
    for bom, codec in _BOM_CODECS.get(name, ()):
        if data.startswith(bom):
            return bom, codec
    return b"", _NO_BOM.get(name, name)


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    return b"\x00" in data[:8192]


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> Decoded:
    """Decode a draft. Raises ReportlintError naming `path` when it cannot be read as text."""
    with timing.stage("read.decode"):
        return _decode(data, path, encoding)


def _decode(data: bytes, path: str, encoding: str | None) -> Decoded:
    if encoding:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise ReportlintError(f"{path}: 未知编码 {encoding!r}") from None
        bom, codec = _forced_bom(name, data)
        if codec == name:
            codec = encoding  # messages name the encoding as the user wrote it
        try:
            text = data[len(bom) :].decode(codec)
        except UnicodeDecodeError as exc:
            raise ReportlintError(
                f"{path}: 无法按 {encoding} 解码，第 {exc.start + len(bom)} 字节"
            ) from None
        return Decoded(text, codec, bom, _dominant_newline(text))

    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ReportlintError(
                f"{path}: 带 UTF-8 BOM 但第 {exc.start + 3} 字节无法解码"
            ) from None
        return Decoded(text, "utf-8", codecs.BOM_UTF8, _dominant_newline(text))
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[2:].decode(codec)
            except UnicodeDecodeError:
                raise ReportlintError(f"{path}: UTF-16 文件已损坏") from None
            return Decoded(text, codec, bom, _dominant_newline(text))
    if data.startswith(BOM_GB18030):
        # U+FEFF encoded in GB18030: the file says what it is, even where its first bytes
        # would also pass as UTF-8.
        try:
            text = data[len(BOM_GB18030) :].decode("gb18030")
        except UnicodeDecodeError as exc:
            raise ReportlintError(
                f"{path}: 带 GB18030 BOM 但第 {exc.start + 4} 字节无法解码"
            ) from None
        return Decoded(text, "gb18030", BOM_GB18030, _dominant_newline(text))
    if _looks_binary(data):
        raise ReportlintError(f"{path}: 二进制文件，不是文本")
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", b"", _dominant_newline(text))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReportlintError(
            f"{path}: 既不是 UTF-8 也不是 GB18030，第 {exc.start} 字节无法解码；"
            "可用 --encoding 指定"
        ) from None
    return Decoded(text, "gb18030", b"", _dominant_newline(text))


def encode_text(text: str, decoded: Decoded) -> bytes:
    """Encode fixed text exactly as the original file was encoded."""
    return decoded.bom + text.encode(decoded.encoding)
