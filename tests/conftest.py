from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: random locally, so they keep finding new cases; derandomized in CI (a fixed
# seed and no example database), so a clean clone gives the same verdict every time. Every
# case they ever found is kept as an explicit @example beside the property.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
# hypothesis' own default profile, not the current one (which it switches to "ci" whenever a
# CI variable exists at all)
settings.register_profile("dev", parent=settings.get_profile("default"))
_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
settings.load_profile("ci" if _CI else "dev")

ROOT = Path(__file__).resolve().parent.parent
# The shared corpus sits beside the checkout; REPORTLINT_SHARED points elsewhere.
SHARED = Path(os.environ.get("REPORTLINT_SHARED") or ROOT.parent / "shared")
SEED = SHARED / "corpus" / "seed" / "000_edcc395c28bc87b3.txt"
OFFICIAL = SHARED / "corpus" / "official"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("shared corpus not available")
    return SEED


@pytest.fixture(scope="session")
def official_dir() -> Path:
    if not (OFFICIAL / "index.tsv").exists():
        pytest.skip("shared corpus not available")
    return OFFICIAL


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private folder for the rule-set and engine caches, with caching switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("REPORTLINT_NO_CACHE", raising=False)
    return folder
