"""The selector language of --select/--ignore, `select`/`ignore`/`severity` in config files and
per-file ignores: ALL, a category, a rule name, or a code prefix (`FM`, `FM1`, `FM101`)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from lint.model import CATEGORIES

CODE_PREFIX = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


def split_selectors(values: Sequence[str]) -> tuple[str, ...]:
    """Selectors given comma-separated and/or repeated (`--select PH,FM --select residue`)."""
    out: list[str] = []
    for v in values:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return tuple(out)


def selector_applies(selector: str, code: str, name: str, category: str) -> bool:
    s = selector.strip()
    if not s:
        return False
    if s in ("ALL", category, name):
        return True
    return bool(CODE_PREFIX.match(s)) and code.startswith(s)


def _specificity(selector: str) -> int:
    # An exact code or a rule name beats a prefix, a longer prefix beats a shorter one, and
    # any prefix beats a category or ALL: the most specific `severity` entry wins.
    if selector == "ALL":
        return 0
    if selector in CATEGORIES:
        return 1
    if CODE_PREFIX.match(selector):
        return 2 + len(selector)
    return 10


def remap_severity(
    mapping: Sequence[tuple[str, str]], code: str, name: str, category: str
) -> str | None:
    best: tuple[int, str] | None = None
    for selector, severity in mapping:
        if selector_applies(selector, code, name, category):
            rank = _specificity(selector)
            if best is None or rank >= best[0]:
                best = (rank, severity)
    return best[1] if best else None


def suggest(selector: str, codes: Iterable[str], names: Iterable[str]) -> str | None:
    """The selector that `selector` was probably meant to be (`placeholdr` → `placeholder`,
    `all` → `ALL`, `ph101` → `PH101`), or None."""
    from lint.model import CATEGORIES

    known = {"ALL", *CATEGORIES, *codes, *names}
    if selector.upper() in known:
        return selector.upper()
    close = difflib.get_close_matches(selector, sorted(known), n=1, cutoff=0.7)
    if close:
        return close[0]
    close = difflib.get_close_matches(selector.upper(), sorted(known), n=1, cutoff=0.7)
    return close[0] if close else None
