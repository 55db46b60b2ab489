"""lint.gcpause: the collector is paused for a run, restored after, and on in forked workers."""

from __future__ import annotations

import gc
import os

import pytest

from lint.gcpause import paused


def test_paused_restores_the_collector_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused():
        assert not gc.isenabled()
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_paused_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_worker_gets_the_collector_back() -> None:
    with paused():
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child reports its collector state and leaves at once
            os.write(write, b"1" if gc.isenabled() else b"0")
            os._exit(0)
        os.close(write)
        state = os.read(read, 1)
        os.close(read)
        os.waitpid(pid, 0)
        assert not gc.isenabled()
    assert state == b"1"
