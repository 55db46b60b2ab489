"""What `existence` and `substitution` share: candidate search, context filters, scope, fix.

Candidates come from one literal automaton per check (all rules' tokens together) plus each
rule's own regex patterns. A candidate then passes the rule's context filters, cheapest first:

- `not-before` / `not-after`: regexes tested against the text just before / after the match;
- `unless` / `only-if`: regexes tested against the sentence holding the match;
- `max-line-length`: the match's line (trimmed) must be at most this long (for residue
  lines that are residue only when they stand alone);
- `line-start`: the match must begin its line (after indentation);
- `boundary: word`: jieba must not see the match cut through a word (loaded lazily).

`join-adjacent: true` reports a run of touching matches as one finding (a run of NBSPs is
one problem, with one fix that rewrites the run).

`shadow: true` marks a span that is not document text (a web-page footer, a teaser list):
findings of other rules wholly inside it are dropped by the engine.

`scope` widens the reported span: `match` (default), `sentence` (the sentence holding the
match), `line` (the whole line), or `to-end`
(from the match's line to the end of the document: for "推荐阅读" teaser lists).
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

import regex

from lint.checks import Check, Finding, RunContext
from lint.deletions import blank_to
from lint.document import Document
from lint.matcher import LiteralMatcher
from lint.model import Edit, Fix
from lint.prefilter import Located, PatternIndex, pair_offsets
from lint.rule import Rule

CONTEXT_KEYS = frozenset(
    {
        "patterns",
        "ignore-case",
        "boundary",
        "not-before",
        "not-after",
        "unless",
        "only-if",
        "max-line-length",
        "line-start",
        "scope",
        "shadow",
        "tail",
        "join-adjacent",
    }
)
# Keys of `tail` (scope: to-end): what may follow the matched heading for the block to be a
# teaser list that a safe fix deletes.
TAIL_KEYS = frozenset({"unless", "title-length", "marks", "message"})
_WINDOW = 40  # characters examined by not-before / not-after
_INDENT = " \t\u3000\u00a0"
# Indentation runs measured from a line's start / end without slicing the line: a candidate on
# a 3 M-character line must cost the length of its indentation, not of its line.
_LEAD_INDENT = regex.compile(f"[{_INDENT}]*")
_TRAIL_INDENT = regex.compile(f"[{_INDENT} ]*", regex.REVERSE)
_LEAD_BLANK = regex.compile(f"[{_INDENT} ]*")
_MD_ITEM = regex.compile(r"[ \t]*[0-9]{1,9}[.)][ \t]+")
_MD_ITEMS = regex.compile(r"^[ \t]*[0-9]{1,9}[.)](?=[ \t])", regex.M)
# A `^` that is not a class negation or an escaped caret: the pattern anchors at a line start.
_CARET = regex.compile(r"(?<![\[\\])\^")


def _items_blanked(doc: Document) -> str:
    """Markdown `scan_text` with ordered-list markers (`1. `) blanked, for patterns anchored at
    a line start: `1. 推荐阅读` is read like `- 推荐阅读`, whose bullet the source masks. The
    markers stay in `scan_text` itself because the numbering checks read them."""
    blanked: str = _MD_ITEMS.sub(lambda m: " " * len(m.group()), doc.scan_text)
    return blanked


def _pair_offsets(doc: Document) -> list[int]:
    """lint.prefilter.pair_offsets of the scanned text, found once for all checks."""
    return pair_offsets(doc.scan_text)


def _regex_list(rule: Rule, key: str, ignore_case: bool = False) -> list[regex.Pattern[str]]:
    value = rule.params.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise rule.error(key, "应为正则表达式的列表")
    flags = regex.IGNORECASE if ignore_case else 0
    return [compile_pattern(pat, rule, key, flags) for pat in value]


def compile_pattern(pat: str, rule: Rule, key: str, flags: int = 0) -> regex.Pattern[str]:
    """A user's regular expression, or rule.error naming the key when it does not compile."""
    try:
        return regex.compile(pat, flags | regex.V0)
    except regex.error as exc:
        raise rule.error(key, f"正则表达式 {pat!r} 有误：{exc}") from None
    except (RecursionError, OverflowError, MemoryError):
        # e.g. thousands of nested groups: the regex parser recurses once per level
        raise rule.error(key, f"正则表达式嵌套太深或太大：{pat[:40]!r}……") from None


class _Tail:
    """What must follow a `scope: to-end` heading for the block to be a teaser list.

    A heading like 延伸阅读 also opens a section of a real report; deleting everything after
    it would lose the report. So the block runs to the end (and may be deleted) only when
    every non-blank line after the heading is a teaser entry: no line matching `unless`
    (report headings, signatures, dates written the report's way), and lines that are not
    title-like (longer than `title-length`, or ending a sentence) only in a list that shows
    a teaser `mark` (a site date, a link). Otherwise only the heading is reported, with
    `message` and no fix, and the text after it is checked like any other.
    """

    def __init__(self, rule: Rule) -> None:
        tail = rule.params["tail"]
        if not isinstance(tail, dict) or not set(tail) <= TAIL_KEYS:
            raise rule.error("tail", f"应为含 {'、'.join(sorted(TAIL_KEYS))} 键的映射")
        length = tail.get("title-length", 40)
        if not isinstance(length, int) or isinstance(length, bool) or length < 1:
            raise rule.error("tail", "title-length 应为正整数")
        message = tail.get("message")
        if not isinstance(message, str) or not message:
            raise rule.error("tail", "message 应为非空字符串")
        self.title_length = length
        self.message = message
        self.unless = _pattern_list(rule, tail.get("unless", []), "tail")
        self.marks = _pattern_list(rule, tail.get("marks", []), "tail")
        # A second heading inside the list (相关推荐：… 猜你喜欢：…) belongs to it, though it
        # ends with a colon like a sentence that introduces report text.
        self.headings = _pattern_list(rule, rule.params.get("patterns", []), "patterns")
        self._doc: Document | None = None
        self._suffix: list[tuple[bool, bool, bool]] = []

    def is_teaser_list(self, doc: Document, heading_line: int) -> bool:
        """Whether the lines after `heading_line` form a teaser list running to the end."""
        # Per line from the end: (a report line follows, a long line follows, a mark
        # follows). Built once per document from its end, so a file repeating the heading
        # a hundred times is scanned once, not a hundred times.
        if self._doc is not doc:
            self._doc, self._suffix = doc, []
        states = self._suffix
        n = doc.line_count
        text = doc.text
        while n - len(states) > heading_line + 1:
            i = n - len(states) - 1
            bad, long_, marked = states[-1] if states else (False, False, False)
            line = text[doc.line_starts[i] : doc.line_ends[i]].strip(_INDENT + " \r")
            if line and not bad:
                mark = any(r.search(line) for r in self.marks)
                # a line of the page itself (a link, 返回顶部) is no report line, whatever it
                # ends with (返回顶部 ends like a signature: ……部)
                bad = not mark and any(r.search(line) for r in self.unless)
                long_ = long_ or (
                    (len(line) > self.title_length or line.endswith(_SENTENCE_END))
                    and not any(r.search(line) for r in self.headings)
                )
                marked = marked or mark
            states.append((bad, long_, marked))
        if heading_line + 1 >= n:
            return True  # the heading is the last line
        bad, long_, marked = states[n - heading_line - 2]
        return not bad and (marked or not long_)


_SENTENCE_END = ("。", "！", "？", "；", "，", "：", "!", "?", ";", ",", ":")


def _pattern_list(rule: Rule, value: object, key: str) -> list[regex.Pattern[str]]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise rule.error(key, "应为正则表达式的列表")
    try:
        return [regex.compile(v, regex.V0) for v in value]
    except regex.error as exc:
        raise rule.error(key, f"正则表达式有误：{exc}") from None
    except (RecursionError, OverflowError, MemoryError):
        raise rule.error(key, "正则表达式嵌套太深或太大") from None


class CompiledRule:
    """One rule's filters, compiled once."""

    def __init__(self, rule: Rule) -> None:
        p = rule.params
        self.rule = rule
        ic = bool(p.get("ignore-case", False))
        self.patterns = _regex_list(rule, "patterns", ic)
        self.anchored = [_CARET.search(p.pattern) is not None for p in self.patterns]
        self.not_before = [
            regex.compile("(?:" + r.pattern + r")\Z", r.flags)
            for r in _regex_list(rule, "not-before")
        ]
        self.not_after = _regex_list(rule, "not-after")
        self.unless = _regex_list(rule, "unless")
        self.only_if = _regex_list(rule, "only-if")
        self.max_line = p.get("max-line-length")
        self.line_start = bool(p.get("line-start", False))
        self.word = p.get("boundary", "none") == "word"
        self.scope = p.get("scope", "match")
        self.shadow = bool(p.get("shadow", False))
        self.tail = _Tail(rule) if "tail" in p else None
        self.plain = self.scope == "match" and not (
            self.not_before
            or self.not_after
            or self.unless
            or self.only_if
            or self.line_start
            or self.max_line is not None
            or self.word
        )

    def _found(
        self, ctx: RunContext, pats: list[regex.Pattern[str]], text: str, anchored: bool = False
    ) -> bool | None:
        """Whether any of `pats` occurs in `text`, within the rule's regex budget (None: spent).

        Filter patterns are user-written too, so they share the rule's budget with `patterns`.
        """

        def probe(timeout: float | None) -> bool:
            if anchored:
                return any(r.match(text, timeout=timeout) for r in pats)
            return any(r.search(text, timeout=timeout) for r in pats)

        return ctx.regex_call(self.rule.code, probe)

    def accepts(self, doc: Document, start: int, end: int, ctx: RunContext) -> bool:
        text = doc.scan_text
        # A filter that timed out (None) rejects the candidate: precision first.
        if self.not_before:
            before = text[max(0, start - _WINDOW) : start]
            if self._found(ctx, self.not_before, before) is not False:
                return False
        if self.not_after:
            after = text[end : end + _WINDOW]
            if self._found(ctx, self.not_after, after, anchored=True) is not False:
                return False
        if self.line_start or self.max_line is not None:
            ls, le = doc.line_span(doc.line_of(start))
            if self.line_start:
                indent = _LEAD_INDENT.match(text, ls, start)
                if indent is None or indent.end() != start:
                    # `1. 来源：网络` in Markdown: an ordered-list marker is not text (bullets,
                    # `>` and `#` are masked by the source already)
                    item = _MD_ITEM.match(text, ls, start) if doc.kind == "markdown" else None
                    if item is None or item.end() != start:
                        return False
            if self.max_line is not None and le - ls > self.max_line:
                lead = _LEAD_BLANK.match(text, ls, le)
                lead_end = lead.end() if lead else ls
                trail = _TRAIL_INDENT.match(text, lead_end, le)
                trail_start = trail.start() if trail else le
                if trail_start - lead_end > self.max_line:
                    return False
        if self.unless or self.only_if:
            s, e = doc.sentence_span(start, end)
            sentence = text[s:e]
            if self.unless and self._found(ctx, self.unless, sentence) is not False:
                return False
            if self.only_if and self._found(ctx, self.only_if, sentence) is not True:
                return False
        return not (self.word and not ctx.segmenter.is_word(doc, start, end))

    def span(self, doc: Document, start: int, end: int) -> tuple[int, int]:
        if self.scope == "line":
            i = doc.line_of(start)
            return doc.line_starts[i], max(doc.line_ends[doc.line_of(max(start, end - 1))], end)
        if self.scope == "to-end":
            return doc.line_starts[doc.line_of(start)], len(doc.text)
        if self.scope == "sentence":
            return doc.sentence_span(start, end)
        return start, end

    def deletion(self, doc: Document, start: int, end: int) -> Edit:
        """An edit removing the span; whole lines go with their own line break.

        A span that leaves nothing but indentation on its line(s) (a banner or blurb that
        filled the line) takes the whole line with it, so no blank line is left where it was.
        """
        first = doc.line_of(start)
        last = doc.line_of(max(start, end - 1))
        ls, le = doc.line_starts[first], max(end, doc.line_ends[last])
        if self.scope in ("line", "to-end") or (
            blank_to(doc.text, ls, start) and blank_to(doc.text, end, le)
        ):
            return Edit(doc.line_starts[first], doc.newline_after(last), "")
        return Edit(start, end, "")


def _masked_blank(doc: Document, start: int, end: int) -> bool:
    """A blank that masking made (`**1305**万元` is scanned as `  1305  万元`): markup the
    author wrote, not a gap the author left for a number."""
    scanned = doc.scan_text[start:end]
    return scanned.isspace() and doc.text[start:end] != scanned


_SPAN = operator.attrgetter("start", "end")


def _join_adjacent(doc: Document, findings: list[Finding], codes: frozenset[str]) -> list[Finding]:
    """Merge touching findings of each `join-adjacent` rule (`codes`) into one finding per run.

    Values and suggestions are joined in order; single-edit fixes become one edit over the
    run, so the fix still changes exactly the characters it changed before. The other findings
    come back first and unchanged, in their order (a check with one such rule has tens of
    thousands of others, half-width commas, which need not be sorted), then the joined ones
    in span order.
    """
    joined = [f for f in findings if f.rule.code not in codes]
    if len(joined) == len(findings):
        return findings
    last: dict[str, Finding] = {}
    for f in sorted((f for f in findings if f.rule.code in codes), key=_SPAN):
        prev = last.get(f.rule.code)
        if prev is None or prev.end != f.start:
            joined.append(f)
            last[f.rule.code] = f
            continue
        prev.end = f.end
        prev.values = {
            k: (doc.text[prev.start : f.end] if k == "match" else v + f.values.get(k, ""))
            for k, v in prev.values.items()
        }
        if prev.suggestion is not None and f.suggestion is not None:
            prev.suggestion += f.suggestion
        if prev.fix is not None and f.fix is not None:
            edits = prev.fix.edits + f.fix.edits
            prev.fix = Fix(
                (Edit(edits[0].start, edits[-1].end, "".join(e.replacement for e in edits)),)
                if all(a.end == b.start for a, b in itertools.pairwise(edits))
                else edits,
                prev.fix.safety,
            )
    return joined


def _drop_covered_to_end(findings: list[Finding], length: int) -> list[Finding]:
    """Keep, per `scope: to-end` rule, only the first of its findings.

    A later one lies inside the first, so it says nothing new; and reporting one per
    occurrence made the flagged text of a file that repeats a teaser list n times grow as
    n * length (133 MB for the seed x 100).
    """
    first: dict[str, int] = {}
    for f in findings:
        if f.end == length and f.rule.params.get("scope") == "to-end":
            first[f.rule.code] = min(f.start, first.get(f.rule.code, length + 1))
    if not first:
        return findings
    return [
        f
        for f in findings
        if not (
            f.rule.code in first
            and f.start > first[f.rule.code]
            and f.end == length
            and f.rule.params.get("scope") == "to-end"
        )
    ]


class Hit(NamedTuple):
    """An accepted candidate: the match [start, end), the reported span [s, e) (the match
    widened by `scope`), and the replacement a token or pattern brings (or None). A named
    tuple: one is made per finding, and dirty files have tens of thousands."""

    cr: CompiledRule
    start: int
    end: int
    s: int
    e: int
    repl: str | None


class TextMatchCheck(Check):
    """Base for kinds that find literal tokens or patterns in running text."""

    keys = CONTEXT_KEYS

    @classmethod
    def validate(cls, rule: Rule) -> None:
        p = rule.params
        if p.get("boundary", "none") not in ("none", "word"):
            raise rule.error("boundary", "应为 none 或 word")
        if p.get("scope", "match") not in ("match", "sentence", "line", "to-end"):
            raise rule.error("scope", "应为 match、sentence、line 或 to-end")
        for key in ("ignore-case", "line-start", "shadow", "join-adjacent"):
            if key in p and not isinstance(p[key], bool):
                raise rule.error(key, "应为 true 或 false")
        if "max-line-length" in p and (
            not isinstance(p["max-line-length"], int) or p["max-line-length"] < 1
        ):
            raise rule.error("max-line-length", "应为正整数")
        rule.options(CompiledRule)  # compiles every regex, raising rule.error on a bad one

    def literals(self, rule: Rule) -> dict[str, str | None]:
        """token -> replacement (None for plain existence)."""
        return {}

    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__(rules)
        self.compiled = {r.code: r.options(CompiledRule) for r in rules}
        self._joins = frozenset(r.code for r in rules if r.params.get("join-adjacent"))
        self._to_end = any(r.params.get("scope") == "to-end" for r in rules)
        # Rules whose candidates come from one pattern and no token: no span twice (see run).
        self._single = frozenset(
            r.code
            for r in rules
            if len(self.compiled[r.code].patterns) == 1 and not self.literals(r)
        )
        by_case: dict[bool, dict[str, list[tuple[Rule, str | None]]]] = {
            False: defaultdict(list),
            True: defaultdict(list),
        }
        for r in rules:
            ic = bool(r.params.get("ignore-case", False))
            for token, repl in self.literals(r).items():
                key = token.casefold() if ic else token
                by_case[ic][key].append((r, repl))
        self._tokens = by_case
        # Which lines each pattern can match on (lint.prefilter): its anchors are found in the
        # same scan as the literal tokens.
        self._index = PatternIndex(
            {
                (r.code, i): pat
                for r in rules
                for i, pat in enumerate(self.compiled[r.code].patterns)
            }
        )
        words: dict[bool, set[str]] = {False: set(by_case[False]) | self._index.words}
        words[True] = set(by_case[True])
        self._matchers = {
            ic: LiteralMatcher(found, ignore_case=ic) for ic, found in words.items() if found
        }

    def _candidates(
        self, doc: Document, ctx: RunContext
    ) -> Iterator[tuple[Rule, list[tuple[int, int, str | None]]]]:
        """Each rule's candidates, (start, end, replacement): a literal token's one at a time,
        in text order, then each pattern's all at once (in text order, no span twice)."""
        text = doc.scan_text
        anchors = self._index.words
        hits: dict[str, list[int]] = {}
        for ic, matcher in self._matchers.items():
            table = self._tokens[ic]
            for start, end, word in matcher.finditer(text):
                for rule, repl in table.get(word, ()):
                    if rule.code in ctx.active:
                        yield rule, [(start, end, repl)]
                if not ic and word in anchors:
                    hits.setdefault(word, []).append(start)
        located = Located(text, doc.line_starts, hits, lambda: doc.computed(_pair_offsets))
        for rule in self.rules:
            if rule.code not in ctx.active:
                continue
            cr = self.compiled[rule.code]
            for i, (pat, anchored) in enumerate(zip(cr.patterns, cr.anchored, strict=True)):
                scanned = text
                windows = None
                starts = None
                if anchored and doc.kind == "markdown":
                    # anchors were found in `text`, not in this copy: scan all of it
                    scanned = doc.computed(_items_blanked)
                else:
                    windows, starts = self._index.windows((rule.code, i), located, len(text))
                    if windows == []:
                        continue  # none of its anchors is in the text: it cannot match
                scan = self._scanner(rule, pat, scanned, ctx.as_of, windows, starts)
                found = ctx.regex_call(rule.code, scan)
                if found is None:
                    break  # the rule's budget for this file is spent (reported once)
                yield rule, found

    def _scanner(
        self,
        rule: Rule,
        pat: regex.Pattern[str],
        text: str,
        day: dt.date,
        windows: list[tuple[int, int]] | None = None,
        starts: regex.Pattern[str] | None = None,
    ) -> Callable[[float | None], list[tuple[int, int, str | None]]]:
        """All of a pattern's matches, collected at once: see RunContext.regex_call. With
        `windows`, only those lines are searched (lint.prefilter: the same matches); with
        `starts` (PatternIndex.windows), they are the lines the matches start on, and a match
        may run past its line."""

        replacer = self.pattern_replacer(rule, day)

        def matches(timeout: float | None) -> Iterator[Any]:
            if windows is None:
                yield from pat.finditer(text, timeout=timeout)
                return
            # The rule's budget holds for all its lines together.
            deadline = None if timeout is None else time.perf_counter() + timeout

            def left() -> float | None:
                return None if deadline is None else max(deadline - time.perf_counter(), 1e-6)

            if starts is None:
                for lo, hi in windows:
                    yield from pat.finditer(text, lo, hi, timeout=left())
                return
            # The first start on a line at which the pattern matches, in one call (a
            # zero-width lookahead at each position of the line in turn), then the match
            # itself; the next search starts where it ended, as a scan of the whole text does.
            pos = 0
            for lo, hi in windows:
                while hi >= pos:
                    at = starts.match(text, max(lo, pos), timeout=left())
                    if at is None:
                        break
                    m = pat.match(text, at.end(), timeout=left())
                    if m is None:  # cannot happen: the lookahead matched just there
                        break
                    yield m
                    pos = m.end()

        def scan(timeout: float | None) -> list[tuple[int, int, str | None]]:
            if callable(replacer):
                return [
                    (m.start(), m.end(), replacer(m))
                    for m in matches(timeout)
                    if m.end() > m.start()
                ]
            # The same replacement for every match (most rules): no per-match call.
            spans = [m.span() for m in matches(timeout)]
            return [(s, e, replacer) for s, e in spans if e > s]

        return scan

    def pattern_replacer(self, rule: Rule, day: dt.date) -> str | Callable[[Any], str] | None:
        """What a pattern match is replaced by at the document's date `day`: one text for
        every match, a function of the match, or None (nothing)."""
        return None

    def run(self, doc: Document, ctx: RunContext) -> Iterator[Finding]:
        seen: set[tuple[str, int, int]] = set()
        findings: list[Finding] = []
        compiled = self.compiled
        # Markdown markup and plain text's bold pairs are masked to blanks (lint/sources)
        masked = doc.scan_text is not doc.text
        make = self._finding
        plain = self.plain_finding
        add = findings.append
        single = self._single
        for rule, found in self._candidates(doc, ctx):
            cr = compiled[rule.code]
            if cr.plain and cr.tail is None and not masked:
                # No filters, span = match: the common case for punctuation rules, which a
                # dirty file triggers tens of thousands of times.
                if rule.code in single:
                    # One pattern and no tokens: each span comes once, in this one batch.
                    findings += self.plain_findings(doc, cr, found)
                    continue
                for start, end, repl in found:
                    key = (rule.code, start, end)
                    if key not in seen:
                        seen.add(key)
                        add(plain(doc, cr, start, end, repl))
                continue
            for start, end, repl in found:
                if masked and _masked_blank(doc, start, end):
                    continue
                if cr.plain:
                    s, e = start, end
                else:
                    if not cr.accepts(doc, start, end, ctx):
                        continue
                    s, e = cr.span(doc, start, end)
                tail = cr.tail
                if tail is not None and not tail.is_teaser_list(doc, doc.line_of(start)):
                    # Not a teaser list: report the heading alone, without a fix.
                    s, e = doc.line_span(doc.line_of(start))
                    key = (rule.code, s, e)
                    if key not in seen:
                        seen.add(key)
                        f = make(doc, Hit(cr, start, end, s, e, repl))
                        f.fix = None
                        f.message = tail.message.replace("{match}", doc.text[start:end])
                        add(f)
                    continue
                key = (rule.code, s, e)
                if key in seen:
                    continue
                seen.add(key)
                add(make(doc, Hit(cr, start, end, s, e, repl)))
        # Disabled findings go before the one-per-rule `to-end` choice, so that a disabled
        # teaser list does not hide a later one (the engine drops them again, harmlessly).
        if doc.disabled:
            findings = [f for f in findings if not doc.is_disabled(f.rule.code, f.start)]
        if self._to_end:
            findings = _drop_covered_to_end(findings, len(doc.text))
        if self._joins:
            findings = _join_adjacent(doc, findings, self._joins)
        yield from findings

    def plain_finding(
        self, doc: Document, cr: CompiledRule, start: int, end: int, repl: str | None
    ) -> Finding:
        """The finding for a match of a rule without filters or scope (its span is the
        match): what `finding` gives, which a kind may build faster."""
        return self._finding(doc, Hit(cr, start, end, start, end, repl))

    def plain_findings(
        self, doc: Document, cr: CompiledRule, found: list[tuple[int, int, str | None]]
    ) -> list[Finding]:
        """plain_finding of each candidate, in one call (a kind may build them faster)."""
        plain = self.plain_finding
        return [plain(doc, cr, start, end, repl) for start, end, repl in found]

    def _finding(self, doc: Document, hit: Hit) -> Finding:
        f = self.finding(doc, hit)
        f.shadow = hit.cr.shadow
        return f

    def finding(self, doc: Document, hit: Hit) -> Finding:
        """The kind's finding for an accepted candidate: message values, suggestion, fix."""
        raise NotImplementedError
