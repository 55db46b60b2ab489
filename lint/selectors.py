"""The selector language of --select/--ignore, `select`/`ignore`/`severity` in config files and
per-file ignores: ALL, a category, a rule name, or a code prefix (`FM`, `FM1`, `FM101`)."""

from __future__ import annotations

import re

CODE_PREFIX = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


def selector_applies(selector: str, code: str, name: str, category: str) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s in ("ALL", category, name):
        return True
    return bool(CODE_PREFIX.match(s)) and code.startswith(s)
