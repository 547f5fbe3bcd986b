"""glibc's malloc as shenbao sets it (ingest/memory.py): one arena for every thread of a
command, page-sized blocks reused without new page faults, freed memory handed back only above
a bound; and nothing at all where the C library is not glibc."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from shenbao.ingest import memory
from shenbao.ingest.memory import cap_malloc_arenas, resident_bytes, return_freed_memory, reuse_page_memory

needs_glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt and malloc_trim are glibc's")

ARENAS_OF_FOUR_THREADS = """
import ctypes, sys, threading
if sys.argv[1] == "cli":
    from shenbao.cli import main
    main(["notices"])  # any command: main caps the arenas first
kept = []
def allocate():
    kept.extend(bytearray(64 * 1024) for _ in range(16))  # malloc'd (over 512 bytes), in the thread's arena
threads = [threading.Thread(target=allocate) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
ctypes.CDLL(None).malloc_stats()  # one "Arena N:" paragraph per arena, on stderr
"""


def _arenas_after_four_threads(mode: str) -> int:
    argv = [sys.executable, "-c", ARENAS_OF_FOUR_THREADS, mode]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    return sum(1 for line in done.stderr.splitlines() if line.startswith("Arena "))


@needs_glibc
def test_every_thread_of_a_shenbao_command_shares_one_malloc_arena():
    assert _arenas_after_four_threads("plain") > 1  # glibc's default: an arena per new thread
    assert _arenas_after_four_threads("cli") == 1


@needs_glibc
def test_malloc_arenas_are_capped_on_glibc():
    assert cap_malloc_arenas() is True


class NoGlibc:
    """A C library without glibc's malloc controls (musl, macOS)."""

    def __init__(self, name: object) -> None:
        pass


def test_capping_arenas_where_there_is_no_mallopt_does_nothing(monkeypatch):
    monkeypatch.setattr(memory.ctypes, "CDLL", NoGlibc)
    assert cap_malloc_arenas() is False


def _resident_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.fixture
def holes() -> list[bytearray]:
    """~50 MB freed in holes: ~100 MB of blocks under the mmap threshold, every other one
    freed, each hole between two blocks still held (no heap top to trim)."""
    blocks = [bytearray(64 * 1024) for _ in range(1600)]
    del blocks[::2]
    return blocks


@needs_glibc
def test_memory_freed_between_blocks_in_use_goes_back_to_the_system(holes):
    before = _resident_kb()
    assert return_freed_memory() is True
    assert before - _resident_kb() > 30_000  # most of the ~50 MB of holes are handed back
    assert len(holes) == 800


@needs_glibc
def test_freed_memory_is_kept_while_the_process_holds_less_than_the_bound(holes):
    before = _resident_kb()
    assert return_freed_memory(above=before * 1024 + 100 * 1024 * 1024) is False
    assert before - _resident_kb() < 10_000  # the holes stay resident, for the next page
    assert return_freed_memory(above=1024 * 1024) is True  # far over a 1 MB bound: handed back
    assert before - _resident_kb() > 30_000
    assert len(holes) == 800


def test_resident_bytes_are_what_the_kernel_counts():
    resident = resident_bytes()
    assert resident is not None
    assert abs(resident / 1024 - _resident_kb()) < 5_000


def test_resident_bytes_are_none_where_proc_does_not_tell(monkeypatch):
    def no_proc(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("/proc/self/statm")

    monkeypatch.setattr("builtins.open", no_proc)
    assert resident_bytes() is None


PAGE_FAULTS_OF_A_SECOND_BLOCK = """
import resource, sys
from shenbao.ingest.memory import reuse_page_memory
if sys.argv[1] == "reuse":
    reuse_page_memory()
block = b"1" * (12 * 1024 * 1024)  # a page image's size, every page of it written
del block
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
block = b"2" * (12 * 1024 * 1024)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@needs_glibc
def test_a_page_sized_block_freed_is_reused_without_new_page_faults():
    """glibc maps a 12 MB block on its own and unmaps it when freed, so the next page's faults
    its memory in anew (~3000 faults a block); after reuse_page_memory it stays in the heap."""

    def faults(mode: str) -> int:
        argv = [sys.executable, "-c", PAGE_FAULTS_OF_A_SECOND_BLOCK, mode]
        return int(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)

    assert faults("default") > 2500
    assert faults("reuse") < 300


def test_returning_memory_where_there_is_no_malloc_trim_does_nothing(monkeypatch):
    monkeypatch.setattr(memory.ctypes, "CDLL", NoGlibc)
    assert return_freed_memory() is False
    assert reuse_page_memory() is False
