#!/usr/bin/env python3
"""Benchmark the real `reportlint` executable, whole process, wall time.

    python bench/run.py                 # the standard cases, 5 runs each
    python bench/run.py --runs 9 --big  # also the 20 M-character file and a 3 M-character line
    python bench/run.py --json          # machine-readable results
    python bench/run.py --no-memory     # without the memory per finding of every format

Inputs are built in a temporary folder from ../shared/corpus (the seed page and the official
texts): the seed, the seed x 100 (1.4 M characters), the official corpus in one run, 1,000
small drafts cut deterministically from both, and 1,000 short drafts full of findings
(placeholders, residue, numbering slips, outdated formulations: see findings_drafts). Every
case runs `reportlint` as a subprocess N times and reports the median and minimum wall time,
characters per second and the peak RSS of the process (from wait4). One more run per case
with REPORTLINT_PROFILE=1 gives the time spent in rule loading, reading, each check kind and
jieba; "startup+other" is the rest (interpreter start, imports, output).

The peer runs in the same benchmark: textlint with textlint-rule-prh and a prh dictionary of
the same literal words and swaps that reportlint's rules contain (bench/peer.py installs them
with npm into the temporary folder; without node/npm the peer is skipped with a note). Each
run of reportlint is paired with a run of textlint on the same input, so both see the same
load, and the table gives the ratio of the medians (reportlint / textlint) with its target.

Memory per finding of every output format (bench/memory.py) comes after the timed cases: the
growth of the peak RSS from the seed x10 to x40, per extra finding, for each format.

The rule-set cache lives in a private temporary folder: the first run of the first case fills
it, as a user's first run would; "cold start, no rule cache" shows what it saves.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import memory

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "corpus"
SEED = SHARED / "seed" / "000_edcc395c28bc87b3.txt"
OFFICIAL = SHARED / "official"
PROFILE_PREFIX = "reportlint-profile: "
AS_OF = "2026-11-26"  # fixed, so that runs on different days lint the same way


@dataclass
class Case:
    name: str
    args: list[str]
    chars: int
    files: int
    target: float | None = None
    env: dict[str, str] = field(default_factory=dict)
    # textlint's arguments for the same input (None: not compared), and the target ratio.
    peer_args: list[str] | None = None
    ratio_target: float | None = None


@dataclass
class Outcome:
    case: Case
    times: list[float]
    cpu: list[float]
    rss_mb: float
    exit_codes: set[int]
    stages: dict[str, float]
    peer_times: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if not self.peer_times:
            return None
        return self.median / statistics.median(self.peer_times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def chars_per_s(self) -> float:
        return self.case.chars / self.median if self.median else 0.0


def find_executable(explicit: str | None) -> str:
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "reportlint"
    if beside.exists():
        return str(beside)
    found = shutil.which("reportlint")
    if not found:
        sys.exit("bench: cannot find the reportlint executable (use --cmd)")
    return found


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str, float]:
    """(wall seconds, peak RSS in MB, exit code, stderr, CPU seconds) of one whole process.

    CPU time (user + system, children included) is reported beside wall time because it
    is far less disturbed by other load on the machine."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, usage.ru_maxrss / 1024, proc.returncode, err.decode("utf-8", "replace"), cpu


def parse_profile(stderr: str) -> dict[str, float]:
    for line in stderr.splitlines():
        if line.startswith(PROFILE_PREFIX):
            data: dict[str, float] = json.loads(line[len(PROFILE_PREFIX) :])
            return data
    return {}


def measure(
    exe: str, case: Case, runs: int, base_env: dict[str, str], peer: list[str] | None = None
) -> Outcome:
    env = {**base_env, **case.env}
    cmd = [exe, "--as-of", AS_OF, *case.args]
    times, cpus, peaks, codes = [], [], [], set()
    peer_times: list[float] = []
    for _ in range(runs):
        if peer is not None and case.peer_args is not None:
            # Interleaved with reportlint's runs: both see the same load on the machine.
            peer_times.append(run_once([*peer, *case.peer_args], base_env)[0])
        wall, rss, rc, err, cpu = run_once(cmd, env)
        if rc not in (0, 1) and rc not in codes:
            # A broken rule file or input must show up in the table, not hide the other cases.
            print(f"bench: {case.name}: exit {rc}: {err.strip()[-300:]}", file=sys.stderr)
        times.append(wall)
        cpus.append(cpu)
        peaks.append(rss)
        codes.add(rc)
    # Timing hooks cost a little, so the profile comes from a separate run.
    wall, _rss, _rc, err, _cpu = run_once(cmd, {**env, "REPORTLINT_PROFILE": "1"})
    stages = parse_profile(err)
    stages["total"] = wall
    return Outcome(case, times, cpus, max(peaks), codes, stages, peer_times)


# --- inputs -----------------------------------------------------------------------------------


def official_texts() -> list[Path]:
    rows = (OFFICIAL / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return [OFFICIAL / row.split("\t")[0] for row in rows if row.strip()]


def chars_of(paths: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8-sig")) for p in paths)


def small_drafts(folder: Path, count: int, seed_text: str, corpus: list[str]) -> list[Path]:
    """`count` drafts of 300-3,000 characters: paragraphs of official texts with, in one of
    four, a paragraph of the seed page (placeholders, old formulations, web residue)."""
    rng = random.Random(20261126)
    clean = [p for text in corpus for p in text.split("\n") if len(p.strip()) > 20]
    dirty = [p for p in seed_text.split("\n") if len(p.strip()) > 20]
    folder.mkdir(parents=True)
    out = []
    for i in range(count):
        target = rng.randint(300, 3000)
        parts: list[str] = []
        size = 0
        while size < target:
            para = rng.choice(dirty if rng.random() < 0.25 else clean)
            parts.append(para)
            size += len(para) + 1
        path = folder / f"draft-{i:04d}.txt"
        path.write_text("\n".join(parts) + "\n", encoding="utf-8")
        out.append(path)
    return out


# Pieces of the short drafts a pre-commit hook sees, each carrying a typical slip.
_TITLES = (
    "关于做好XX工作的通知",
    "XX区2026年上半年工作总结",
    "关于印发《XX实施方案》的通知",
    "关于开展**专项检查的实施意见",
    "×××同志在全市XX工作会议上的讲话",
)
_HEADINGS = (
    "总体要求",
    "主要任务",
    "工作措施",
    "保障措施",
    "取得的成效",
    "存在的问题",
    "下一步工作安排",
    "组织领导",
)
_NUMERALS = "一二三四五六七八九十"
_RESIDUE = (
    "来源：XX网　　责任编辑：XXX",
    "【打印本页】【关闭窗口】",
    "分享到：",
    "本文档为doc格式，下载后可编辑",
    "推荐阅读：",
    "点击进入专题>>",
)


def findings_drafts(folder: Path, count: int, corpus: list[str]) -> list[Path]:
    """`count` short drafts (about 300-1,000 characters) full of findings: a title and
    addressee with placeholders, numbered sections whose numbering slips in one draft of three,
    bodies made of the built-in rules' own bad examples (outdated formulations, typos,
    punctuation, placeholders) mixed with sentences of official texts, a closing with an
    unfilled date, and web-page residue in one draft of three. Deterministic."""
    from lint.ruleset import load_ruleset

    rng = random.Random(20261204)
    # Examples that need another date or file type are left out: the bench lints at AS_OF.
    bad = [e.text for r in load_ruleset() for e in r.bad if e.as_of is None and e.path is None]
    clean = [s + "。" for text in corpus for s in text.split("。") if 15 < len(s.strip()) < 80]
    folder.mkdir(parents=True)
    out = []
    for i in range(count):
        lines = [rng.choice(_TITLES), "各镇（街道）、区直各单位："]
        slip = rng.random() < 1 / 3
        number = 0
        for _ in range(rng.randint(3, 6)):
            number += 1 + (slip and rng.random() < 0.3)  # a skipped section number
            lines.append(f"{_NUMERALS[min(number, 10) - 1]}、{rng.choice(_HEADINGS)}")
            body = [
                rng.choice(bad if rng.random() < 0.6 else clean).strip()
                for _ in range(rng.randint(1, 3))
            ]
            lines.append("　　" + "".join(body))
        lines += ["特此通知。", "XX市XX局", "2026年*月*日"]
        if rng.random() < 1 / 3:
            lines.append(rng.choice(_RESIDUE))
        path = folder / f"draft-{i:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out.append(path)
    return out


def build_cases(tmp: Path, big: bool, jobs: list[int]) -> list[Case]:
    seed_text = SEED.read_text(encoding="utf-8")
    seed = tmp / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    seed100 = tmp / "seed-x100.txt"
    seed100.write_text(seed_text * 100, encoding="utf-8")
    official = tmp / "official"
    official.mkdir()
    texts = official_texts()
    for p in texts:
        shutil.copy(p, official / p.name)
    corpus = [p.read_text(encoding="utf-8-sig") for p in texts]
    drafts_dir = tmp / "drafts"
    drafts = small_drafts(drafts_dir, 1000, seed_text, corpus)
    drafts_chars = chars_of(drafts)
    dirty_dir = tmp / "dirty-drafts"
    dirty_chars = chars_of(findings_drafts(dirty_dir, 1000, corpus))
    joined = tmp / "official-joined.txt"
    joined.write_text("\n".join(corpus), encoding="utf-8")
    no_cache = {"REPORTLINT_NO_CACHE": "1"}
    cases = [
        Case("cold start: seed", [str(seed)], len(seed_text), 1, 0.30, {}, [str(seed)], 0.5),
        Case("cold start: seed, no rule cache", [str(seed)], len(seed_text), 1, None, no_cache),
        Case(
            "seed x 100 (one file)",
            [str(seed100)],
            len(seed_text) * 100,
            1,
            1.5,
            {},
            [str(seed100)],
            0.7,
        ),
        Case(
            "official corpus in one file",
            [str(joined)],
            len("\n".join(corpus)),
            1,
            None,
            {},
            [str(joined)],
            0.6,
        ),
        Case(
            "official corpus (default --jobs)",
            [str(official)],
            sum(map(len, corpus)),
            len(texts),
            1.5,
        ),
        Case(
            "official corpus, --jobs 1",
            ["--jobs", "1", str(official)],
            sum(map(len, corpus)),
            len(texts),
            1.5,
        ),
        Case(
            "1,000 small drafts, --jobs 1",
            ["--jobs", "1", str(drafts_dir)],
            drafts_chars,
            1000,
            2.5,
            {},
            [str(drafts_dir)],
        ),
    ]
    cases.append(
        Case(
            "1,000 small drafts full of findings, --jobs 1",
            ["--jobs", "1", str(dirty_dir)],
            dirty_chars,
            1000,
            2.5,
            {},
            [str(dirty_dir)],
        )
    )
    for n in jobs:  # the default --jobs is the CPU count
        cases.append(
            Case(
                f"1,000 small drafts, --jobs {n}",
                ["--jobs", str(n), str(drafts_dir)],
                drafts_chars,
                1000,
                2.5,
            )
        )
    if big:
        # The robustness sizes of issue 7: 20 M characters of clean official text, 20 M of the
        # seed page (a defect every 20 characters: about a million findings), and one line of
        # 3 M characters (the seed with its line breaks removed).
        clean = "\n".join(corpus)
        huge_clean = tmp / "official-20M.txt"
        huge_clean.write_text((clean * (20_000_000 // len(clean) + 1))[:20_000_000], "utf-8")
        huge = tmp / "seed-20M.txt"
        huge.write_text((seed_text * (20_000_000 // len(seed_text) + 1))[:20_000_000], "utf-8")
        flat = seed_text.replace("\r", "").replace("\n", "")
        line = tmp / "one-line-3M.txt"
        line.write_text((flat * (3_000_000 // len(flat) + 1))[:3_000_000] + "\n", "utf-8")
        cases.append(Case("20 M characters, official texts", [str(huge_clean)], 20_000_000, 1))
        cases.append(Case("20 M characters, seed page", [str(huge)], 20_000_000, 1))
        cases.append(Case("one 3 M-character line", [str(line)], 3_000_001, 1))
    return cases


# --- output -----------------------------------------------------------------------------------


STAGE_ORDER = ["rules.load", "engine.build", "read.decode", "read.index"]


def stage_columns(outcomes: list[Outcome]) -> list[str]:
    keys = {k for o in outcomes for k in o.stages}
    checks = sorted(k for k in keys if k.startswith("check."))
    jieba = sorted(k for k in keys if k.startswith("jieba."))
    known = set(STAGE_ORDER) | set(checks) | set(jieba) | {"total"}
    rest = sorted(keys - known)
    return [k for k in STAGE_ORDER if k in keys] + checks + jieba + rest


def startup_other(o: Outcome) -> float:
    # jieba time is inside its check kind's time, so it is not subtracted twice.
    inner = sum(v for k, v in o.stages.items() if k not in ("total",) and "." in k)
    inner -= sum(v for k, v in o.stages.items() if k.startswith("jieba."))
    return max(0.0, o.stages.get("total", 0.0) - inner)


def render(outcomes: list[Outcome], exe: str, runs: int) -> str:
    lines = [
        f"reportlint benchmark: {exe}",
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, median of {runs} runs, "
        f"--as-of {AS_OF}",
        "",
        "| case | files | chars | median s | min s | CPU s | M chars/s | peak RSS MB | target s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for o in outcomes:
        c = o.case
        target = (
            ""
            if c.target is None
            else f"{c.target:.2f} {'ok' if o.median <= c.target else 'MISSED'}"
        )
        lines.append(
            f"| {c.name} | {c.files} | {c.chars:,} | {o.median:.3f} | {min(o.times):.3f} "
            f"| {statistics.median(o.cpu):.3f} "
            f"| {o.chars_per_s / 1e6:.2f} | {o.rss_mb:.0f} | {target} |"
        )
        if o.exit_codes - {0, 1}:
            lines[-1] += f" exit {sorted(o.exit_codes)}"
    peers = [o for o in outcomes if o.ratio is not None]
    if peers:
        lines += [
            "",
            "Against the peer, in the same run (runs interleaved; ratio = reportlint median / "
            "textlint median):",
            "",
            "| case | reportlint s | textlint + prh s | ratio | target |",
            "|---|---:|---:|---:|---:|",
        ]
        for o in peers:
            ratio = o.ratio or 0.0
            t = o.case.ratio_target
            target = "" if t is None else f"{t:.2f} {'ok' if ratio <= t else 'MISSED'}"
            lines.append(
                f"| {o.case.name} | {o.median:.3f} | {statistics.median(o.peer_times):.3f} "
                f"| {ratio:.2f} | {target} |"
            )
    cols = stage_columns(outcomes)
    lines += [
        "",
        "Where the time goes (seconds, one profiled run; check.* include their jieba time; "
        "parallel runs report only the parent process):",
        "",
        "| case | " + " | ".join(cols) + " | startup+other | total |",
        "|---|" + "---:|" * (len(cols) + 2),
    ]
    for o in outcomes:
        cells = [f"{o.stages[k]:.3f}" if k in o.stages else "" for k in cols]
        cells += [f"{startup_other(o):.3f}", f"{o.stages.get('total', 0.0):.3f}"]
        lines.append(f"| {o.case.name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cmd", help="the reportlint executable (default: beside this Python)")
    ap.add_argument("--runs", type=int, default=5, help="runs per case (median is reported)")
    ap.add_argument("--big", action="store_true", help="add the 20 M and 3 M-line inputs")
    ap.add_argument("--jobs", type=int, action="append", help="--jobs values to measure (2)")
    ap.add_argument("--only", help="run only cases whose name contains this")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("--no-peer", action="store_true", help="do not install and time textlint")
    ap.add_argument(
        "--no-memory", action="store_true", help="skip the memory per finding of each format"
    )
    args = ap.parse_args(argv)
    if not SEED.exists() or not (OFFICIAL / "index.tsv").exists():
        sys.exit(f"bench: the shared corpus is missing ({SHARED})")
    exe = find_executable(args.cmd)
    with tempfile.TemporaryDirectory(prefix="reportlint-bench-") as tmpdir:
        tmp = Path(tmpdir)
        env = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp / "cache")}
        env.pop("REPORTLINT_PROFILE", None)
        env.pop("REPORTLINT_NO_CACHE", None)
        # An installed package has its bytecode (pip compiles it at install, an editable install
        # writes it on first import): a shell that forbids writing it would time Python's
        # compiler, about 40 ms a run, instead of reportlint.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        (tmp / "in").mkdir()
        cases = build_cases(tmp / "in", args.big, args.jobs or [2])
        if args.only:
            cases = [c for c in cases if args.only in c.name]
        # Fill the caches (rule set, jieba word store) as a user's first run does, unmeasured.
        run_once([exe, "--as-of", AS_OF, str(tmp / "in" / "seed.txt")], env)
        run_once([exe, "--as-of", AS_OF, str(tmp / "in" / "official")], env)
        peer: list[str] | None = None
        if not args.no_peer:
            from peer import install

            peer, note = install(tmp / "textlint")
            print(f"bench: {note}", file=sys.stderr)
            if peer is not None:  # warm node's caches as reportlint's are warmed above
                run_once([*peer, str(tmp / "in" / "seed.txt")], env)
        outcomes = [measure(exe, c, args.runs, env, peer) for c in cases]
        growth: list[memory.Growth] = []
        if not args.no_memory and (not args.only or args.only in "memory per finding"):
            growth = memory.measure(exe, tmp, env, memory.FORMATS)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "case": o.case.name,
                        "files": o.case.files,
                        "chars": o.case.chars,
                        "median_s": round(o.median, 4),
                        "min_s": round(min(o.times), 4),
                        "times_s": [round(t, 4) for t in o.times],
                        "cpu_s": [round(t, 4) for t in o.cpu],
                        "peak_rss_mb": round(o.rss_mb, 1),
                        "target_s": o.case.target,
                        "stages_s": o.stages,
                        "textlint_times_s": [round(t, 4) for t in o.peer_times],
                        "ratio": None if o.ratio is None else round(o.ratio, 3),
                        "ratio_target": o.case.ratio_target,
                    }
                    for o in outcomes
                ]
                + [{"case": "memory per finding", **g} for g in memory.as_json(growth)],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(render(outcomes, exe, args.runs), end="")
        if growth:
            print("\n" + memory.render(growth), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
