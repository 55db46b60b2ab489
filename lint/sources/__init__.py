"""Readers: turn a path (or stdin bytes) into a Document.

The reader is chosen by file extension: `.md`/`.markdown` → Markdown, `.docx` → Word,
anything else → plain text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lint.document import Document
from lint.model import ReportlintError
from lint.sources.text import Decoded, decode_bytes

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
DOCX_SUFFIXES = frozenset({".docx"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
DEFAULT_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | DOCX_SUFFIXES


def kind_for(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    return "text"


def document_from_text(
    text: str, path: str, kind: str | None = None, encoding: str = "utf-8"
) -> Document:
    """A Document of decoded text, read the way its kind (default: from the path) is read:
    Markdown markup is masked, and so are `**` bold pairs in plain text; .docx text is
    already a projection of its paragraphs."""
    kind = kind or kind_for(path)
    if kind == "markdown":
        from lint.sources.markdown import markdown_document

        return markdown_document(text, path, encoding)
    if kind == "text" and "**" in text:
        # `**1305**` copied from Markdown: bold, not two blanks (lint/sources/bold.py)
        from lint.sources.bold import mask_bold

        return Document(
            path=path, text=text, kind=kind, scan_text=mask_bold(text), encoding=encoding
        )
    return Document(path=path, text=text, kind=kind, encoding=encoding)


def document_from_bytes(
    data: bytes, path: str, encoding: str | None = None, kind: str | None = None
) -> tuple[Document, Decoded | None]:
    kind = kind or kind_for(path)
    if kind == "docx":
        from lint.sources.docx import read_docx

        return read_docx(data, path), None
    decoded = decode_bytes(data, path, encoding)
    return document_from_text(decoded.text, path, kind, decoded.encoding), decoded


def read_document(path: str, encoding: str | None = None) -> tuple[Document, Decoded | None]:
    try:
        # A FIFO, socket or device would block the run (or never end): only regular files
        # are drafts. stat() follows links, so a link to a draft is still read.
        if not stat.S_ISREG(os.stat(path).st_mode) and not os.path.isdir(path):
            raise ReportlintError(f"{path}: 不是普通文件，已跳过")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReportlintError(f"{path}: 文件不存在") from None
    except IsADirectoryError:
        raise ReportlintError(f"{path}: 是目录而不是文件") from None
    except OSError as exc:
        raise ReportlintError(f"{path}: 无法读取 ({exc.strerror or exc})") from None
    return document_from_bytes(data, path, encoding)
