"""Produce the golden outputs: what the command prints for a fixed set of inputs.

The golden files pin the tool's observable behaviour (diagnostics, fixes, machine and
report formats) so that a restructuring can prove it changed nothing. They are compared
byte for byte by tests/test_golden.py.

When a change alters findings on purpose (a new or corrected rule), regenerate them and
review the diff like any other change:

    python tests/golden/produce.py --update

`--out DIR` writes the outputs elsewhere instead; with PYTHONPATH pointing at another
checkout it records that checkout's behaviour (e.g. to compare main before and after a
change). Only `lint.cli.main` is used, so any version of the package can be driven.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXPECTED = HERE / "expected"
# Frozen inputs: the Chinese strings found in the tests and the rules' examples when the
# golden files were introduced, and those of them that name their own date (for
# `--as-of auto`: an undated text is judged at today, which would change every day).
DRAFTS = HERE / "drafts.json"
DATED_DRAFTS = HERE / "drafts-dated.json"
SHARED = Path(os.environ.get("REPORTLINT_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "corpus" / "seed" / "000_edcc395c28bc87b3.txt"
OFFICIAL = SHARED / "corpus" / "official"
# A fixed date: the default (today) would change the outputs every day.
AS_OF = "2026-11-26"


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def run(folder: Path, *args: str) -> str:
    """`reportlint --isolated ARGS` in-process in `folder`: exit code, stderr and stdout."""
    from lint.cli import main

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    err = io.StringIO()
    with _inside(folder), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--isolated", *args])
        out.flush()
    # Absolute locations (SARIF's SRCROOT) depend on where the checkout lives: CI clones
    # elsewhere than a developer does, so the golden files name the folder abstractly.
    stdout = _placeless(raw.getvalue().decode("utf-8"), folder)
    return f"exit: {code}\n--- stderr\n{_placeless(err.getvalue(), folder)}--- stdout\n{stdout}"


def _placeless(text: str, folder: Path) -> str:
    where = folder.resolve()
    return text.replace(where.as_uri(), "file:///FOLDER").replace(str(where), "/FOLDER")


def _seed_outputs(outputs: dict[str, str]) -> None:
    folder, name = SEED.parent, SEED.name
    common = ("--as-of", AS_OF)
    outputs["seed.json"] = run(folder, "--format", "json", *common, name)
    outputs["seed.sarif"] = run(folder, "--format", "sarif", *common, name)
    outputs["seed.html"] = run(folder, "--format", "html", *common, name)
    outputs["seed-fix.diff"] = run(folder, "--fix", "--diff", *common, name)
    outputs["seed-unsafe-fix.diff"] = run(
        folder, "--fix", "--diff", "--unsafe-fixes", *common, name
    )
    with tempfile.TemporaryDirectory() as tmp:
        # copyfile, not copy: the shared corpus is read-only, and --fix refuses read-only files
        shutil.copyfile(SEED, Path(tmp, name))
        report = run(Path(tmp), "--fix", "--format", "json", *common, name)
        fixed = Path(tmp, name).read_text(encoding="utf-8")
    outputs["seed-fixed.txt"] = report + "--- fixed file\n" + fixed


def _official_outputs(outputs: dict[str, str]) -> None:
    rows = (OFFICIAL / "index.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        name, date = row.split("\t")
        outputs[f"official/{name}.json"] = run(OFFICIAL, "--format", "json", "--as-of", date, name)


def _example_outputs(outputs: dict[str, str]) -> None:
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures" / "clean"):
        for path in sorted(folder.glob("*.txt")):
            key = f"{folder.name}/{path.name}.json"
            outputs[key] = run(folder, "--format", "json", "--as-of", AS_OF, path.name)
    fix = ROOT / "tests" / "fixtures" / "fix"
    outputs["fix/draft-rules.json"] = run(
        ROOT / "examples", "--format", "json", "--as-of", AS_OF, "--rules", str(fix), "draft.txt"
    )
    outputs["examples/draft-fix.diff"] = run(
        ROOT / "examples", "--fix", "--diff", "--unsafe-fixes", "--as-of", AS_OF, "draft.txt"
    )


def _write_drafts(source: Path, folder: Path) -> list[str]:
    names = []
    for i, text in enumerate(json.loads(source.read_text(encoding="utf-8"))):
        name = f"d{i:04d}.txt"
        Path(folder, name).write_text(text, encoding="utf-8", newline="")
        names.append(name)
    return names


def _draft_outputs(outputs: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        names = _write_drafts(DRAFTS, Path(tmp))
        outputs["drafts.json"] = run(
            Path(tmp), "--format", "json", "--jobs", "1", "--as-of", AS_OF, *names
        )
        outputs["drafts-fix.diff"] = run(
            Path(tmp), "--fix", "--diff", "--unsafe-fixes", "--as-of", AS_OF, *names
        )
    with tempfile.TemporaryDirectory() as tmp:
        names = _write_drafts(DATED_DRAFTS, Path(tmp))
        outputs["drafts-auto.json"] = run(
            Path(tmp), "--format", "json", "--jobs", "1", "--as-of", "auto", *names
        )


def produce() -> dict[str, str]:
    """Every golden output by its file name under `expected/`."""
    outputs: dict[str, str] = {}
    _seed_outputs(outputs)
    _official_outputs(outputs)
    _example_outputs(outputs)
    _draft_outputs(outputs)
    return outputs


def write(outputs: dict[str, str], folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    for name, text in outputs.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--update", action="store_true", help="rewrite tests/golden/expected")
    group.add_argument("--out", type=Path, help="write the outputs to this folder")
    a = ap.parse_args()
    if not SEED.exists():
        print(f"shared corpus not found at {SHARED} (set REPORTLINT_SHARED)", file=sys.stderr)
        return 2
    write(produce(), EXPECTED if a.update else a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
