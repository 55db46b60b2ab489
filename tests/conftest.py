from __future__ import annotations

import os
from pathlib import Path

import pytest

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
