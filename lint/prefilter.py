"""Which lines a rule's pattern can match on, found by reading the pattern once.

A rule set has some 150 patterns, and the `regex` module scans a megabyte of text in a few
milliseconds for each one whose start is not a single literal (`小编|本站…`, `(?m)^[ \\t]*…`):
most of a clean file's time, for patterns that find nothing in it. `anchors` reads from a
pattern literal strings, one of which every match must contain. A check finds the anchors of
all its patterns in one scan of the text (those holding a rare character), all pairs of
punctuation marks once for all checks (`，，`, `、。`: see PAIRED), and looks the others up
one at a time with `str.find` (single characters, common words, a few per pattern; for a
pattern that ignores case, one character of each string in each case it matches). A pattern
whose anchors are nowhere in the text is not run at all. Otherwise it runs only on the lines
holding one:

- when its matches (lookarounds included) can never reach across a line break, each such
  line is searched on its own;
- when only what a match consumes before its anchor holds no line break (`阅读\\s*[:：]`:
  the match starts on the anchor's line, and may run on past it), the search looks for the
  first start on each such line and takes the match from there.

Either way: the same matches, in the same order, as a scan of the whole text.

The pattern is read with the standard library's parser (after mapping the few `regex`-only
constructs the rules use to equivalents for this purpose); anything it does not understand,
or any doubt (`\\A`/`\\Z`, a `^` or `$` that is not per line, a character whose cases are
not known), gives None and the pattern scans the whole text as before.
"""

from __future__ import annotations

import bisect
import itertools
import re
import warnings
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

import regex

try:  # Python 3.11+
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

# Anchors shorter than this are too common to narrow anything down (a comma, a colon).
MIN_ANCHOR = 2
# Characters of official prose at more than three in a thousand (measured on 63 official
# texts, 1.08 M characters). An anchor is searched for from a character not in this list
# (`全面建成小康社会` from `面建成小康社会`): the one scan for all anchors stops at each occurrence
# of an anchor's first character, and stopping at every 全 or 、 made it cost more than the
# patterns it spares. A pattern whose anchors all consist of such characters is not
# prefiltered. Only speed depends on this list, never what is found.
COMMON = frozenset(
    "，。、业和的发国展化建全新大进加实中力推人动设民政产\u201c\u201d一制持强工高生0体会保增"
    "务作重改区经地行提等能成要1社资合开主平基家施创深治"
    " \t\u3000"  # and the blanks that indent every paragraph
)
# The thousand most frequent characters of the same texts, most frequent first (97% of their
# characters). Of the anchor sets a pattern offers, the one whose strings are expected least
# often is chosen (`皖|北京|…` by province names, or the `:` of a `12:30` next to them?): a
# string is expected about as often as its rarest character, at a frequency falling as
# 1/rank, times LONGER for each further character; characters not listed count as rank RARE.
# Only speed depends on this list.
RANKED = (
    "，。、业和的发国展化建全新大进加实中力推人动设民政产“”一制持强工高生0体会保增务作重改"
    "区经地行提等能成要1社资合开主平基家施创深治济农坚有2面理好年度\u0020革入用市以机"
    "为城企性现量项快服在长定不质代系育公完水上点5个造法支文善出科稳.心是技策优安党共更本升"
    "续村对万%目方同各领域效3事学我规融教管金省场品特投三义级放源活多统费态护分向色标府促就"
    "自程关4部构防型健外战群结医落6决利乡总环障通收调导立步到位协扩境消7亿们权8际范运电商"
    "海风集数险准积时应转办营元信口期台小十监极下居式引与打精做五众内流老（）整路9局物任交划"
    "二解取题础培军养贸来试略四批兴镇央问供两专得率；联综达线族求过道明格争干表绿财把严形模势"
    "房益术网计先员才第低层控了件广前价研类突易于县抓果难预确及习近减断旅团意院康次智思正值港"
    "着组带接住职筹依核字界西需配验园节超降困神复固游税清示之备贯别贫变补督维比速所世气置单让"
    "继想疗助山间举指条均攻链排—空食江观首措必挥处校议最破东传责互可聚彻子种惠户天紧牢算查南"
    "碳美委使围污药扎切功华列布常灾土振励队拓车织识命奋今志！史边北移执门历充从然粮相素扶河林"
    "债卫头斗案显当普装后百须双承参千富：巩审起序负都并给澳退良适覆铁走盖去其存原球航受里身反"
    "激记青认努左右者额染货少具州届竞感段律考情约这儿福鼓守回跨根息再招论岸底究足湖劳据获伟未"
    "零键日真贷救压评六报周将享较壮绩至景担+非失牌无病书名还款占践八脱选托腐满念宗直络帮胞视"
    "套由证谐连启而影衡京旧纪则例注见些湾修疆微繁容荣盾除急密阶克亩宏响探币煤也针挑临遇终因宁"
    "矛轮疾庭光银残检师爱端储田汽洋始署德料板击害博败待筑宜撑室付司包慧越幅远购照属材免扬手援"
    "赛涉止便谋测侨洁胜耕贴延廉采遗象士觉察限库短违津换女黄官知０尽仍索纳告赋九危征隐妥川圈销"
    "循丰予训派按致红站样石油伍汇艺休矿患％丽龙渝每章焦献疫亚累香沿愿阳热马诚草吨七友树纽潜童"
    "顺警客奖艰迈渠故勇绕请弱号贡宽陆月庆刻逐伐巨盘细武贵握P废馆妇峰枢售张秀龄留《》播沙初耗"
    "器班藏看又弘齐涨著独访役讲纠泛古话黑顾牵拥厂差尊毕载恢云赢苏１偿券拉久吸粤幸桥既岗履花般"
    "祖许火瓦幼牧输肃兜雪震硬没凝靠只返米片旗股往况编永简奥余释欠．杂角他份殊犯松灵畅冰薄森谢"
    "兵签()懈岛植G裕冲图赤飞缩亲敢演异罪篇厉白净档乐版轻伤劲洪登倡坛帜诊抗遏账纵迁倍欧判乱"
    "离租惩蓝暖符斤铸２夏席扣垃圾廊灌衔燃苦趋候摇望抢召兼径早餐碍i驻轨挂订甘揽"
)
_RANK = {ch: i + 1 for i, ch in enumerate(RANKED)}
RARE = 3 * len(RANKED)
# Latin letters, which official prose seldom holds, from the most to the least frequent in
# English: `Rights` is looked for by its `g` rather than its `i`.
LATIN = "etaoinshrdlcumwfgypbvkjxqz"
LONGER = 0.2
CROSSING = 16
BLANKS = " \t\u3000"
# Punctuation of running prose. Doubled or mismatched marks (，，、。) are anchors made of it only,
# found by one search per text for two of them in a row (`pair_offsets`), shared by all checks.
PAIRED = "，。、；：！？"
_PAIRS = re.compile(f"[{PAIRED}](?=[{PAIRED}])")
# Lines are searched one at a time only while few hold an anchor (at most one in LINE_SHARE,
# with at most 1/TEXT_SHARE of the text): past that, one scan of the whole text costs less
# than a call per line.
LINE_SHARE = 8
TEXT_SHARE = 4
# At most this many alternative strings for one anchor set (`[，、；：][，。]` gives 8), and
# for the branches of an alternation together (`小编|本站…|…` of a residue rule).
MAX_ANCHORS = 64
MAX_BRANCH_ANCHORS = 256
# At most this many characters of one pattern looked up one at a time (each costs a pass over
# the text, of some fifty microseconds per megabyte when it is not there).
MAX_FINDS = 16
# A character found more than FREQUENT * (lines / LINE_SHARE) times, as estimated from the
# first SAMPLE characters, is not looked up line by line (a guess that only costs speed).
SAMPLE = 65536
FREQUENT = 4
# At most this many characters and ranges in the class of a match's first characters.
MAX_FIRST = 400
_NL = ord("\n")
_CR = ord("\r")
# `regex` syntax the rules use, mapped to what the standard parser reads for the same shape:
# \p{Han} is a class of word characters (never a line break), \K and possessive or atomic
# forms consume what their plain forms consume.
_REGEX_ONLY = [
    (re.compile(r"\\p\{Han\}"), r"\\w"),
    (re.compile(r"\\P\{Han\}"), r"\\W"),
    (re.compile(r"\\K"), ""),
]
# Read differently by the two parsers, so never read: other properties and named characters,
# POSIX or nested classes (`[[:alpha:]]`), braces that are not a counted repeat (fuzzy
# matching `{e<=1}` in `regex`, literal text in `re`).
_NOT_READ = re.compile(r"\\[pPNX]|(?<!\\)\[\[|\[:\w+:\]|(?<!\\)\{(?!\d*,?\d*\})")


@dataclass(frozen=True)
class Anchors:
    """What reading a pattern showed: strings of which every match contains one, searched for
    in the one scan of all anchors (`strings`, see COMMON), among the pairs of punctuation
    marks (`commons`, see PAIRED) or one at a time (`finds`: single characters and common
    words, always few); whether every match (lookarounds included) stays within one line;
    and whether every match starts on the line of its anchor (what it consumes before the
    anchor holds no line break, whatever it consumes after it)."""

    strings: frozenset[str]
    one_line: bool
    finds: frozenset[str] = frozenset()
    starts_on_line: bool = False
    commons: frozenset[str] = frozenset()
    # the characters a match can begin with, as the body of a character class ("" unknown)
    first: str = ""
    # the pattern begins with a literal character, which `regex` finds about as fast as
    # `str.find` does: it is worth skipping when its anchors are missing from the one scan,
    # never worth a lookup or a search line by line
    literal_start: bool = False


def anchors(pattern: str, flags: int = 0) -> Anchors | None:
    """What reading `pattern` shows (see Anchors); None when it shows no anchor. `flags` are
    the `regex` flags it is compiled with."""
    source = pattern
    for old, new in _REGEX_ONLY:
        source = old.sub(new, source)
    if _NOT_READ.search(source):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "possible nested set" and the like: not read
            parsed = _p.parse(source, flags & (re.DOTALL | re.MULTILINE))
    except Exception:  # regex-only syntax the standard parser refuses
        return None
    state_flags = parsed.state.flags
    if state_flags & re.VERBOSE:
        return None
    ignore_case = bool((flags | state_flags) & re.IGNORECASE)
    reader = _Reader(bool(state_flags & re.DOTALL), bool(state_flags & re.MULTILINE), ignore_case)
    try:
        one_line = not reader.may_cross_lines(list(parsed))
    except _Unknown:
        one_line = False
    try:
        found = reader.anchors(list(parsed))
        narrowest = parsed.getwidth()[0]
    except (_Unknown, OverflowError, ValueError):
        return None
    if found is None:
        return None
    words, crosses = found
    sorted_words = _sort_words(words, ignore_case)
    if sorted_words is None:
        return None
    rare, commons, finds = sorted_words
    # A match that starts on its anchor's line is searched for from that line's start only
    # when it is never empty and `\K` does not move its reported start: then the next
    # search starts where the last match ended, as in a scan of the whole text.
    starts_on_line = (
        not crosses and narrowest > 0 and "\\K" not in pattern and not any("\n" in w for w in words)
    )
    literal_start = _literal_start(list(parsed))
    first = ""
    if starts_on_line and not one_line and not literal_start:
        try:
            begins = reader.first(list(parsed))
        except _Unknown:
            begins = None
        first = "" if begins is None else _class_body(begins)
    return Anchors(
        frozenset(rare),
        one_line,
        frozenset(finds),
        starts_on_line,
        frozenset(commons),
        first,
        literal_start,
    )


# What `regex` matches, ignoring case, for a character: an ASCII letter matches its two cases
# and these (the dotted and dotless i, the Kelvin sign, the long s); characters of CASELESS
# match only themselves.
# Checked against every code point by the tests.
_ODD_CASES = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
CASELESS = (
    (0x00, 0x40),  # controls, blank, digits, ASCII punctuation
    (0x5B, 0x60),
    (0x7B, 0x7E),
    (0xA9, 0xA9),  # ©
    (0x2000, 0x206F),  # general punctuation
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DBF),  # CJK ideographs
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF20),  # full-width punctuation and digits
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
)


def case_variants(ch: str) -> frozenset[str] | None:
    """The characters `regex` matches for `ch` ignoring case; None: not known here."""
    if "a" <= ch.lower() <= "z" and ch.isascii():
        low = ch.lower()
        return frozenset(low + low.upper() + _ODD_CASES.get(low, ""))
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in CASELESS):
        return frozenset(ch)
    return None


def _sort_words(words: set[str], ignore_case: bool) -> tuple[set[str], set[str], set[str]] | None:
    """Where each anchor is searched for (see Anchors): the rare tails for the one scan, the
    pairs of marks, the strings looked up one at a time; None: no help."""
    rare: set[str] = set()
    finds: set[str] = set()
    commons: set[str] = set()
    if ignore_case:
        # Each word is looked for by one of its characters, in every case it matches.
        for word in words:
            variants = min(
                (v for v in map(case_variants, word) if v is not None),
                key=lambda v: sum(1 / _rank(ch) for ch in v),
                default=None,
            )
            if variants is None:
                return None
            finds |= variants
        return (rare, commons, finds) if finds and len(finds) <= MAX_FINDS else None
    for word in words:
        if not word:
            return None
        # the longest tail of the anchor that starts with an uncommon character
        tail = next((word[i:] for i in range(len(word)) if word[i] not in COMMON), "")
        if len(tail) >= MIN_ANCHOR:
            rare.add(tail)
        elif not word.strip(BLANKS):
            return None  # blanks indent and align: on too many lines to help
        elif len(word) >= MIN_ANCHOR and not word.strip(PAIRED):
            commons.add(word)
        else:
            finds.add(word)
    return (rare, commons, finds) if len(finds) <= MAX_FINDS else None


def _literal_start(seq: list[Any]) -> bool:
    for op, _av in seq:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        return bool(op is _c.LITERAL)
    return False


class Located:
    """The anchors found in one text: the offsets the one scan found (`hits`), the offsets of
    pairs of PAIRED marks (`pairs`, asked for on first use; see pair_offsets), and the lines
    holding each string looked up one at a time, found on first use."""

    def __init__(
        self,
        text: str,
        line_starts: list[int],
        hits: dict[str, list[int]],
        pairs: Callable[[], list[int]] | None = None,
    ) -> None:
        self.text = text
        self.line_starts = line_starts
        self.hits = hits
        self._pairs = pairs
        # past this many lines a pattern is searched in the whole text anyway
        self.limit = len(line_starts) // LINE_SHARE
        self._lines: dict[str, list[int] | None] = {}
        self._chars: dict[str, bool] = {}

    def common(self, word: str) -> list[int]:
        """The offsets of `word`, made of PAIRED marks only."""
        pairs = self._pairs() if self._pairs is not None else pair_offsets(self.text)
        starts = self.text.startswith
        return [o for o in pairs if starts(word, o)]

    def lines(self, word: str) -> list[int] | None:
        """The lines holding `word`; None: more than `limit`."""
        if word in self._lines:
            return self._lines[word]
        text = self.text
        out: list[int] | None = []
        # One character looked for first (memchr-fast) rules most words out at once.
        probe = _probe(word)
        seen = self._chars.get(probe)
        if seen is None:
            seen = self._chars[probe] = probe in text
        if seen and not self._frequent(word):
            out = _lines_holding(text, word, self.line_starts, self.limit)
        elif seen:
            out = None
        self._lines[word] = out
        return out

    def _frequent(self, word: str) -> bool:
        """Whether `word` is, judging by the start of the text, on far more lines than
        `limit`: then the lookup would stop at `limit` lines anyway, after a costly loop."""
        size = min(SAMPLE, len(self.text))
        if not size:
            return False
        share = self.text.count(word, 0, size) / size
        return share * len(self.text) > FREQUENT * self.limit


def pair_offsets(text: str) -> list[int]:
    """Where two PAIRED marks stand in a row in `text` (the first one's offset)."""
    return [m.start() for m in _PAIRS.finditer(text)]


def _expected(words: set[str]) -> float:
    """How often one of `words` is expected in official prose, relative to the most frequent
    character (see RANKED)."""
    return sum(LONGER ** (len(w) - 1) / max((_rank(ch) for ch in w), default=1) for w in words)


def _rank(ch: str) -> int:
    rank = _RANK.get(ch)
    if rank is not None:
        return rank
    latin = LATIN.find(ch.lower()) if ch.isascii() else -1
    return RARE + 10 * latin if latin >= 0 else RARE + 10 * len(LATIN)


def _probe(word: str) -> str:
    """The character of `word` least likely to be in a text."""
    return next((ch for ch in word if ch not in COMMON), word[-1])


def _lines_holding(text: str, word: str, starts: list[int], limit: int) -> list[int] | None:
    out: list[int] = []
    find = text.find
    last = len(starts) - 1
    i = find(word)
    while i >= 0:
        line = bisect.bisect_right(starts, i) - 1
        out.append(line)
        if len(out) > limit:
            return None
        if line == last:
            break
        i = find(word, starts[line + 1])  # one offset per line is enough
    return out


class PatternIndex:
    """The anchors of many patterns (see the module doc). The check finds their `words` in the
    same scan as its literal tokens and hands their offsets to `windows`."""

    def __init__(self, patterns: dict[Hashable, Any]) -> None:
        self.anchors: dict[Hashable, Anchors] = {}
        for key, pattern in patterns.items():
            found = anchors(pattern.pattern, pattern.flags)
            if found is not None:
                self.anchors[key] = found
        # For each pattern searched from the lines its matches start on: a pattern whose match
        # from a position ends where the pattern first matches on the rest of that line (a
        # lookahead tried at each position in turn, in one call). Built here, so the engine
        # cache keeps it compiled.
        self.first_starts: dict[Hashable, Any] = {
            key: regex.compile(_first_start(pattern.pattern, self.anchors[key]), pattern.flags)
            for key, pattern in patterns.items()
            if key in self.anchors
            and self.anchors[key].starts_on_line
            and not self.anchors[key].one_line
            and not self.anchors[key].literal_start
        }
        self.words = frozenset(w for a in self.anchors.values() for w in a.strings)

    def windows(
        self, key: Hashable, located: Located, length: int
    ) -> tuple[list[tuple[int, int]] | None, Any]:
        """Where pattern `key` can match in the text `located` was made from: [] nowhere, else
        (start, end) of each line holding one of its anchors; None: the whole text. Second:
        None when the windows hold whole matches, else the windows are the lines a match can
        start on (it may run past them) and this is the pattern that finds the first start
        on the rest of a line (see `first_starts`)."""
        found = self.anchors.get(key)
        if found is None:
            return None, None
        line_starts = located.line_starts
        lines: set[int] = set()
        offsets = [o for w in found.strings for o in located.hits.get(w, ())]
        if found.literal_start:
            return ([] if not offsets and not (found.finds or found.commons) else None), None
        for word in found.commons:
            offsets += located.common(word)
        for word in found.finds:
            held = located.lines(word)
            if held is None:
                # too many to search line by line: the whole text, unless nothing at all
                return None, None
            lines.update(held)
            if len(lines) > located.limit:
                return None, None  # the other words need not be looked up
        if not offsets and not lines:
            return [], None
        if not (found.one_line or found.starts_on_line):
            return None, None
        lines.update(bisect.bisect_right(line_starts, o) - 1 for o in offsets)
        if len(lines) * LINE_SHARE > len(line_starts):
            return None, None
        last = len(line_starts) - 1
        # a line ends before its line break (LF, or the CR that scanning saw as LF)
        out = [
            (line_starts[i], line_starts[i + 1] - 1 if i < last else length) for i in sorted(lines)
        ]
        if sum(e - s for s, e in out) * TEXT_SHARE > length:
            return None, None
        return out, None if found.one_line else self.first_starts[key]


def _first_start(pattern: str, found: Anchors) -> str:
    """The source of a pattern whose match from a position ends where `pattern` first matches
    on the rest of that position's line: a lazy run of the line's characters, then the pattern
    as a lookahead, tried (in one call) at each position in turn, first at those holding one
    of the characters a match can begin with (never a line break: see `first`)."""
    here = "(?=(?:" + pattern + "))"
    if not found.first:
        return r"[^\n]*?" + here
    # runs of characters no match begins with are skipped at once (possessive, atomic)
    return f"(?>(?:[^\\n{found.first}]++|(?!(?:{pattern}))[{found.first}])*){here}"


def _class_body(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in sorted(ranges)
    )


class _Unknown(Exception):
    """A construct the reader does not know: no claim is made about the pattern."""


class _Reader:
    def __init__(self, dotall: bool, multiline: bool, ignore_case: bool = False) -> None:
        self.dotall = dotall
        self.multiline = multiline
        self.ignore_case = ignore_case
        # group number -> its content, for back references
        self.groups: dict[int, list[Any]] = {}

    # --- can a match (or a lookaround) take in a line break? ---------------------------------

    def may_cross_lines(self, seq: list[Any], lookarounds: bool = True) -> bool:
        """Whether a match of `seq` may consume a line break, or (with `lookarounds`) look at
        one."""
        return any(self._node_crosses(op, av, lookarounds) for op, av in seq)

    def _node_crosses(self, op: Any, av: Any, lookarounds: bool = True) -> bool:
        if op is _c.LITERAL:
            return bool(av == _NL)
        if op is _c.NOT_LITERAL:
            return bool(av != _NL)
        if op is _c.ANY:
            return self.dotall
        if op is _c.IN:
            return _class_has_newline(av)
        if op is _c.AT:
            if not lookarounds:
                return False  # zero-width
            # per-line anchors and word boundaries only
            if av in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY):
                return False
            if av in (_c.AT_BEGINNING, _c.AT_END):
                return not self.multiline
            return True  # \A, \Z
        if op is _c.SUBPATTERN:
            group, add_flags, del_flags, body = av
            if add_flags & (re.IGNORECASE | re.DOTALL | re.MULTILINE) or del_flags:
                raise _Unknown
            if group is not None:
                self.groups[group] = list(body)
            return self.may_cross_lines(list(body), lookarounds)
        if op is _c.BRANCH:
            return any(self.may_cross_lines(list(b), lookarounds) for b in av[1])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE):
            return self.may_cross_lines(list(av[2]), lookarounds)
        if op is _ATOMIC:
            return self.may_cross_lines(list(av), lookarounds)
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return lookarounds and self.may_cross_lines(list(av[1]))
        if op is _c.GROUPREF:
            body = self.groups.get(av)
            if body is None:
                raise _Unknown
            return self.may_cross_lines(body, lookarounds)
        raise _Unknown  # GROUPREF_EXISTS and anything newer

    def _consumes_newline(self, op: Any, av: Any) -> bool:
        try:
            return self._node_crosses(op, av, lookarounds=False)
        except _Unknown:
            return True

    # --- the characters a match begins with ---------------------------------------------

    def first(self, seq: list[Any]) -> list[tuple[int, int]] | None:
        """Ranges of the characters the first character of a match of `seq` lies in (None:
        not known, or a match may be empty)."""
        found, nullable = self._first_seq(seq)
        if nullable or len(found) > MAX_FIRST:
            return None
        if any(lo <= _NL <= hi or lo <= _CR <= hi for lo, hi in found):
            return None  # the search for a start stays on its line
        return found

    def _cases(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The characters from `lo` to `hi`, and (ignoring case) those they match."""
        if not self.ignore_case:
            return [(lo, hi)]
        if lo == hi:
            variants = case_variants(chr(lo))
            if variants is None:
                raise _Unknown
            return [(ord(v), ord(v)) for v in variants]
        if any(a <= lo and hi <= b for a, b in CASELESS):
            return [(lo, hi)]
        raise _Unknown

    def _first_seq(self, seq: list[Any]) -> tuple[list[tuple[int, int]], bool]:
        out: list[tuple[int, int]] = []
        for op, av in seq:
            found, nullable = self._first_node(op, av)
            out += found
            if not nullable:
                return out, False
        return out, True

    def _first_node(self, op: Any, av: Any) -> tuple[list[tuple[int, int]], bool]:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return [], True  # zero-width
        if op is _c.LITERAL:
            return self._cases(av, av), False
        if op is _c.IN:
            ranges = []
            for kind, value in av:
                if kind is _c.LITERAL:
                    ranges += self._cases(value, value)
                elif kind is _c.RANGE:
                    ranges += self._cases(value[0], value[1])
                else:
                    raise _Unknown  # negated sets, categories: too wide to help
            return ranges, False
        if op is _c.SUBPATTERN:
            group, add_flags, del_flags, body = av
            if add_flags & re.IGNORECASE or del_flags:
                raise _Unknown
            if group is not None:
                self.groups[group] = list(body)
            return self._first_seq(list(body))
        if op is _ATOMIC:
            return self._first_seq(list(av))
        if op is _c.BRANCH:
            out: list[tuple[int, int]] = []
            nullable = False
            for branch in av[1]:
                found, empty = self._first_seq(list(branch))
                out += found
                nullable = nullable or empty
            return out, nullable
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE):
            found, empty = self._first_seq(list(av[2]))
            return found, empty or av[0] == 0
        raise _Unknown  # any character, categories, back references

    # --- literal anchors ------------------------------------------------------------------

    def anchors(self, seq: list[Any]) -> tuple[set[str], bool] | None:
        """Strings one of which every match of `seq` contains (None: none known), and whether
        the text a match consumes before that string may hold a line break."""
        candidates: list[tuple[set[str], bool]] = []
        run: set[str] | None = {""}
        run_crosses = False  # whether what is consumed before the run may hold a line break
        crossed = False  # whether what the elements so far consume may hold a line break
        for op, av in seq:
            if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue  # zero-width: the characters around it are still adjacent
            if op is _c.SUBPATTERN and av[0] is not None:
                self.groups[av[0]] = list(av[3])
            exact = self._exact(op, av)
            consumes = self._consumes_newline(op, av)
            if exact is not None and run is not None:
                joined = {a + b for a, b in itertools.product(run, exact)}
                if len(joined) <= MAX_ANCHORS:
                    run = joined
                    crossed = crossed or consumes
                    continue
            if exact is None and run is not None:
                # `X+` with X a fixed set of strings: the run goes on with X, then ends
                head = self._repeated_head(op, av)
                if head is not None:
                    joined = {a + b for a, b in itertools.product(run, head)}
                    if len(joined) <= MAX_ANCHORS:
                        run = joined
            if run is not None and run != {""}:
                candidates.append((run, run_crosses))
            run = exact if exact is not None else None
            run_crosses = crossed
            if exact is None:
                inner = self._required(op, av)
                if inner is not None:
                    candidates.append((inner[0], crossed or inner[1]))
            crossed = crossed or consumes
        if run is not None and run != {""}:
            candidates.append((run, run_crosses))
        if not candidates:
            return None
        # The most selective set: the fewest expected occurrences, then the longest strings;
        # one that a match may reach across lines to get to counts CROSSING times over
        # (with it, a match is not known to start on the line of its anchor).
        return min(
            candidates,
            key=lambda c: (_expected(c[0]) * (CROSSING if c[1] else 1), -min(map(len, c[0]))),
        )

    def _repeated_head(self, op: Any, av: Any) -> set[str] | None:
        """For `X{n,}` (n >= 1) with X a fixed set of strings: what X{n} matches."""
        if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE) or not 1 <= av[0] <= 4:
            return None
        return self._exact(op, (av[0], av[0], av[2]))

    def _required(self, op: Any, av: Any) -> tuple[set[str], bool] | None:
        """Anchors of an element that must match but is not a fixed set of strings."""
        if op is _c.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None  # `(?i:…)`: its strings in any case (see case_variants)
            return self.anchors(list(av[3]))
        if op is _ATOMIC:
            return self.anchors(list(av))
        if op is _c.BRANCH:
            found: set[str] = set()
            crosses = False
            for branch in av[1]:
                sub = self.anchors(list(branch))
                if sub is None:
                    return None
                found |= sub[0]
                crosses = crosses or sub[1]
            return (found, crosses) if len(found) <= MAX_BRANCH_ANCHORS else None
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE) and av[0] >= 1:
            # the first repetition holds one, after what it consumes before it
            return self.anchors(list(av[2]))
        return None

    def _exact(self, op: Any, av: Any) -> set[str] | None:
        """The strings an element matches, when they are few; None otherwise."""
        if op is _c.LITERAL:
            return {chr(av)}
        if op is _c.IN:
            chars = []
            for kind, value in av:
                if kind is not _c.LITERAL:
                    return None
                chars.append(chr(value))
            return set(chars) if len(chars) <= 8 else None
        if op in (_c.SUBPATTERN, _ATOMIC):
            if op is _c.SUBPATTERN and av[1] & re.IGNORECASE:
                return None  # `(?i:…)` matches its strings in any case
            body = list(av[3]) if op is _c.SUBPATTERN else list(av)
            return self._exact_seq(body)
        if op is _c.BRANCH:
            return _either(av[1], self._exact_seq)
        if op is _c.GROUPREF:
            group = self.groups.get(av)
            return None if group is None else self._exact_seq(group)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _POSSESSIVE):
            low, high, body = av
            if low != high or low > 4:
                return None
            one = self._exact_seq(list(body))
            if one is None:
                return None
            out = {""}
            for _ in range(low):
                out = {a + b for a, b in itertools.product(out, one)}
                if len(out) > MAX_ANCHORS:
                    return None
            return out
        return None

    def _exact_seq(self, seq: list[Any]) -> set[str] | None:
        out = {""}
        for op, av in seq:
            if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
                continue
            one = self._exact(op, av)
            if one is None:
                return None
            out = {a + b for a, b in itertools.product(out, one)}
            if len(out) > MAX_ANCHORS:
                return None
        return out


_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", object())
_ATOMIC = getattr(_c, "ATOMIC_GROUP", object())


def _either(branches: Any, read: Callable[[list[Any]], set[str] | None]) -> set[str] | None:
    """What `read` gives for an alternation: the union over its branches, when every branch
    gives some and they stay few."""
    found: set[str] = set()
    for branch in branches:
        sub = read(list(branch))
        if sub is None:
            return None
        found |= sub
    return found if len(found) <= MAX_ANCHORS else None


def _class_has_newline(items: Any) -> bool:
    negate = False
    hit = False
    for kind, value in items:
        if kind is _c.NEGATE:
            negate = True
        elif kind is _c.LITERAL:
            hit = hit or value == _NL
        elif kind is _c.RANGE:
            hit = hit or value[0] <= _NL <= value[1]
        elif kind is _c.CATEGORY:
            if value in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_DIGIT, _c.CATEGORY_NOT_WORD):
                hit = True
            elif value in (_c.CATEGORY_NOT_SPACE, _c.CATEGORY_DIGIT, _c.CATEGORY_WORD):
                pass
            else:
                return True  # line-break categories and anything unexpected
        else:
            return True
    return hit != negate
