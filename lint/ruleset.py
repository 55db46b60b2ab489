"""Load and validate YAML rule files into Rule objects.

A rule file is a mapping with an optional file-level `category` and a list `rules`. Every
error names the file, the line, the rule and the key, and is raised as RuleError (exit 2).
Files are read with PyYAML's *safe* loader: tags that construct Python objects are refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint import rulecache, timing
from lint.model import CATEGORIES, SAFETIES, SEVERITIES, ReportlintError, as_date
from lint.rule import Example, Rule, RuleError
from lint.yamlfile import (
    CALENDAR_FILE,
    MAX_YAML_NODES,
    default_rules_dir,
    expanded_size,
    parse_yaml,
)

if TYPE_CHECKING:
    import yaml

# PyYAML is imported only when a rule file has to be parsed: a cold start served from the
# rule-set cache (lint.rulecache) never needs it.

_CODE = re.compile(r"^[A-Z]{2,3}[0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Keys every rule may carry, whatever its kind.
COMMON_KEYS = frozenset(
    {
        "code",
        "name",
        "kind",
        "severity",
        "category",
        "message",
        "description",
        "source",
        "confidence",
        "effective",
        "examples",
        "fix",
        "suggestion",
    }
)


@dataclass
class RuleSet:
    rules: list[Rule]
    files: list[str]
    digest: str = ""
    # lint.rulecache's key for these rule files (entries derived from the set use it too).
    key: str = ""

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)


def is_builtin(rule: Rule) -> bool:
    """Whether `rule` comes from the bundled rule files (not a user's `--rules` or config)."""
    return os.path.dirname(rule.file) == str(default_rules_dir())


def default_rule_files() -> list[Path]:
    folder = default_rules_dir()
    # calendar.yaml holds dated facts, not rules (lint.calendar reads it)
    files = sorted(f for f in folder.glob("*.yaml") if f.name != CALENDAR_FILE)
    if not files:
        raise ReportlintError(f"{folder}: 找不到内置规则文件")
    return files


def expand_rule_paths(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = [*path.glob("*.yaml"), *path.glob("*.yml")]
            out.extend(sorted(f for f in found if f.name != CALENDAR_FILE))
        elif path.is_file():
            out.append(path)
        else:
            raise ReportlintError(f"{path}: 规则文件不存在")
    return out


def _short(value: object) -> str:
    """A bounded repr for error messages: a rule value may be huge or deeply nested."""
    import reprlib

    r = reprlib.Repr()
    r.maxlevel, r.maxlist, r.maxdict, r.maxstring, r.maxother = 2, 4, 4, 60, 60
    return r.repr(value)


def _parse_date(value: object, rule: Rule, key: str) -> dt.date:
    day = as_date(value)
    if day is None:
        raise rule.error(key, f"应为日期 YYYY-MM-DD，实为 {_short(value)}")
    return day


def _examples(value: object, rule: Rule, key: str) -> tuple[Example, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise rule.error(key, "应为字符串或 {text, as-of} 映射的列表")
    out: list[Example] = []
    for item in value:
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict):
            unknown = set(item) - {"text", "as-of", "path"}
            if unknown or not isinstance(item.get("text"), str):
                raise rule.error(key, f"示例须有 text（as-of、path 可选）：{_short(item)}")
            day = _parse_date(item["as-of"], rule, key) if "as-of" in item else None
            p = item.get("path")
            out.append(Example(item["text"], day, p if isinstance(p, str) else None))
        else:
            raise rule.error(key, f"示例应为字符串或映射，实为 {_short(item)}")
    return tuple(out)


def _key_lines(node: yaml.Node) -> dict[str, int]:
    import yaml

    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            if isinstance(k, yaml.ScalarNode):
                lines[str(k.value)] = k.start_mark.line + 1
    return lines


def _rule_nodes(root: yaml.Node | None) -> list[yaml.Node]:
    import yaml

    if not isinstance(root, yaml.MappingNode):
        return []
    for k, v in root.value:
        if (
            isinstance(k, yaml.ScalarNode)
            and k.value == "rules"
            and isinstance(v, yaml.SequenceNode)
        ):
            return list(v.value)
    return []


def _str(value: object, rule: Rule, key: str, allowed: Sequence[str] | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise rule.error(key, f"应为非空字符串，实为 {_short(value)}")
    if allowed is not None and value not in allowed:
        raise rule.error(key, f"应为 {'、'.join(allowed)} 之一，实为 {_short(value)}")
    return value


def _message(value: object, rule: Rule) -> str:
    """A message template: only plain `{name}` fields (see lint.engine.format_message)."""
    import string

    text = _str(value, rule, "message")
    try:
        fields = [(n, spec, conv) for _l, n, spec, conv in string.Formatter().parse(text) if n]
    except ValueError as exc:
        raise rule.error("message", f"{exc}；字面的花括号请写作 {{{{ 或 }}}}") from None
    for name, spec, conv in fields:
        if spec or conv or not name.isidentifier():
            got = "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
            raise rule.error("message", f"只允许简单的 {{name}} 占位，实为 {got}")
    return text


def _effective(eff: object, rule: Rule) -> None:
    """`effective: {from, until}`: the dates between which the rule applies."""
    if not isinstance(eff, dict) or not eff or set(eff) - {"from", "until"}:
        raise rule.error("effective", "应为含 from 和（或）until 的映射")
    if "from" in eff:
        rule.effective_from = _parse_date(eff["from"], rule, "effective")
    if "until" in eff:
        rule.effective_until = _parse_date(eff["until"], rule, "effective")
    if rule.effective_from and rule.effective_until and rule.effective_until <= rule.effective_from:
        raise rule.error("effective", "until 须晚于 from")


def _fix(fix: object, rule: Rule) -> None:
    """`fix: safe|unsafe` or `{safety, replacement}`: whether and how safely a rule fixes."""
    if isinstance(fix, str):
        rule.fix_safety = _str(fix, rule, "fix", SAFETIES)
    elif isinstance(fix, dict) and set(fix) <= {"safety", "replacement"}:
        rule.fix_safety = _str(fix.get("safety", "safe"), rule, "fix", SAFETIES)
        if "replacement" in fix:
            if not isinstance(fix["replacement"], str):
                raise rule.error("fix", "replacement 应为字符串")
            rule.fix_replacement = fix["replacement"]
    else:
        raise rule.error("fix", "应为 safe、unsafe 或 {safety, replacement}")


def build_rule(
    raw: Mapping[str, Any],
    file: str,
    line: int,
    key_lines: dict[str, int],
    default_category: str | None,
) -> Rule:
    from lint.checks import canonical_kind, kind_class, known_kinds

    code = raw.get("code")
    label = code if isinstance(code, str) else "?"
    probe = Rule(label, "", "", "", "", "", file, line, key_lines=key_lines)
    if not isinstance(code, str) or not _CODE.match(code):
        raise probe.error("code", f"应为形如 PH101 的代码，实为 {_short(code)}")
    for required in ("name", "kind", "severity", "message"):
        if required not in raw:
            raise probe.error(None, f"缺少必填键 “{required}”")
    written = _str(raw["kind"], probe, "kind")
    kind = canonical_kind(written)
    if kind is None:
        raise probe.error(
            "kind", f"未知的 kind “{written[:40]}”，可用的有：{'、'.join(known_kinds())}"
        )
    cls = kind_class(kind)
    unknown = set(raw) - COMMON_KEYS - set(cls.keys)
    if unknown:
        key = sorted(unknown)[0]
        raise probe.error(key, f"未知的键（kind “{written}”没有这个键）")
    name = _str(raw["name"], probe, "name")
    if not _NAME.match(name):
        raise probe.error(
            "name", f"name 应为 kebab-case（小写字母、数字、连字符），实为 {_short(name)}"
        )
    category = raw.get("category", default_category)
    category = _str(category, probe, "category", CATEGORIES)
    rule = Rule(
        code=code,
        name=name,
        kind=kind,
        severity=_str(raw["severity"], probe, "severity", SEVERITIES),
        category=category,
        message=_message(raw["message"], probe),
        file=file,
        line=line,
        key_lines=key_lines,
    )
    for key in ("description", "source", "confidence", "suggestion"):
        if key in raw:
            setattr(rule, key, _str(raw[key], rule, key))
    if "effective" in raw:
        _effective(raw["effective"], rule)
    if category == "formulation":
        if not rule.source:
            raise rule.error(None, "提法类规则须写明 source（出处）")
        if rule.effective_from is None and rule.effective_until is None:
            raise rule.error(None, "提法类规则须给出 effective 日期")
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise rule.error("examples", "每条规则都须有 examples: {bad: [...], good: [...]}")
    rule.bad = _examples(examples.get("bad"), rule, "examples")
    rule.good = _examples(examples.get("good"), rule, "examples")
    if not rule.bad or not rule.good:
        raise rule.error("examples", "至少给出一个 bad 示例和一个 good 示例")
    if "fix" in raw:
        _fix(raw["fix"], rule)
    rule.params = {k: v for k, v in raw.items() if k in cls.keys}
    try:
        cls.validate(rule)
    except RuleError:
        raise
    except Exception as exc:  # a check's validation tripping over hostile values
        raise rule.error(None, f"规则无效（{type(exc).__name__}: {exc}）") from None
    return rule


def load_rule_file(path: str | Path) -> list[Rule]:
    path = Path(path)
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{label}: 无法读取规则文件（{exc}）") from None
    return parse_rules(text, label)


def parse_rules(text: str, label: str) -> list[Rule]:
    import yaml

    try:
        root, data = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "YAML error"
        raise RuleError(f"{label}:{line}: YAML 错误：{problem}") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{label}: YAML 错误：{exc}") from None
    if root is not None and expanded_size(root, MAX_YAML_NODES) > MAX_YAML_NODES:
        raise RuleError(f"{label}:1: YAML 错误：别名展开后超过 {MAX_YAML_NODES} 个值（别名炸弹？）")
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{label}:1: 规则文件须是含 rules 列表的映射（rules: [...]）")
    unknown = set(data) - {"category", "rules", "description"}
    if unknown:
        raise RuleError(
            f"{label}:1: 未知的顶层键 “{sorted(unknown)[0]}”，"
            "可用的有：category、rules、description"
        )
    default_category = data.get("category")
    nodes = _rule_nodes(root)
    rules: list[Rule] = []
    for i, raw in enumerate(data["rules"]):
        node = nodes[i] if i < len(nodes) else None
        line = node.start_mark.line + 1 if node is not None else 1
        if not isinstance(raw, dict):
            raise RuleError(f"{label}:{line}: 每条规则须是映射")
        rules.append(
            build_rule(raw, label, line, _key_lines(node) if node else {}, default_category)
        )
    return rules


def _read_rule_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RuleError(f"{path}: 无法读取规则文件（{exc.strerror or exc}）") from None


def _decode_rule_file(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleError(f"{label}: 规则文件不是 UTF-8，第 {exc.start} 字节无法解码") from None


def load_ruleset(paths: Iterable[str | Path] | None = None, *, defaults: bool = True) -> RuleSet:
    """Load, validate and merge rule files; served from lint.rulecache when nothing changed."""
    with timing.stage("rules.load"):
        files: list[Path] = list(default_rule_files()) if defaults else []
        if paths:
            files.extend(expand_rule_paths(paths))
        blobs = [(str(f), _read_rule_file(f)) for f in files]
        from lint.checks import KINDS

        # Rules that name calendar facts carry them: a changed calendar is a changed rule set.
        calendar = default_rules_dir() / CALENDAR_FILE
        key = rulecache.cache_key([*blobs, (str(calendar), _read_rule_file(calendar))], KINDS)
        cached = rulecache.load(key)
        if isinstance(cached, RuleSet) and all(isinstance(r, Rule) for r in cached.rules):
            cached.key = key
            return cached
        ruleset = _build_ruleset(blobs)
        ruleset.key = key
        rulecache.store(key, ruleset)
        return ruleset


def _build_ruleset(blobs: list[tuple[str, bytes]]) -> RuleSet:
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    digest = hashlib.sha256()
    for label, data in blobs:
        for rule in parse_rules(_decode_rule_file(data, label), label):
            if rule.code in seen:
                other = seen[rule.code]
                raise rule.error("code", f"代码重复，另见 {other.file}:{other.line}")
            seen[rule.code] = rule
            rules.append(rule)
        digest.update(label.encode("utf-8", "surrogatepass") + b"\0" + data)
    return RuleSet(rules, [label for label, _ in blobs], digest.hexdigest())
