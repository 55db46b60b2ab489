"""Word boundaries from jieba, loaded lazily and only for candidate matches.

jieba costs about a second to load its dictionary, so nothing imports it until a rule with
`boundary: word` has a candidate match; only the sentence around the candidate is segmented,
and the result is cached per sentence.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from lint import timing

if TYPE_CHECKING:
    from lint.document import Document


class Segmenter:
    def __init__(self) -> None:
        self._jieba: Any = None
        self._cache: dict[str, frozenset[int]] = {}
        self.loads = 0  # how many times jieba was imported (tests assert clean files keep 0)
        self.sentences = 0

    @property
    def loaded(self) -> bool:
        return self._jieba is not None

    def _load(self) -> Any:
        if self._jieba is None:
            with timing.stage("jieba.load"):
                import jieba

                jieba.setLogLevel(logging.WARNING)
                # Build the prefix dictionary now, so its cost is not charged to one sentence.
                jieba.initialize()
            self._jieba = jieba
            self.loads += 1
        return self._jieba

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
        cuts = self.boundaries(doc.text[s:e])
        return (start - s) in cuts and (end - s) in cuts
