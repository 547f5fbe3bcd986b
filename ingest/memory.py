"""The process's memory under glibc's malloc: how many heaps it keeps, how page-sized blocks
are reused, and when freed memory goes back to the system. Where the C library is not glibc
(musl, macOS), every function here does nothing and says so.

OCR reads pages side by side on several threads, each page ~150 MB of short-lived arrays
(:mod:`.scanpages`); what glibc does with them by default decides most of a scan's peak.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Callable

# glibc's mallopt() parameters
M_TRIM_THRESHOLD = -1  # free memory at a heap's top kept rather than handed back
M_MMAP_THRESHOLD = -3  # blocks this big or bigger are mapped on their own, and unmapped when freed
M_ARENA_MAX = -8  # the most malloc arenas a process keeps
# A page's arrays (~12 MB images, masks, the detector's input) are freed when the page is
# done. glibc maps blocks over its mmap threshold (dynamic, 32 MB at most) on their own and
# unmaps them when freed, and malloc_trim after every page handed the heaps' free memory
# back: the next page faulted all of it in again, 300-500 thousand page faults (1-1.5 s of
# kernel time) per 14-page scan. Under this size blocks come from the heaps and are reused.
PAGE_BLOCKS = 64 * 1024 * 1024
# ... and freed memory is handed back only while the process holds more than this (a long
# scan would otherwise creep up by what its pages leave in holes, ~7 MB a page).
TRIM_ABOVE_BYTES = 600 * 1024 * 1024
# glibc gives a new thread an arena (heap) of its own, up to eight per core, and memory freed
# in one is not reused by another. The page, recognizer and engine threads spread a scan's
# page images over several; a queue worker, whose lease and sweep threads made arenas before
# any page was read, crept to 800-830 MB over the 8 wild scans. With one arena for the whole
# process a 15-page scan peaks at 585 MB instead of 626, the worker at 697 MB, at the same
# speed: large blocks are few, and Python's small objects have their own allocator.
MALLOC_ARENAS = 1


def _glibc(name: str) -> Callable[..., int] | None:
    """glibc's function ``name``, or None where the C library has none (musl, macOS)."""
    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError):
        return None
    return function


def cap_malloc_arenas(count: int = MALLOC_ARENAS) -> bool:
    """Keep glibc to ``count`` malloc arenas; False where there is no glibc (musl, macOS).

    A cap holds for the arenas made after it: :func:`shenbao.cli.main` sets it before any
    thread starts, and the page reader sets it again for callers that did not.
    """
    mallopt = _glibc("mallopt")
    return mallopt is not None and bool(mallopt(M_ARENA_MAX, max(1, count)))


def reuse_page_memory() -> bool:
    """Let glibc keep page-sized blocks in its heaps for the next page (:data:`PAGE_BLOCKS`);
    False where there is no glibc."""
    mallopt = _glibc("mallopt")
    if mallopt is None:
        return False
    return bool(mallopt(M_MMAP_THRESHOLD, PAGE_BLOCKS)) and bool(mallopt(M_TRIM_THRESHOLD, 4 * PAGE_BLOCKS))


def resident_bytes() -> int | None:
    """The process's resident memory, or None where /proc does not tell."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _holds_at_most(limit: int) -> bool:
    resident = resident_bytes()
    return resident is not None and resident <= limit


def return_freed_memory(above: int = 0) -> bool:
    """Hand the memory freed inside glibc's heaps back to the system when the process holds
    more than ``above`` bytes (or cannot tell); False when nothing was handed back.

    A page leaves its images (~50 MB) freed but resident, in holes between blocks still in
    use that the next page's arrays do not fit exactly. Handed back after every page, a
    14-page scan peaked 10-15 MB lower, but every page faulted its memory in afresh (see
    :data:`PAGE_BLOCKS`): the page threads hand it back only above :data:`TRIM_ABOVE_BYTES`,
    and once the file is read.
    """
    malloc_trim = _glibc("malloc_trim")
    if malloc_trim is None:
        return False
    if above and _holds_at_most(above):
        return False
    malloc_trim(0)
    return True
