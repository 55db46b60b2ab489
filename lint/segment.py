"""Word boundaries from jieba, loaded lazily and only for candidate matches.

jieba costs about a second to load its dictionary, so nothing imports it until a rule with
`boundary: word` has a candidate match; only the sentence around the candidate is segmented,
and the result is cached per sentence.

Loading is cheaper still when the user cache dir is writable: jieba's dictionary is then read
from a memory-mapped table (lint.wordstore) that jieba's own Tokenizer and POSTokenizer use in
place of the dicts they would build, so segmentation is jieba's, word for word, while a run
that segments a few sentences does not pay 0.4 s and 100 MB for the whole dictionary.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint import timing
from lint.model import ReportlintError

if TYPE_CHECKING:
    from lint.document import Document


class JiebaMissing(ReportlintError):
    """jieba cannot be imported: the installation is broken (it is a declared dependency)."""


class Segmenter:
    def __init__(self) -> None:
        self._jieba: Any = None
        # Set when jieba could not be loaded; the engine reports it once per file.
        self.problem: str | None = None
        self._cache: dict[str, frozenset[int]] = {}
        self.loads = 0  # times this Segmenter loaded jieba (tests assert clean files keep 0)
        self.sentences = 0

    @property
    def loaded(self) -> bool:
        return self._jieba is not None

    def _load(self) -> Any:
        if self._jieba is None:
            if self.problem is not None:
                raise JiebaMissing(self.problem)
            try:
                with timing.stage("jieba.load"):
                    jieba = load_jieba()
            except ImportError as exc:
                self.problem = (
                    f"缺少依赖 jieba，需要确认词边界的规则未执行，请重新安装 reportlint "
                    f"(jieba missing: {exc})"
                )
                raise JiebaMissing(self.problem) from None
            self._jieba = jieba
            self.loads += 1
        return self._jieba

    def tagged(self, sentence: str) -> list[tuple[str, str]]:
        """jieba's (word, part-of-speech) pairs for `sentence`, without HMM."""
        self._load()
        import jieba.posseg

        with timing.stage("jieba.cut"):
            return [(w, f) for w, f in jieba.posseg.cut(sentence, HMM=False)]

    def boundaries(self, sentence: str) -> frozenset[int]:
        """Offsets inside `sentence` where a word starts or ends."""
        cached = self._cache.get(sentence)
        if cached is not None:
            return cached
        jieba = self._load()
        self.sentences += 1
        cuts = {0, len(sentence)}
        pos = 0
        with timing.stage("jieba.cut"):
            for word in jieba.cut(sentence, HMM=False):
                pos += len(word)
                cuts.add(pos)
        result = frozenset(cuts)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[sentence] = result
        return result

    def is_word(self, doc: Document, start: int, end: int) -> bool:
        """True when text[start:end] does not cut through a word on either side."""
        s, e = doc.sentence_span(start, end, limit=60)
        try:
            cuts = self.boundaries(doc.text[s:e])
        except JiebaMissing:
            # Precision first: a match whose boundaries cannot be confirmed is not reported,
            # and the other rules of the same kind still run.
            return False
        return (start - s) in cuts and (end - s) in cuts


# jieba's hidden Markov model tables (for words missing from its dictionary) are modules of
# dict literals that take ~25 ms to import; reportlint segments with HMM=False only, so they
# are read on first use instead (see _lazy_hmm_tables).
_HMM_TABLES = ("jieba.finalseg.prob_emit", "jieba.posseg.prob_emit", "jieba.posseg.char_state_tab")


class _LazyTable(Mapping[Any, Any]):
    """One of jieba's HMM tables (a module's `P`), imported when first looked into."""

    def __init__(self, module: str) -> None:
        self._module = module
        self._table: Mapping[Any, Any] | None = None

    def _load(self) -> Mapping[Any, Any]:
        if self._table is None:
            table: Mapping[Any, Any] = importlib.import_module(self._module).P
            self._table = table
        return self._table

    def __getitem__(self, key: Any) -> Any:
        return self._load()[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


@contextlib.contextmanager
def _lazy_hmm_tables() -> Iterator[None]:
    """While jieba's modules are imported, its HMM table modules are stand-ins whose `P` is a
    _LazyTable; afterwards the real modules import normally (as _LazyTable does on first use)."""
    standins = {}
    for name in _HMM_TABLES:
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.P = _LazyTable(name)  # type: ignore[attr-defined]
            standins[name] = sys.modules[name] = module
    try:
        yield
    finally:
        for name, module in standins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _import_jieba() -> Any:
    # jieba._compat imports pkg_resources (60+ ms) only to open its own data files, and falls
    # back to plain open() when that import fails; make it fail unless it is already loaded.
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        with _lazy_hmm_tables():
            import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def _mapped(jieba: Any) -> bool:
    """Point a fresh jieba at the memory-mapped dictionary; False if that is not possible."""
    if os.environ.get("REPORTLINT_NO_CACHE") or "jieba.posseg" in sys.modules:
        return False
    dt = jieba.dt
    if dt.initialized or getattr(jieba, "__version__", "") != "0.42.1":
        return False  # someone loaded it already, or a jieba whose internals we do not know
    from lint.rulecache import cache_dir
    from lint.wordstore import FreqView, TagView, open_store

    dictionary = Path(jieba.__file__).resolve().parent / "dict.txt"
    if dt.dictionary != str(dictionary) and dt.dictionary != jieba.DEFAULT_DICT:
        return False
    store = open_store(dictionary, cache_dir())
    if store is None:
        return False
    dt.FREQ = FreqView(store)
    dt.total = store.total
    dt.initialized = True
    # POSTokenizer reads every word's tag from the dictionary file when jieba.posseg is
    # imported; give it an empty file to read, then hand it the mapped tags.
    saved = dt.dictionary
    dt.dictionary = os.devnull
    try:
        with _lazy_hmm_tables():
            posseg = importlib.import_module("jieba.posseg")
    finally:
        dt.dictionary = saved
    posseg.dt.word_tag_tab = TagView(store)
    return True


def load_jieba() -> Any:
    """jieba, ready to segment: on the mapped dictionary when possible, else its own."""
    jieba = _import_jieba()
    if not _mapped(jieba):
        jieba.initialize()  # build the prefix dictionary now, not inside one sentence's time
    return jieba
