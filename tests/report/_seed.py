"""Shared by the format tests: lint the seed page in a format, next to the JSON reference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import run_cli


def seed_in(fmt: str, seed: Path) -> tuple[int, str, list[dict[str, Any]]]:
    """(exit code, output in `fmt`, the same diagnostics as JSON) for the seed page."""
    code, out, err = run_cli("--format", fmt, "--as-of", "2026-11-26", str(seed))
    assert "Traceback" not in err, err
    ref_code, ref, _ = run_cli("--format", "json", "--as-of", "2026-11-26", str(seed))
    concise_code, _, _ = run_cli("--as-of", "2026-11-26", str(seed))
    assert code == ref_code == concise_code == 1
    return code, out, json.loads(ref)
