"""`declared-count`: a stated number of items that the enumeration after it does not match.

Two kinds of announcement are checked (`check:` picks one):

- `term`: a quoted numeric term — `“四个到位”`, `“五学”`, `“四着力”` — in a heading or a
  sentence, followed by child headings, an in-text list (`一是…`) or a `、` list after a
  colon, whose items all repeat the term's word (`到位`, `学`, `着力`). That repetition is
  what shows the list spells the term out: `“三农”` before unrelated sub-headings is a name,
  not a count;
- `colon`: a clause ending in a colon that announces `N个方面` / `N项` / `N条` … close
  before the colon (`做好以下三项工作：`, `提出五点要求：`: at most a few characters and no
  comma between them), followed directly by headings, an in-text list, or a plain `、` list
  to the end of the sentence.

`names:` lists fixed terms that hold a count but name one thing (`八项规定`, `四项基本原则`,
`三严三实`): a count inside one of them announces nothing, and a quoted one is not a term to
count.

`“三查三改”` counts three items that each hold both words; `“两学一做”` (two different counts)
and `“十四五”` are names, not counts, and are skipped.
Values for messages: {match}, {declared}, {found}.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lint.checks import Finding, RunContext, SubCheck
from lint.document import Document
from lint.ordinals import Run, runs, section_bounds
from lint.rule import Rule
from lint.structure import Heading, chinese_number, structure
from lint.windows import anchored_matches

CHECKS = ("term", "colon")

_NUM = "一二三四五六七八九十两"
# A quoted term of two to twelve Han characters that opens with a numeral (no other can
# hold a count: _parse_term), so that the many quoted names are never looked at.
_TERM = re.compile(r"“([" + _NUM + r"][\u4e00-\u9fff]{1,11})”")
# One count and its word: `四个到位` = 四 + 到位; `三查三改` is two parts with one count.
_PART = re.compile(r"([" + _NUM + r"]{1,2})(?:个|项|大|条|种)?([^" + _NUM + r"]{1,4})")
# A count is not part of a longer number (`13项`, `1.5项`) or an ordinal (`第三项`): searched
# for by its digits and the character before each match is checked (see _counts).
_COUNT = re.compile(
    r"([0-9]{1,2}|[" + _NUM + r"]{1,3})(?:个|项|条|件|大)?(?:方面|项|条|件|点|类|种|部分)"
)
_NOT_BEFORE_COUNT = frozenset("0123456789０１２３４５６７８９.．第" + _NUM)
_SENTENCE_END = "。！？!?；;\n"
_SENTENCE_END_RE = re.compile("[" + re.escape(_SENTENCE_END) + "]")
# What opens a list: a colon, or a word that does the colon's work (`三项措施，即…`,
# `“三个到位”是指…`, `主要包括…`). A bare 即 is too common (立即, 即将) without its comma.
_AFTER_COMMA = ("即", "是指", "主要是", "主要有", "包括", "分别是", "分别为", "具体是")
_ALONE = ("是指", "主要是", "主要包括", "包括", "分别是", "分别为")
_INTRODUCER = r"[，,](?:" + "|".join(_AFTER_COMMA) + r")[：:]?|(?:" + "|".join(_ALONE) + r")[：:]?"
# Where an announcing colon may start, searched for as literals (a literal is found about ten
# times faster than a character class or an alternation is tried at every character): each
# colon, and the first two characters of each introducer word, which a comma may precede.
_COLON_ANCHORS = tuple(sorted({"：", ":", *(w[:2] for w in _AFTER_COMMA + _ALONE)}))
_ALONE_STARTS = frozenset(w[:2] for w in _ALONE)
_COLON_RE = re.compile("[：:]|" + _INTRODUCER)
_SPACE = " \t\u3000\u00a0"
_LEAD_SPACE = re.compile("[" + re.escape(_SPACE) + "]*")
# How far after an announcing sentence in the body its list may begin.
_REACH = 200
# How long a `、` list after a colon may run before it is taken for prose.
_LIST_REACH = 300
_JOINERS = re.compile("和|及|与|并|同")
# `“四个到位”：…` or `“五学”活动：…`: a colon right after the term (a few characters allowed),
# or an introducer right after it (`“两个根本”，包括…`) or after a few words (`加强“三个必须”
# 落实，即…`). Bounded, so each term costs a few characters.
_TERM_COLON = re.compile(
    r"[\u4e00-\u9fff]{0,6}[：:]|(?P<direct>"
    + _INTRODUCER
    + r")|[\u4e00-\u9fff]{1,6}(?:"
    + _INTRODUCER
    + ")"
)
# An announcing count stands close before its colon: `以下三个方面的重点工作：` (at most this
# many characters between them), in the same clause.
_NEAR = 10
# The longest count: three numerals, a measure word and a two-character unit (`十二个方面`).
_COUNT_MAX = 6
_CLAUSE_MARKS = "，,、；;：:"


@dataclass
class Items:
    """An enumeration: where each item starts and the text that belongs to it."""

    starts: list[int]
    texts: list[str]
    # A `、` list whose last item holds `和`/`及`/`与`: it may join two items (`A、B和C`).
    joined: bool = False

    def matches(self, declared: int) -> bool:
        return len(self.starts) == declared or (self.joined and len(self.starts) + 1 == declared)


def _heading_items(doc: Document, first: Heading) -> Items:
    """`first` and its following siblings, counting up from it without a restart."""
    series = first.series
    chosen = [first]
    for j in range(first.position + 1, len(series)):
        h = series[j]
        if h.number != chosen[-1].number + 1:
            break
        chosen.append(h)
    return Items(
        [h.marker.start for h in chosen],
        [doc.text[h.text_start : h.title_end] for h in chosen],
    )


def _run_items(doc: Document, run: Run) -> Items:
    texts = []
    for k, o in enumerate(run.items):
        stop = run.items[k + 1].start if k + 1 < len(run.items) else len(doc.text)
        found = _SENTENCE_END_RE.search(doc.text, o.end, stop)
        end = found.start() if found is not None else max(o.end, stop)
        texts.append(doc.text[o.end : end])
    return Items([o.start for o in run.items], texts)


def _first_run(all_runs: list[Run], start: int, stop: int) -> Run | None:
    """The first run of two or more items that begins in [start, stop); runs are sorted."""
    i = bisect.bisect_left(all_runs, start, key=lambda r: r.items[0].start)
    for r in all_runs[i:]:
        if r.items[0].start >= stop:
            return None
        if len(r.items) >= 2:
            return r
    return None


def _heading_at(doc: Document, line: int) -> Heading | None:
    return doc.computed(_headings_by_line).get(line)


def _headings_by_line(doc: Document) -> dict[int, Heading]:
    return {h.line: h for h in structure(doc).headings}


@dataclass(frozen=True)
class FixedNames:
    """A rule's fixed names as one regex (longest first), the longest one's length, and
    whether none holds a sentence end (so that the names of one sentence can be searched
    for from its start alone: no name found in the whole text runs into it)."""

    pattern: re.Pattern[str]
    longest: int
    local: bool


def names_pattern(names: Sequence[str]) -> FixedNames | None:
    """The fixed names of a rule; None for none."""
    if not names:
        return None
    ordered = sorted(set(names), key=len, reverse=True)
    return FixedNames(
        re.compile("|".join(re.escape(n) for n in ordered)),
        len(ordered[0]),
        not any(ch in n for n in ordered for ch in _SENTENCE_END + "\r"),
    )


class DeclaredCountCheck(SubCheck):
    keys = frozenset({"check", "names"})
    checks = CHECKS

    @classmethod
    def validate(cls, rule: Rule) -> None:
        super().validate(rule)
        names = rule.params.get("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise rule.error("names", "应为非空字符串的列表")

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.names: dict[str, FixedNames | None] = {
            r.code: names_pattern(r.params.get("names", [])) for r in rules
        }

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        for rule in self.by_check.get("term", ()):
            if rule.code in ctx.active:
                yield from self._terms(doc, [rule], self.names.get(rule.code))
        for rule in self.by_check.get("colon", ()):
            if rule.code in ctx.active:
                yield from self._colons(doc, [rule], self.names.get(rule.code))

    @staticmethod
    def _finding(
        rules: list[Rule], start: int, end: int, declared: int, found: int
    ) -> Iterator[Finding]:
        for rule in rules:
            yield Finding(rule, start, end, values={"declared": str(declared), "found": str(found)})

    def _terms(
        self, doc: Document, rules: list[Rule], names: FixedNames | None = None
    ) -> Iterator[Finding]:
        text = doc.scan_text
        if "“" not in text:
            return
        all_runs = runs(doc)
        for m in _TERM.finditer(text):
            if names is not None and names.pattern.search(m.group(1)):
                continue  # “八项规定”, “三严三实”: a name, not a count of items
            parsed = _parse_term(m.group(1))
            if parsed is None:
                continue
            declared, words = parsed
            h = _heading_at(doc, doc.line_of(m.start()))
            items: Items | None = None
            if h is not None and m.start() < h.title_end:
                if h.children:
                    items = _heading_items(doc, h.children[0])
                else:
                    run = _first_run(all_runs, h.title_end, h.section_end)
                    items = _run_items(doc, run) if run else None
            else:
                colon = _TERM_COLON.match(text, m.end())
                if colon is not None:
                    items = _comma_list(doc, colon.end() - 1)
                    if items is not None and colon.group("direct"):
                        # `“两个根本”，包括A、B、C`: an introducer right after the term
                        # spells it out, whatever words the items use
                        if not items.matches(declared):
                            yield from self._finding(
                                rules, m.start(), m.end(), declared, len(items.starts)
                            )
                        continue
                    if items is None and not colon.group().endswith(("：", ":")):
                        # `即必须A，必须B`: clauses, each repeating the term's word. Only
                        # after 即/包括…: after a bare colon commas join prose, not items
                        items = _clause_list(doc, colon.end() - 1)
                if items is None:
                    _s, sentence_end = doc.sentence_span(m.start(), m.end())
                    run = _first_run(all_runs, m.end(), sentence_end + _REACH)
                    if run is not None and _same_section(doc, m.end(), run.items[0].start):
                        items = _run_items(doc, run)
            if items is None or len(items.starts) < 2 or items.matches(declared):
                continue
            if all(w in t for t in items.texts for w in words):
                yield from self._finding(rules, m.start(), m.end(), declared, len(items.starts))

    def _colons(
        self, doc: Document, rules: list[Rule], names: FixedNames | None = None
    ) -> Iterator[Finding]:
        for c, declared, items in self.colon_lists(doc, names):
            if not items.matches(declared):
                yield from self._finding(rules, c[0], c[1], declared, len(items.starts))

    @staticmethod
    def colon_lists(
        doc: Document, names: FixedNames | None = None
    ) -> Iterator[tuple[tuple[int, int], int, Items]]:
        """((start, end) of the count, declared number, the list) for every announcing colon:
        a sentence whose only count (outside the fixed `names`) stands close before it.

        Only the few characters before each colon are searched for a count at first; the
        sentence is read only where one stands there, once per sentence (its start and its
        first count are kept for the colons after it): walking back to the sentence start
        and searching it again for every colon made a long line of colons quadratic
        (40,000 colons: 76 s), and searching the whole text for counts cost more than the
        rest of the check. No count holds a colon, a sentence end or a clause mark, so the
        counts found near a colon or from a sentence start are those a search of the whole
        text finds there (see _counts)."""
        text = doc.scan_text
        all_runs: list[Run] | None = None
        spans = _NameSpans(text, names)
        # the last colon whose sentence start was looked for, and the last sentence end
        # before it: the next one is looked for only after it
        seen, last_end = 0, -1
        first_of: dict[int, int] = {}  # sentence start -> its first count's start
        for colon_match in _colon_matches(text):
            colon = colon_match.start()
            near = _counts(text, max(0, colon - _NEAR - _COUNT_MAX), colon)
            if not near:
                continue
            found = max(text.rfind(ch, seen, colon) for ch in _SENTENCE_END)
            if found >= 0:
                last_end = found
            seen = colon
            ls = doc.line_starts[doc.line_of(colon)]
            s = max(ls, last_end + 1)
            outside = [c for c in near if c.start() >= s and not spans.holds(s, colon, c)]
            if not outside:
                continue
            c = outside[-1]
            first = first_of.get(s)
            if first is None:
                first = first_of[s] = _first_count(text, s, colon, spans)
            if first != c.start():
                continue  # two counts in the sentence
            # The distance is checked before slicing: a count far before a long run of colons
            # must not cost the run's length per colon.
            if colon - c.end() > _NEAR or any(ch in _CLAUSE_MARKS for ch in text[c.end() : colon]):
                continue  # `贯彻…八项规定…，现通知如下：`: the count is not what the colon opens
            if c.start() > 0 and text[c.start() - 1] == "“":
                continue  # a quoted term such as “三项制度”: NB121's business
            raw = c.group(1)
            declared = int(raw) if raw.isdigit() else chinese_number(raw.replace("两", "二"))
            # `一个方面` / `另一方面` are manners of speaking, not lists of one.
            if not declared or declared < 2:
                continue
            if all_runs is None:
                all_runs = runs(doc)
            # the list follows the introducer's last character, as it follows a colon
            items = _after_colon(doc, all_runs, colon_match.end() - 1)
            if items is not None and len(items.starts) >= 2:
                yield (c.start(), c.end()), declared, items


def _colon_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_COLON_RE.finditer(text)` finds, tried only where a match can start (see
    _COLON_ANCHORS): a match starts with a colon, an introducer word or the comma before
    one, and the matches are taken in order without overlaps, as finditer takes them."""
    starts: set[int] = set()
    for anchor in _COLON_ANCHORS:
        alone = anchor in _ALONE_STARTS or anchor in "：:"
        for a in re.finditer(re.escape(anchor), text):
            p = a.start()
            if alone:
                starts.add(p)
            if p and text[p - 1] in "，,":
                starts.add(p - 1)
    yield from anchored_matches(_COLON_RE, text, starts)


def _first_count(text: str, start: int, stop: int, spans: _NameSpans) -> int:
    """Where the first count outside the names that starts in [start, stop) starts; the
    caller knows there is one."""
    for c in _counts(text, start, stop):
        if not spans.holds(start, stop, c):
            return c.start()
    raise AssertionError("a count was found before")


class _NameSpans:
    """Whether a fixed name holds a count, the names being those `finditer` finds in the
    whole text. They are searched for from the start of the count's sentence when no name
    holds a sentence end (no name found in the whole text then runs into a sentence), each
    sentence once and only up to the colons asked about; else in the whole text, once."""

    def __init__(self, text: str, names: FixedNames | None) -> None:
        self.text = text
        self.names = names
        self.starts: list[int] = []
        self.reach: list[int] = []  # the furthest end of the names up to each one
        self.sentence = -1
        self.pos = 0  # where the search for names in the current sentence goes on
        self.whole = names is not None and not names.local

    def holds(self, sentence: int, upto: int, c: re.Match[str]) -> bool:
        """Whether a name holds the count `c`, which starts in [sentence, upto)."""
        names = self.names
        if names is None:
            return False
        if self.whole:
            self.whole = False
            self._add(names.pattern.finditer(self.text), len(self.text))
        elif names.local:
            if sentence != self.sentence:
                self.sentence, self.pos = sentence, sentence
            if self.pos < upto:
                found = names.pattern.finditer(self.text, self.pos, upto + names.longest)
                self.pos = max(upto, self._add(found, upto))
        i = bisect.bisect_right(self.starts, c.start()) - 1
        return i >= 0 and self.reach[i] >= c.end()

    def _add(self, found: Iterator[re.Match[str]], upto: int) -> int:
        """Keep the names starting before `upto`; the end of the last one kept (or 0)."""
        last = 0
        for n in found:
            if n.start() >= upto:
                break
            self.starts.append(n.start())
            self.reach.append(max(n.end(), self.reach[-1]) if self.reach else n.end())
            last = n.end()
        return last


def _counts(text: str, start: int = 0, stop: int | None = None) -> list[re.Match[str]]:
    """Every count (`三个方面`, `5项`) that starts in [start, stop) and that no digit,
    numeral, point or 第 precedes.

    What a lookbehind in front of _COUNT would find, three times faster: a pattern opening
    with a lookbehind is tried at every character. A rejected match never hides a count: a
    count starts with a digit or numeral, and inside a match every digit or numeral follows
    another one (or a rejected start). For the same reason no count starts inside another,
    so a search from any `start` finds the counts a search of the whole text finds there;
    it reads up to _COUNT_MAX characters past `stop` to finish the last one."""
    if stop is None:
        stop = len(text)
    found = []
    for m in _COUNT.finditer(text, start, min(len(text), stop + _COUNT_MAX)):
        if m.start() >= stop:
            break
        if not m.start() or text[m.start() - 1] not in _NOT_BEFORE_COUNT:
            found.append(m)
    return found


def _list_end(text: str, first: int, stops: str) -> int | None:
    """Where the list that opens at `first` ends (the first of `stops`, or the end of the
    text), or None when no end lies within `_LIST_REACH` of its introducer."""
    end = first
    limit = min(len(text), first - 1 + _LIST_REACH)
    while end < limit and text[end] not in stops:
        end += 1
    if end >= limit and end < len(text):
        return None
    return end


def _split_top(text: str, first: int, end: int, seps: str) -> tuple[list[int], list[str]]:
    """The items of `text[first:end]` split at the separators in `seps` outside brackets and
    quotes: each item's start and its text (the last item runs to `end`)."""
    starts: list[int] = []
    texts: list[str] = []
    depth = 0
    item_start = first
    for i in range(first, end + 1):
        ch = text[i] if i < end else seps[0]
        if ch in "（(“‘《〈[【":
            depth += 1
        elif ch in "）)”’》〉]】":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            starts.append(item_start)
            texts.append(text[item_start:i])
            item_start = i + 1
    return starts, texts


def _comma_list(doc: Document, colon: int) -> Items | None:
    """`铜、铅、锌` after a colon, up to the end of the sentence: its items split at the
    top-level `、`. None when the text is more than a plain list (commas, colons) or is
    left open (`…等`)."""
    text = doc.scan_text
    end = _list_end(text, colon + 1, "。；;\n\r")
    if end is None:
        return None
    segment = text[colon + 1 : end]
    if not segment.strip(_SPACE) or any(c in segment for c in "，,：:？?！!"):
        return None
    starts, texts = _split_top(text, colon + 1, end, "、")
    if len(starts) < 2 or any(not t.strip(_SPACE) for t in texts):
        return None
    last = texts[-1].rstrip(_SPACE)
    if last.endswith(("等", "等等")) or "等" in last[-3:]:
        return None
    return Items(starts, texts, joined=bool(_JOINERS.search(last)))


def _clause_list(doc: Document, intro: int) -> Items | None:
    """The clauses after an introducer (`即必须A，必须B。`), split at top-level `，`/`；` up to
    the end of the sentence. Only a term's own words show that they spell it out: the
    caller keeps them only when every clause repeats them."""
    text = doc.scan_text
    end = _list_end(text, intro + 1, "。！？!?\n\r")
    if end is None:
        return None
    starts, texts = _split_top(text, intro + 1, end, "，,；;")
    # a clause holding a `、` list is not one item (`思想到位、措施到位，确保责任到位`)
    if len(starts) < 2 or any(not t.strip(_SPACE) or "、" in t for t in texts):
        return None
    return Items(starts, texts)


def _after_colon(doc: Document, all_runs: list[Run], colon: int) -> Items | None:
    """The list that directly follows a colon: an in-text list opening the rest of the line,
    or numbered headings / an in-text list opening the next paragraph."""
    text = doc.scan_text
    index = doc.line_of(colon)
    # Measured from the colon without slicing the rest of its line, which on a long line of
    # colons would cost the line's length for each of them.
    lead = _LEAD_SPACE.match(text, colon + 1, doc.line_ends[index])
    first = lead.end() if lead is not None else colon + 1
    if first < doc.line_ends[index]:
        run = _first_run(all_runs, first, first + 1)
        return _run_items(doc, run) if run else _comma_list(doc, colon)
    nxt = index + 1
    while nxt < doc.line_count and not doc.line_text(nxt).strip(_SPACE):
        nxt += 1
    if nxt >= doc.line_count:
        return None
    h = _heading_at(doc, nxt)
    if h is not None:
        return _heading_items(doc, h) if h.number == 1 else None
    ls, le = doc.line_span(nxt)
    first = ls + (len(text[ls:le]) - len(text[ls:le].lstrip(_SPACE)))
    run = _first_run(all_runs, first, first + 1)
    return _run_items(doc, run) if run else None


def _parse_term(term: str) -> tuple[int, list[str]] | None:
    """(count, words) of a numeric term; None for names that are not one count of items.

    `四个到位` -> (4, [到位]); `三查三改` -> (3, [查, 改]); `两学一做` and `十四五` -> None.
    """
    parts = []
    pos = 0
    while pos < len(term):
        m = _PART.match(term, pos)
        if m is None:
            return None
        parts.append(m)
        pos = m.end()
    if not parts or len(parts) > 2:
        return None
    counts = {chinese_number(p.group(1).replace("两", "二")) for p in parts}
    if len(counts) != 1:
        return None
    count = counts.pop()
    if not count or count < 2:
        return None
    return count, [p.group(2) for p in parts]


def _same_section(doc: Document, a: int, b: int) -> bool:
    """No heading or break line starts between offsets a and b."""
    bounds = section_bounds(doc)
    return bisect.bisect_right(bounds, a) == bisect.bisect_right(bounds, b)


CHECK = DeclaredCountCheck
