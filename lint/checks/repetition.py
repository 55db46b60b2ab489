"""`repetition`: a character typed twice across a word boundary (学习的的, 林森别别墅).

Chinese doubles characters on purpose all the time: reduplication (人人, 常常, 扎扎实实, 看看,
洗洗澡, 喝喝水), two words meeting (工作|作风, 安全|全链条, 增进了|了解, 团结和|和平) and
abbreviations jieba does not know (陕煤|煤炭, 潍柴|柴油机). So a doubled Han character is only a
candidate, and it is reported when, cheapest test first:

1. the character is in `chars` when that is given, and not in `ignore-chars` (numerals:
   一一对应). Step 4 only ever reports characters that jieba's dictionary tags as function
   words, so `chars` can list exactly those and spare clean text the cost of jieba;
2. no `allow` phrase covers it (two-character entries such as 人人 are the pair itself and
   let clean files skip jieba; longer ones such as 了了解 must match the text around it);
3. it is not half of an AABB form (明明白白);
4. jieba, run only on the sentence around a surviving candidate, cuts between the two
   characters and the first one is a word of its own; then, by part of speech:
   - two one-character words in a row are reported when both carry a `double-tags` tag
     (particles, prepositions, pronouns, adverbs: 的|的, 在|在, 都|都), so that verb and noun
     reduplication (抓|抓, 市|市) is left alone;
   - a one-character word before a longer word starting with the same character is reported
     when it matches `before-word-tags`: `r` (a pronoun: 别|别墅, 各|各级) or `d+d` (an
     adverb before an adverb: 不|不断). Prepositions and particles there are normal:
     了|了解, 与|与会, 就|就业.

A run of three or more is reported once when any pair in it is. With `fix: unsafe` the fix
keeps one of the repeated characters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import regex

from lint.checks import Check, Finding, RunContext
from lint.document import Document
from lint.model import Edit, Fix
from lint.rule import Rule

_RUN = regex.compile(r"(\p{Han})\1+")
_HAN = regex.compile(r"\p{Han}")


def run_pattern(
    chars: frozenset[str], ignore: frozenset[str]
) -> re.Pattern[str] | regex.Pattern[str]:
    """What finds the doubled-character runs a rule can report: with `chars`, those Han
    characters outside `ignore` as one character class, which `re` searches for by the
    class alone (about ten times faster than _RUN tried at every Han character). Its runs
    are the runs of _RUN whose character is in `chars` and not in `ignore`: a run of one
    character holds no other, so skipping the others never hides one."""
    if not chars:
        return _RUN
    kept = sorted(c for c in chars - ignore if _HAN.fullmatch(c))
    if not kept:
        return re.compile(r"(?!)")
    return re.compile("([" + "".join(re.escape(c) for c in kept) + r"])\1+")


class _CompiledRepetition:
    def __init__(self, rule: Rule) -> None:
        p = rule.params
        self.rule = rule
        self.ignore = frozenset(p.get("ignore-chars", ""))
        self.chars = frozenset(p.get("chars", ""))
        self.runs = run_pattern(self.chars, self.ignore)
        self.double_tags = tuple(p.get("double-tags", []))
        # (tag of the one-character word, required tag prefix of the next word or "")
        self.before_word: list[tuple[str, str]] = []
        for spec in p.get("before-word-tags", []):
            single, _, nxt = spec.partition("+")
            self.before_word.append((single, nxt))
        self._tags: dict[str, dict[int, tuple[int, str]]] = {}
        self.pairs: set[str] = set()
        # doubled character -> (phrase, offset of the pair inside the phrase)
        self.phrases: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for phrase in p.get("allow", []):
            if len(phrase) == 2:
                self.pairs.add(phrase)
                continue
            for i in range(len(phrase) - 1):
                if phrase[i] == phrase[i + 1]:
                    self.phrases[phrase[i]].append((phrase, i))

    def allowed(self, text: str, start: int) -> bool:
        """True when an `allow` entry covers the pair at text[start:start+2]."""
        if text[start : start + 2] in self.pairs:
            return True
        for phrase, offset in self.phrases.get(text[start], ()):
            s = start - offset
            if s >= 0 and text[s : s + len(phrase)] == phrase:
                return True
        return False

    def candidates(self, doc: Document) -> Iterator[tuple[int, int]]:
        """(start, end) of doubled-character runs that pass the jieba-free filters."""
        text = doc.scan_text
        for m in self.runs.finditer(text):
            start, end = m.span()
            ch = text[start]
            if ch in self.ignore or (self.chars and ch not in self.chars):
                continue
            if self.allowed(text, start):
                continue
            # AABB (扎扎实实, 明明白白) seen from either half.
            if end + 1 < len(text) and text[end] == text[end + 1] and text[end] != ch:
                continue
            if start >= 2 and text[start - 2] == text[start - 1] and text[start - 1] != ch:
                continue
            yield start, end

    def confirmed(self, doc: Document, start: int, ctx: RunContext) -> bool:
        """jieba's verdict on the pair text[start:start+2] (see the module docstring)."""
        s, e = doc.sentence_span(start, start + 2, limit=60)
        sentence = doc.text[s:e]
        cuts = ctx.segmenter.boundaries(sentence)
        rel = start - s
        if rel + 1 not in cuts:
            return False  # one word: 谢谢, 天天
        if rel not in cuts:
            return False  # a longer word ends with the character: 安全|全链条, 目的|的
        words = self._tagged(sentence)
        first = words.get(rel)
        second = words.get(rel + 1)
        if first is None or second is None or first[0] != 1:
            return False
        if second[0] == 1:
            # Two one-character words: only grammatical words are never doubled (的的, 在在).
            return first[1].startswith(self.double_tags) and second[1].startswith(self.double_tags)
        return any(
            first[1].startswith(single) and (not nxt or second[1].startswith(nxt))
            for single, nxt in self.before_word
        )

    def _tagged(self, sentence: str) -> dict[int, tuple[int, str]]:
        """Offset of each word in `sentence` -> (length, part-of-speech tag)."""
        cached = self._tags.get(sentence)
        if cached is not None:
            return cached
        # jieba itself is already loaded through the shared Segmenter at this point.
        import jieba.posseg

        out: dict[int, tuple[int, str]] = {}
        pos = 0
        for pair in jieba.posseg.cut(sentence, HMM=False):
            out[pos] = (len(pair.word), pair.flag)
            pos += len(pair.word)
        if len(self._tags) > 1024:
            self._tags.clear()
        self._tags[sentence] = out
        return out


def _tag_list(rule: Rule, key: str) -> None:
    value = rule.params.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(v, str) and regex.fullmatch(r"[a-z]+(?:\+[a-z]+)?", v) for v in value
    ):
        raise rule.error(key, "应为 jieba 词性标记的列表，如 r 或 d+d")


class RepetitionCheck(Check):
    keys = frozenset({"allow", "chars", "ignore-chars", "double-tags", "before-word-tags"})
    options_type = _CompiledRepetition

    @classmethod
    def validate(cls, rule: Rule) -> None:
        allow = rule.params.get("allow", [])
        if not isinstance(allow, list) or not all(
            isinstance(a, str) and len(a) >= 2 and any(a[i] == a[i + 1] for i in range(len(a) - 1))
            for a in allow
        ):
            raise rule.error("allow", "应为短语的列表，每个短语含一个叠字")
        for key in ("chars", "ignore-chars"):
            if not isinstance(rule.params.get(key, ""), str):
                raise rule.error(key, "应为字符组成的字符串")
        _tag_list(rule, "double-tags")
        _tag_list(rule, "before-word-tags")
        if any("+" in t for t in rule.params.get("double-tags", [])):
            raise rule.error("double-tags", "应为单个词性标记，如 u 或 p")
        if rule.fix_replacement is not None:
            raise rule.error("fix", "修复总是保留重复字符中的一个，不能另给 replacement")

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        for cr in self.active_options(ctx, _CompiledRepetition):
            for start, end in cr.candidates(doc):
                # The first pairs of a run decide; a long run must not mean a long search.
                pairs = range(start, min(end - 1, start + 3))
                if not any(cr.confirmed(doc, i, ctx) for i in pairs):
                    continue
                safety = cr.rule.fix_safety
                yield Finding(
                    cr.rule,
                    start,
                    end,
                    values={"match": doc.text[start:end], "replacement": doc.text[start]},
                    suggestion=doc.text[start],
                    fix=Fix((Edit(start + 1, end, ""),), safety) if safety else None,
                )


CHECK = RepetitionCheck
