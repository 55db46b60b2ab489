"""Team configuration: `.reportlint.yaml`, `reportlint.yaml` or `[tool.reportlint]`.

The configuration for a draft is the nearest one found by walking up from the draft's folder
(in each folder `.reportlint.yaml` wins over `reportlint.yaml`, which wins over a
`pyproject.toml` that has a `[tool.reportlint]` table); `--config PATH` overrides the search.
Nearest wins as a whole: configurations are not stacked, so a subfolder's file states
everything it needs. Paths inside a configuration (`rules`, `exclude`, `per-file-ignores`) are
relative to the folder of the file that names them. Every error names the file and is a
ReportlintError (exit 2).
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lint.model import CATEGORIES, SEVERITIES, ReportlintError, parse_as_of
from lint.selectors import CODE_PREFIX as _CODE_PREFIX

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# PyYAML is imported only when a YAML configuration file exists: most runs have none, and a
# cold start should not pay for it (see lint.rulecache).

CONFIG_FILES = (".reportlint.yaml", "reportlint.yaml", "pyproject.toml")
KEYS = frozenset(
    {
        "as-of",
        "select",
        "ignore",
        "extend-select",
        "per-file-ignores",
        "severity",
        "fail-on",
        "rules",
        "exclude",
        "allow",
        "baseline",
    }
)
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ConfigError(ReportlintError):
    """A configuration file is malformed; the message starts with its path."""


@dataclass(frozen=True)
class Config:
    """One configuration file, validated; `path` is None for the built-in defaults."""

    path: str | None = None
    # Folder that relative paths and globs in this file are resolved against.
    root: str = "."
    as_of: dt.date | Literal["auto"] | None = None  # None: not set here
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    rules: tuple[str, ...] = ()  # absolute paths
    exclude: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    # A baseline file (absolute path) applied to every draft this file configures, so that
    # pre-commit and CI need no --baseline flag.
    baseline: str | None = None


def _rel(path: str, root: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def glob_matches(pattern: str, path: str, root: str) -> bool:
    """`pattern` relative to `root`; a pattern without '/' also matches any file or folder name."""
    rel = _rel(path, root)
    pat = pattern.strip().removeprefix("./").rstrip("/")
    if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(rel, pat + "/*"):
        return True
    if "/" not in pat:
        return any(fnmatch.fnmatchcase(part, pat) for part in rel.split("/"))
    return False


def _where(label: str, key: str | None = None) -> str:
    return f"{label}: {key}" if key else label


def _selectors(value: object, label: str, key: str) -> tuple[str, ...]:
    items: list[object]
    if isinstance(value, str):
        items = list(value.split(","))
    elif isinstance(value, list):
        items = list(value)
    else:
        raise ConfigError(f"{_where(label, key)}：应为规则代码或类别的列表")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{_where(label, key)}：应为规则代码或类别，而不是“{item}”")
        s = item.strip()
        if not (s == "ALL" or s in CATEGORIES or _CODE_PREFIX.match(s) or _NAME.match(s)):
            raise ConfigError(f"{_where(label, key)}：“{s}”不是规则代码、类别或规则名")
        out.append(s)
    return tuple(out)


def _strings(value: object, label: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{_where(label, key)}：应为字符串列表")
    return tuple(v.strip() for v in value)


def _severity_choice(value: object, label: str, key: str) -> str:
    if not isinstance(value, str) or value not in SEVERITIES:
        raise ConfigError(
            f"{_where(label, key)}：应为 {'、'.join(SEVERITIES)} 之一，而不是“{value}”"
        )
    return value


def from_mapping(data: Mapping[str, Any], label: str, root: str) -> Config:
    """Validate a configuration mapping read from `label` (whose folder is `root`)."""
    unknown = sorted(set(data) - KEYS)
    if unknown:
        hint = ""
        snake = unknown[0].replace("_", "-")
        if snake in KEYS:
            hint = f"，是否想用 {snake}？"
        else:
            close = difflib.get_close_matches(unknown[0], sorted(KEYS), n=1)
            hint = f"，是否想用 {close[0]}？" if close else ""
        raise ConfigError(f"{label}：没有设置项“{unknown[0]}”{hint}")
    kw: dict[str, Any] = {"path": label, "root": root}
    if "as-of" in data:
        try:
            kw["as_of"] = parse_as_of(data["as-of"])
        except ValueError as exc:
            raise ConfigError(f"{_where(label, 'as-of')}：{exc}") from None
    for key in ("select", "ignore", "extend-select"):
        if key in data:
            kw[key.replace("-", "_")] = _selectors(data[key], label, key)
    if "fail-on" in data:
        kw["fail_on"] = _severity_choice(data["fail-on"], label, "fail-on")
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise ConfigError(f"{_where(label, 'per-file-ignores')}：应写作“文件模式: [规则代码]”")
        kw["per_file_ignores"] = tuple(
            (str(glob), _selectors(codes, label, "per-file-ignores")) for glob, codes in pfi.items()
        )
    if "severity" in data:
        sev = data["severity"]
        if not isinstance(sev, dict):
            raise ConfigError(f"{_where(label, 'severity')}：应写作“规则代码或类别: 级别”")
        kw["severity"] = tuple(
            (_selectors([str(k)], label, "severity")[0], _severity_choice(v, label, "severity"))
            for k, v in sev.items()
        )
    if "rules" in data:
        rules = []
        for entry in _strings(data["rules"], label, "rules"):
            path = Path(root, os.path.expanduser(entry))
            if not path.exists():
                raise ConfigError(f"{_where(label, 'rules')}：规则文件 {entry} 不存在")
            if not trusted(path, "规则文件"):
                continue
            rules.append(str(path.resolve()))
        kw["rules"] = tuple(rules)
    if "exclude" in data:
        kw["exclude"] = _strings(data["exclude"], label, "exclude")
    if "allow" in data:
        kw["allow"] = _strings(data["allow"], label, "allow")
    if "baseline" in data:
        entry = data["baseline"]
        if not isinstance(entry, str) or not entry.strip():
            raise ConfigError(f"{_where(label, 'baseline')}：应为基线文件的路径")
        baseline = Path(root, os.path.expanduser(entry))
        if not baseline.is_file():
            raise ConfigError(f"{_where(label, 'baseline')}：基线文件 {entry} 不存在")
        kw["baseline"] = str(baseline.resolve())
    return Config(**kw)


# Parsers recurse once per nesting level: thousands of nested lists exhaust the stack.
_TOO_DEEP = "嵌套层级过深，无法读取"


def _read_yaml(path: Path) -> Mapping[str, Any]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件（{exc}）") from None
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: YAML 错误: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: YAML 错误: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: {_TOO_DEEP}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 配置文件应由“设置项: 值”组成")
    return data


def _read_pyproject(path: Path) -> Mapping[str, Any] | None:
    """The [tool.reportlint] table, or None when the file has none."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取配置文件 ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML 错误: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: {_TOO_DEEP}") from None
    table = data.get("tool", {}).get("reportlint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.reportlint] 应为表")
    return table


_WARNED: set[str] = set()


def untrusted_reason(path: Path) -> str | None:
    """Why a file found on the way up must not be obeyed, or None when it may be.

    Like git's safe.directory: a configuration decides which rules run and what --fix
    rewrites, so one that another user owns, in a folder anyone can write (/tmp, a shared
    drop folder), could have been planted there for whoever lints below it.
    """
    try:
        st = path.stat()
        folder = path.parent.stat()
    except OSError:
        return None  # reading it will report the problem
    if st.st_uid == os.geteuid() or not folder.st_mode & stat.S_IWOTH:
        return None
    return f"文件属于其他用户（uid {st.st_uid}），且所在文件夹任何人都可写入"


def trusted(path: Path, what: str) -> bool:
    """False (after one warning line per file) for a file `untrusted_reason` rejects."""
    reason = untrusted_reason(path)
    if reason is None:
        return True
    key = str(path)
    if key not in _WARNED:
        _WARNED.add(key)
        from lint.printable import printable

        sys.stderr.write(
            f"reportlint: 警告：已忽略{what} {printable(key)}：{reason}（untrusted file ignored）\n"
        )
        sys.stderr.flush()
    return False


def load_config(path: str | Path) -> Config:
    """Load one configuration file named explicitly (e.g. by --config)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(f"{p}: 配置文件不存在")
    root = str(p.resolve().parent)
    if p.name == "pyproject.toml" or p.suffix == ".toml":
        table = _read_pyproject(p)
        if table is None:
            raise ConfigError(f"{p}: 没有 [tool.reportlint] 表")
        return from_mapping(table, str(p), root)
    return from_mapping(_read_yaml(p), str(p), root)


@dataclass
class ConfigFinder:
    """Find the nearest configuration for a file, caching the answer per folder."""

    forced: Config | None = None
    _by_dir: dict[str, Config] = field(default_factory=dict)

    def for_file(self, path: str) -> Config:
        if path == "-":
            return self.for_dir(Path.cwd())
        full = Path(os.path.abspath(path))
        return self.for_dir(full if full.is_dir() else full.parent)

    def for_dir(self, folder: Path) -> Config:
        if self.forced is not None:
            return self.forced
        key = str(folder)
        cached = self._by_dir.get(key)
        if cached is not None:
            return cached
        found = self._in_dir(folder)
        if found is None:
            parent = folder.parent
            found = Config() if parent == folder else self.for_dir(parent)
        self._by_dir[key] = found
        return found

    @staticmethod
    def _in_dir(folder: Path) -> Config | None:
        for name in CONFIG_FILES:
            candidate = folder / name
            try:
                present = candidate.is_file()
            except OSError:  # an unreadable folder on the way up holds no config we can use
                present = False
            if not present or not trusted(candidate, "配置文件"):
                continue
            if name == "pyproject.toml":
                table = _read_pyproject(candidate)
                if table is None:
                    continue
                return from_mapping(table, str(candidate), str(folder))
            return from_mapping(_read_yaml(candidate), str(candidate), str(folder))
        return None


def finder(config_path: str | None, *, isolated: bool = False) -> ConfigFinder:
    """The search the command line asks for: one file (--config), none (--isolated), or the
    nearest configuration of each draft."""
    if isolated:
        return ConfigFinder(forced=Config())
    return ConfigFinder(forced=load_config(config_path) if config_path else None)
