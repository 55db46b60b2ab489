"""`reportlint-lsp`: a language server for drafts, installed with `pip install 'reportlint[lsp]'`.

This module imports nothing from the language-server library, so that a plain install (without
the extra) can still say in one line how to get it, instead of a traceback.
"""

from __future__ import annotations

import sys

INSTALL_HINT = (
    "reportlint-lsp：缺少编辑器支持组件 pygls，请先运行 pip install 'reportlint[lsp]' 安装。"
)


def main() -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    from lint.lsp.server import serve

    return serve(sys.argv[1:])
