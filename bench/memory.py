#!/usr/bin/env python3
"""Memory per finding of every output format: growth of the peak RSS of the whole process.

    python bench/memory.py              # every format, the table
    python bench/memory.py --json       # machine-readable
    python bench/run.py                 # runs this too (after the timing cases)

Each format lints the seed page x10 and x40 (the same text repeated, so findings grow with
it) with `--jobs 1`, writing the report to a file; the peak RSS (from wait4, lowest of the
runs) of the two sizes gives the growth per extra finding. What is held per finding whatever
the format (the findings and the text) is in every figure: the target is about 1.5 KB per
finding in every format. `docx` needs a Word file: it lints the seed as a .docx (a paragraph
per line), and `concise` on the same .docx is shown beside it, since reading a Word file
keeps more per finding than a text file does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE.parent.parent / "shared" / "corpus" / "seed" / "000_edcc395c28bc87b3.txt"
AS_OF = "2026-11-26"
SIZES = (10, 40)
TARGET_KB = 1.5
FORMATS = [
    "concise",
    "full",
    "json",
    "json-lines",
    "github",
    "sarif",
    "junit",
    "gitlab",
    "html",
    "docx",
]


@dataclass
class Growth:
    fmt: str
    source: str  # "txt" or "docx"
    findings: tuple[int, int]
    rss_mb: tuple[float, float]
    exit_codes: set[int]

    @property
    def kb_per_finding(self) -> float:
        extra = self.findings[1] - self.findings[0]
        return (self.rss_mb[1] - self.rss_mb[0]) * 1024 / extra if extra > 0 else 0.0


# Started from a small Python: a child's peak RSS counts the memory of the process it was
# forked from until it runs the command, so this bench (which builds Word files) would set a
# floor under every figure.
_LAUNCHER = """
import os, subprocess, sys
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_pid, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def peak_rss_mb(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(peak RSS in MB, exit code) of one whole process."""
    out = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *cmd], env=env, capture_output=True, check=True
    ).stdout.split()
    return int(out[0]) / 1024, int(out[1])


def build_inputs(folder: Path) -> dict[tuple[str, int], Path]:
    """The seed x10 and x40, as text and as a Word file (one paragraph per line)."""
    import docx

    text = SEED.read_text(encoding="utf-8")
    out: dict[tuple[str, int], Path] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for n in SIZES:
        txt = folder / f"seed-x{n}.txt"
        txt.write_text(text * n, encoding="utf-8")
        out["txt", n] = txt
        document = docx.Document()
        for line in (text * n).split("\n"):
            document.add_paragraph(line)
        path = folder / f"seed-x{n}.docx"
        document.save(str(path))
        out["docx", n] = path
    return out


def count_findings(exe: str, path: Path, env: dict[str, str]) -> int:
    out = subprocess.run(
        [exe, "--as-of", AS_OF, "--isolated", "-q", "--format", "json-lines", str(path)],
        capture_output=True,
        env=env,
        check=False,
    ).stdout
    return out.count(b"\n")


def measure(
    exe: str, folder: Path, env: dict[str, str], formats: list[str], runs: int = 2
) -> list[Growth]:
    inputs = build_inputs(folder / "memory-in")
    counts = {key: count_findings(exe, path, env) for key, path in inputs.items()}
    plan = [(fmt, "docx" if fmt == "docx" else "txt") for fmt in formats]
    if "docx" in formats:
        plan.append(("concise", "docx"))
    results = []
    for fmt, source in plan:
        peaks: list[float] = []
        codes: set[int] = set()
        for n in SIZES:
            out = folder / f"report-{fmt}-{n}.out"
            cmd = [exe, "--as-of", AS_OF, "--isolated", "-q", "--jobs", "1", "--format", fmt]
            cmd += ["--output-file", str(out), str(inputs[source, n])]
            measured = [peak_rss_mb(cmd, env) for _ in range(runs)]
            peaks.append(min(rss for rss, _ in measured))
            codes.update(code for _, code in measured)
            out.unlink(missing_ok=True)
        results.append(
            Growth(
                fmt,
                source,
                (counts[source, SIZES[0]], counts[source, SIZES[1]]),
                (peaks[0], peaks[1]),
                codes,
            )
        )
    return results


def render(results: list[Growth]) -> str:
    lines = [
        f"Memory per finding: peak RSS growth from the seed x{SIZES[0]} to x{SIZES[1]} "
        f"(lowest of the runs; target about {TARGET_KB} KB per finding in every format)",
        "",
        "| format | input | findings | peak RSS MB | KB per finding | target |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for g in results:
        ok = "ok" if g.kb_per_finding <= TARGET_KB * 1.05 else "MISSED"
        line = (
            f"| {g.fmt} | .{g.source} | {g.findings[0]:,} → {g.findings[1]:,} "
            f"| {g.rss_mb[0]:.0f} → {g.rss_mb[1]:.0f} | {g.kb_per_finding:.2f} | {ok} |"
        )
        if g.exit_codes - {0, 1}:
            line += f" exit {sorted(g.exit_codes)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def as_json(results: list[Growth]) -> list[dict[str, object]]:
    return [
        {
            "format": g.fmt,
            "input": g.source,
            "findings": list(g.findings),
            "peak_rss_mb": [round(x, 1) for x in g.rss_mb],
            "kb_per_finding": round(g.kb_per_finding, 3),
            "target_kb": TARGET_KB,
            "exit_codes": sorted(g.exit_codes),
        }
        for g in results
    ]


def main(argv: list[str] | None = None) -> int:
    from run import find_executable

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--cmd", help="the reportlint executable (default: beside this Python)")
    ap.add_argument("--runs", type=int, default=2, help="runs per size (lowest peak is kept)")
    ap.add_argument("--format", action="append", choices=FORMATS, help="formats (all)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of the table")
    args = ap.parse_args(argv)
    if not SEED.exists():
        sys.exit(f"bench: the seed page is missing ({SEED})")
    exe = find_executable(args.cmd)
    with tempfile.TemporaryDirectory(prefix="reportlint-memory-") as tmpdir:
        env = {**os.environ, "REPORTLINT_CACHE_DIR": str(Path(tmpdir) / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as in bench/run.py
        results = measure(exe, Path(tmpdir), env, args.format or FORMATS, args.runs)
    if args.json:
        print(json.dumps(as_json(results), ensure_ascii=False, indent=2))
    else:
        print(render(results), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
