"""jieba's dictionary as a memory-mapped hash table, looked up one word at a time.

jieba builds a 500,000-entry Python dict (every word and every prefix of a word) before it
segments anything: about 0.4 s and 100 MB per process, although a draft usually needs a few
dozen sentences segmented. This module converts jieba's own dict.txt once into a file in the
user cache dir and serves `FREQ`-style lookups from it through mmap, so the cost is paid per
looked-up substring (a few microseconds) instead of per dictionary entry. The data is exactly
what jieba would build (`Tokenizer.gen_pfdict` itself parses the file, and the part-of-speech
tags are read the way `POSTokenizer.load_word_tag` reads them), so segmentation is unchanged;
tests/test_wordstore.py compares the two.

File layout (little-endian): magic, u64 file size (a truncated file is refused), u32 slot
count, u64 total frequency, u16 tag count and the
tags (u8 length + UTF-8 each), then the slots (u32: record offset + 1, 0 = empty; open
addressing on CRC-32 of the UTF-8 key, linear probing), then the records (u16 key length, key,
u32 frequency, u8 tag index, 255 = none).
"""

from __future__ import annotations

import array
import contextlib
import mmap
import os
import struct
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

_MAGIC = b"reportlint-words-v1\n"
_NO_TAG = 255
_MEMO_LIMIT = 200_000
_MISSING = object()
# Word stores kept in the cache folder. Each jieba installation (each virtual environment) has
# its own dictionary path and so its own 12 MB store: without a bound, every new environment
# would add one for good. The least recently used ones go; a store in use is touched at most
# once a day so that this needs no write per run.
KEEP_STORES = 3
_TOUCH_AFTER = 24 * 3600


class WordStore:
    """Read-only view of a store file: frequency and tag of a word or word prefix."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            self._mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        mm = self._mm
        if mm[: len(_MAGIC)] != _MAGIC:
            raise ValueError(f"{path}: not a word store")
        pos = len(_MAGIC)
        size, nslots, self.total, ntags = struct.unpack_from("<QIQH", mm, pos)
        if size != len(mm):
            raise ValueError(f"{path}: truncated word store")
        pos += struct.calcsize("<QIQH")
        tags: list[str] = []
        for _ in range(ntags):
            n = mm[pos]
            tags.append(mm[pos + 1 : pos + 1 + n].decode("utf-8"))
            pos += 1 + n
        self.tags = tags
        if nslots & (nslots - 1) or pos + 4 * nslots > len(mm):
            raise ValueError(f"{path}: truncated word store")
        self._mask = nslots - 1
        self._slots = memoryview(mm)[pos : pos + 4 * nslots].cast("I")
        self._data = pos + 4 * nslots
        # Results of earlier lookups, misses included: jieba asks for the same prefixes again
        # and again (`frag in FREQ` and then `FREQ[frag]`).
        self._memo: dict[str, tuple[int, int] | None] = {}

    def entry(self, key: str) -> tuple[int, int] | None:
        """(frequency, tag index) of `key`, or None when it is neither a word nor a prefix."""
        found = self._memo.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        kb = key.encode("utf-8", "surrogatepass")
        mm = self._mm
        h = zlib.crc32(kb) & self._mask
        result: tuple[int, int] | None = None
        while True:
            off = self._slots[h]
            if not off:
                break
            off += self._data - 1
            (n,) = struct.unpack_from("<H", mm, off)
            if mm[off + 2 : off + 2 + n] == kb:
                freq, tag = struct.unpack_from("<IB", mm, off + 2 + n)
                result = (freq, tag)
                break
            h = (h + 1) & self._mask
        if len(self._memo) > _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = result
        return result

    def tag(self, word: str) -> str | None:
        e = self.entry(word)
        if e is None or e[1] == _NO_TAG:
            return None
        return self.tags[e[1]]


class _View:
    """A read-only mapping over the store, as jieba reads its tables: `in`, `[]` and `get`."""

    def __init__(self, store: WordStore) -> None:
        self.store = store

    def _find(self, key: str) -> Any:
        raise NotImplementedError

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __getitem__(self, key: str) -> Any:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self._find(key)
        return default if found is None else found


class FreqView(_View):
    """jieba's Tokenizer `FREQ`: a word's (or prefix's) frequency."""

    def _find(self, key: str) -> int | None:
        e = self.store.entry(key)
        return None if e is None else e[0]


class TagView(_View):
    """jieba's POSTokenizer `word_tag_tab`: a word's part-of-speech tag."""

    def _find(self, key: str) -> str | None:
        return self.store.tag(key)


def read_jieba_dictionary(path: Path) -> tuple[dict[str, int], int, dict[str, str]]:
    """(FREQ, total, word tags) exactly as jieba builds them from `path`."""
    from jieba import Tokenizer

    with open(path, "rb") as fh:
        freq, total = Tokenizer.gen_pfdict(fh)
    tags: dict[str, str] = {}
    with open(path, "rb") as fh:
        for raw in fh:
            line = raw.strip().decode("utf-8")
            if not line:
                continue
            word, _, tag = line.split(" ")
            tags[word] = tag
    return freq, total, tags


def encode_store(freq: dict[str, int], total: int, tags: dict[str, str]) -> bytes:
    tag_names = sorted(set(tags.values()))
    if len(tag_names) >= _NO_TAG:
        raise ValueError("too many part-of-speech tags")
    tag_index = {t: i for i, t in enumerate(tag_names)}
    nslots = 1
    while nslots < 2 * len(freq) + 1:
        nslots *= 2
    mask = nslots - 1
    slots = [0] * nslots
    records = bytearray()
    for key, f in freq.items():
        kb = key.encode("utf-8", "surrogatepass")
        h = zlib.crc32(kb) & mask
        while slots[h]:
            h = (h + 1) & mask
        slots[h] = len(records) + 1
        records += struct.pack("<H", len(kb)) + kb
        records += struct.pack("<IB", f, tag_index.get(tags.get(key, ""), _NO_TAG))
    tag_table = bytearray()
    for t in tag_names:
        tb = t.encode("utf-8")
        tag_table += bytes([len(tb)]) + tb
    slot_bytes = array.array("I", slots).tobytes()
    fixed = struct.calcsize("<QIQH")
    size = len(_MAGIC) + fixed + len(tag_table) + len(slot_bytes) + len(records)
    head = _MAGIC + struct.pack("<QIQH", size, nslots, total, len(tag_names)) + tag_table
    return head + slot_bytes + bytes(records)


def store_path(dictionary: Path, folder: Path) -> Path:
    st = dictionary.stat()
    key = zlib.crc32(f"{dictionary.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode())
    return folder / f"words-{key:08x}-{st.st_size}.bin"


def open_store(dictionary: Path, folder: Path) -> WordStore | None:
    """The store for jieba's `dictionary`, built on first use; None if that is impossible."""
    try:
        path = store_path(dictionary, folder)
    except OSError:
        return None
    try:
        store = WordStore(path)
    except (OSError, ValueError):
        pass
    else:
        _touch(path)
        return store
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # fail before the build
        blob = encode_store(*read_jieba_dictionary(dictionary))
        fd, tmp = tempfile.mkstemp(prefix=".words-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        # Atomic: concurrent builders each rename a complete file into place.
        os.replace(tmp, path)
        tmp = None
        prune_stores(folder, KEEP_STORES)
        return WordStore(path)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _touch(path: Path) -> None:
    """Mark a store as recently used (for `prune_stores`), at most once a day."""
    with contextlib.suppress(OSError):
        st = path.stat()
        now = time.time()
        if now - st.st_mtime > _TOUCH_AFTER:
            os.utime(path, (now, now))


def prune_stores(folder: Path, keep: int) -> None:
    """Delete all but the `keep` most recently used stores. A process that has one mapped
    keeps reading it: on POSIX an unlinked file lives until its last mapping is closed."""
    stores = []
    for p in folder.glob("words-*.bin"):
        with contextlib.suppress(OSError):
            stores.append((p.stat().st_mtime, p.name, p))
    stores.sort(reverse=True)
    for _mtime, _name, p in stores[keep:]:
        with contextlib.suppress(OSError):
            p.unlink()
