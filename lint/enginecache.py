"""Built check kinds, cached beside the rule set, so a cold start does not compile every regex.

Building an Engine's checks compiles some 700 patterns, and the `regex` module parses each in
Python: most of a cold start on a small file. A compiled `regex` pattern pickles as its compiled
program (not its source), so unpickling the checks costs a tenth of building them.

An entry is keyed by the rule set's cache key (rule files, calendar, code of the package, Python
version), the codes of the selected rules and the `regex` version, and holds the checks as built,
before any document was seen, and each rule's compiled options (`Rule.options`). Rules are not
stored in it: they are written as their codes and resolved against the rule set in hand, so a
cached engine shares its Rule objects with the rule set, as a built one does. Storage, checksum
and trust are lint.rulecache's; any miss or mismatch builds the checks afresh.

Programs the check modules compile when imported (pattern constants, `regex` and `re`) are
stored first, and served while the checks are unpickled; `re` patterns inside the checks (the
literal tries) are stored as their compiled code too: see lint.programs.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import regex

from lint import programs as compiled
from lint import rulecache
from lint.rule import Rule

if TYPE_CHECKING:
    from lint.checks import Check

_PREFIX = "engine"
_VERSION = b"reportlint-engine-v4\n"


def engine_key(ruleset_key: str, rules: Sequence[Rule]) -> str | None:
    """The entry for an engine of `rules` taken from the rule set cached as `ruleset_key`."""
    if not ruleset_key or not rulecache.enabled():
        return None
    h = hashlib.sha256(_VERSION)
    h.update(ruleset_key.encode() + b"\0" + regex.__version__.encode() + b"\0")
    h.update("\0".join(r.code for r in rules).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class RulePickler(pickle.Pickler):
    """Rules are written as their codes (see RuleUnpickler): the reader has the same ones."""

    def __init__(self, file: Any, rules: Sequence[Rule]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._ids = {id(r): r.code for r in rules}

    def persistent_id(self, obj: Any) -> str | None:
        if isinstance(obj, Rule):
            # Only the engine's own rules can be named; anything else fails the store.
            return self._ids[id(obj)]
        return None

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            # As its compiled code, not its source (see lint.programs)
            return compiled.re_pattern, (
                obj.pattern,
                obj.flags,
                compiled.re_code(obj.pattern, obj.flags),
            )
        return NotImplemented


class RuleUnpickler(pickle.Unpickler):
    def __init__(self, file: Any, rules: Sequence[Rule]) -> None:
        super().__init__(file)
        self._rules = {r.code: r for r in rules}

    def persistent_load(self, pid: Any) -> Rule:
        try:
            return self._rules[pid]
        except (KeyError, TypeError):
            raise pickle.UnpicklingError(f"unknown rule {pid!r}") from None


def load(key: str, rules: Sequence[Rule]) -> list[Check] | None:
    """The checks stored under `key` for `rules`, or None on any kind of miss."""
    payload = rulecache.load_payload(key, _PREFIX)
    if payload is None:
        return None
    try:
        stream = io.BytesIO(payload)
        header = pickle.load(stream)
        if not isinstance(header, dict) or header.get("sre") != compiled.SRE_MAGIC:
            return None
        programs, re_codes = header["regex"], header["re"]
        with compiled.serving(programs), compiled.serving_re(re_codes):
            options, checks = RuleUnpickler(stream, rules).load()
        # The modules are imported now: what an entry stored later in this process needs.
        compiled.IMPORTED.update(programs)
        compiled.RE_IMPORTED.update(re_codes)
        if [r.code for r in rules] != list(options):
            return None
    except Exception:  # a stale class layout or anything else: rebuild instead
        return None
    for rule in rules:
        for parse, value in options[rule.code].items():
            rule._options.setdefault(parse, value)
    return list(checks)


def store(key: str, rules: Sequence[Rule], checks: list[Check]) -> None:
    """Store freshly built `checks` and the programs their modules compiled on import;
    anything that does not pickle is simply not cached."""
    buf = io.BytesIO()
    try:
        header = {"regex": compiled.IMPORTED, "re": compiled.RE_IMPORTED, "sre": compiled.SRE_MAGIC}
        pickle.dump(header, buf, protocol=pickle.HIGHEST_PROTOCOL)
        RulePickler(buf, rules).dump(({r.code: dict(r._options) for r in rules}, checks))
    except Exception:
        return
    rulecache.store_payload(key, buf.getvalue(), _PREFIX)
