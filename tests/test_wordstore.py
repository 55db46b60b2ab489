"""The memory-mapped jieba dictionary must give jieba exactly the data it would build itself."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from lint.wordstore import WordStore, encode_store, open_store, read_jieba_dictionary, store_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def jieba_dict() -> Path:
    import jieba

    return Path(jieba.__file__).resolve().parent / "dict.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, jieba_dict: Path) -> tuple[Path, Path]:
    """(cache folder holding a freshly built store, store file)."""
    folder = tmp_path_factory.mktemp("words")
    store = open_store(jieba_dict, folder)
    assert store is not None
    return folder, store_path(jieba_dict, folder)


def test_store_holds_jiebas_frequencies_and_tags(built: tuple[Path, Path], jieba_dict: Path):
    freq, total, tags = read_jieba_dictionary(jieba_dict)
    store = WordStore(built[1])
    assert store.total == total
    rng = random.Random(7)
    keys = rng.sample(sorted(freq), 20000)
    for key in keys:
        entry = store.entry(key)
        assert entry is not None, key
        assert entry[0] == freq[key], key
        assert store.tag(key) == tags.get(key), key
    # Strings that are neither words nor word prefixes are misses, like `not in FREQ`.
    for key in ("魑魅魍魉鼋鼍", "zzqx", "的的的的的", "\ud800", ""):
        assert (store.entry(key) is None) == (key not in freq), key


def test_a_truncated_store_is_rebuilt(built: tuple[Path, Path], jieba_dict: Path, tmp_path):
    data = built[1].read_bytes()
    path = store_path(jieba_dict, tmp_path)
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError):
        WordStore(path)
    store = open_store(jieba_dict, tmp_path)
    assert store is not None
    assert store.entry("学习") is not None
    assert path.stat().st_size == len(data)


def test_garbage_in_place_of_a_store_is_refused(tmp_path):
    path = tmp_path / "words.bin"
    for blob in (b"", b"not a store at all", b"reportlint-words-v1\n" + b"\xff" * 40):
        path.write_bytes(blob)
        with pytest.raises(ValueError):
            WordStore(path)


def test_no_store_when_the_cache_folder_cannot_be_made(jieba_dict: Path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert open_store(jieba_dict, blocker / "sub") is None


def test_encode_store_round_trip_small():
    freq = {"中": 5, "中国": 9, "中国人": 0, "国": 2}
    blob = encode_store(freq, 16, {"中": "f", "中国": "ns", "国": "n"})
    assert blob.startswith(b"reportlint-words-v1\n")


_SEGMENT = """
import json, sys
if sys.argv[1] == "raw":
    import jieba
else:
    from lint.segment import load_jieba
    jieba = load_jieba()
import jieba.posseg
sentences = json.load(sys.stdin)
cut = [list(jieba.cut(s, HMM=False)) for s in sentences]
tags = [[(p.word, p.flag) for p in jieba.posseg.cut(s, HMM=False)] for s in sentences]
hmm_tables = sorted(m for m in sys.modules if m.endswith(("prob_emit", "char_state_tab")))
print(json.dumps({
    "freq": type(jieba.dt.FREQ).__name__,
    "cut": cut,
    "tags": tags,
    "hmm_tables": hmm_tables,
    "hmm_cut": [list(jieba.cut(s)) for s in sentences],
    "hmm_tags": [[(p.word, p.flag) for p in jieba.posseg.cut(s)] for s in sentences],
}, ensure_ascii=False))
"""


def _segment(sentences: list[str], env: dict[str, str], mode: str = "lint") -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _SEGMENT, mode],
        input=json.dumps(sentences),
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
    )
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def _sentences() -> list[str]:
    sources = sorted((ROOT.parent / "shared" / "corpus" / "official").glob("*.txt"))[:6]
    text = "".join(p.read_text(encoding="utf-8-sig") for p in sources)
    text += "学习的的文件。林森别别墅。增进了了解。C919大飞机和5G网络,GDP增长5.2%。"
    text += "\r\n混合 English words 和 中文。"
    parts = [s.strip() for s in text.replace("\n", "。").split("。") if s.strip()]
    return parts[:400]


def test_mapped_jieba_segments_exactly_like_jieba(built: tuple[Path, Path]):
    sentences = _sentences()
    mapped = _segment(sentences, {"REPORTLINT_CACHE_DIR": str(built[0])})
    plain = _segment(sentences, {"REPORTLINT_NO_CACHE": "1"})
    assert mapped["freq"] == "FreqView"
    assert plain["freq"] == "dict"
    assert mapped["cut"] == plain["cut"]
    assert mapped["tags"] == plain["tags"]


def test_hmm_tables_are_read_only_when_used_and_then_segment_like_jieba(
    built: tuple[Path, Path],
) -> None:
    # reportlint segments without jieba's HMM, so its tables are not imported; jieba used with
    # HMM afterwards reads them then and segments exactly as a plainly imported jieba does.
    sentences = _sentences()
    mapped = _segment(sentences, {"REPORTLINT_CACHE_DIR": str(built[0])})
    raw = _segment(sentences, {"REPORTLINT_NO_CACHE": "1"}, mode="raw")
    assert mapped["hmm_tables"] == []
    assert raw["hmm_tables"] != []
    assert mapped["cut"] == raw["cut"]
    assert mapped["hmm_cut"] == raw["hmm_cut"]
    assert mapped["hmm_tags"] == raw["hmm_tags"]
    assert mapped["hmm_cut"] != mapped["cut"]  # the HMM did join unknown words


def test_the_cache_folder_is_bounded(tmp_path: Path) -> None:
    # Stores of other (old) environments and many rule-set versions already in the cache:
    # a real run that builds a new store keeps only the most recently used ones.
    from lint import rulecache, wordstore

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    for i in range(wordstore.KEEP_STORES + 3):
        old = cache / f"words-{i:08x}-1.bin"
        old.write_bytes(b"old store")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    for i in range(rulecache._KEEP + 5):
        old = cache / f"rules-{i:040x}.pickle"
        old.write_bytes(b"old rules")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))
    draft = tmp_path / "草稿.txt"
    draft.write_text("完成3000余个高音喇叭的按装调试。\n", encoding="utf-8")
    env = {**os.environ, "REPORTLINT_CACHE_DIR": str(cache)}
    env.pop("REPORTLINT_NO_CACHE", None)
    exe = Path(sys.executable).parent / "reportlint"
    p = subprocess.run(
        [str(exe), "--select", "typo", str(draft)], capture_output=True, text=True, env=env
    )
    assert "TY" in p.stdout, p.stderr
    stores = sorted(cache.glob("words-*.bin"))
    assert len(stores) == wordstore.KEEP_STORES
    # The new store is kept, and so are the most recently used old ones.
    newest = {f"words-{i:08x}-1.bin" for i in range(3, wordstore.KEEP_STORES + 3)}
    kept_old = {s.name for s in stores} & newest
    assert len(kept_old) == wordstore.KEEP_STORES - 1
    assert any(s.stat().st_size > 1_000_000 for s in stores)
    assert len(list(cache.glob("rules-*.pickle"))) == rulecache._KEEP
