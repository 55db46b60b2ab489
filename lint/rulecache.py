"""A cache of validated rule sets, so a cold start does not re-parse and re-validate YAML.

The same files hold other entries derived from a rule set under another prefix (lint.enginecache
keeps built check kinds with their compiled patterns as `engine-*.pickle`).

Entries live in the user cache dir (`$REPORTLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/reportlint`,
else `~/.cache/reportlint`) and are keyed by a hash of every rule file's path and bytes, the
registered check kinds, the Python version and the (path, size, mtime) of the package's own
modules, so editing a rule file or the code that validates it starts afresh.

The cache must never break a run: anything unexpected while reading (a missing, truncated,
corrupt or foreign file) is a miss, and anything while writing is ignored. Entries carry a
SHA-256 of their payload and are written to a temporary file and renamed into place, so
concurrent writers and readers only ever see complete entries. Entries are pickles, so they
are loaded only from a directory owned by the current user and not writable by others.
`REPORTLINT_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

_MAGIC = b"reportlint-rules-v1\n"
_DIGEST = 32  # bytes of SHA-256
_KEEP = 16  # entries kept when pruning; old rule-file versions are never needed again
_PACKAGE = Path(__file__).resolve().parent


def enabled() -> bool:
    return not os.environ.get("REPORTLINT_NO_CACHE")


def cache_dir() -> Path:
    explicit = os.environ.get("REPORTLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "reportlint"


def _code_fingerprint() -> bytes:
    """Size and mtime of every module that shapes a Rule: stat calls only, no reads."""
    parts: list[str] = []
    for folder in (_PACKAGE, _PACKAGE / "checks"):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                st = entry.stat()
                parts.append(f"{folder.name}/{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts).encode()


def cache_key(files: list[tuple[str, bytes]], kinds: dict[str, str]) -> str:
    h = hashlib.sha256()
    h.update(_MAGIC)
    h.update(sys.version.encode() + b"\0")
    h.update(_code_fingerprint() + b"\0")
    h.update(repr(sorted(kinds.items())).encode() + b"\0")
    for label, data in files:
        h.update(label.encode("utf-8", "surrogatepass") + b"\0")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def _entry(key: str, prefix: str) -> Path:
    return cache_dir() / f"{prefix}-{key[:40]}.pickle"


def _trusted(folder: Path) -> bool:
    """Only unpickle from a folder that nobody but the current user can write to."""
    try:
        st = folder.stat()
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile folders
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def load(key: str) -> Any | None:
    """The rule set stored under `key`, or None on any kind of miss."""
    payload = load_payload(key, "rules")
    if payload is None:
        return None
    try:
        return pickle.loads(payload)  # our own checksummed file, private dir
    except Exception:  # a stale class layout or anything else: rebuild instead
        return None


def load_payload(key: str, prefix: str) -> bytes | None:
    """The checksummed bytes of entry `prefix-key`, or None on any kind of miss."""
    if not enabled():
        return None
    path = _entry(key, prefix)
    try:
        if not _trusted(path.parent):
            return None
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC)
    if len(blob) < head + _DIGEST or not blob.startswith(_MAGIC):
        return None
    digest, payload = blob[head : head + _DIGEST], blob[head + _DIGEST :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def store(key: str, value: Any) -> None:
    """Write `value` atomically; failures (read-only home, full disk, unpicklable) are ignored."""
    if not enabled():
        return
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    store_payload(key, payload, "rules")


def store_payload(key: str, payload: bytes, prefix: str) -> None:
    """Write entry `prefix-key` atomically; failures (read-only home, full disk) are ignored."""
    if not enabled():
        return
    folder = cache_dir()
    import tempfile  # only a run that writes an entry pays for it

    blob = _MAGIC + hashlib.sha256(payload).digest() + payload
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{prefix}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, _entry(key, prefix))
        tmp = None
        _prune(folder, prefix)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path, prefix: str) -> None:
    entries = []
    for p in folder.glob(f"{prefix}-*.pickle"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _mtime, p in entries[_KEEP:]:
        with contextlib.suppress(OSError):
            p.unlink()
