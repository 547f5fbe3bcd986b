"""Denormal numbers flushed to zero on the thread that runs an ONNX Runtime session.

The PP-OCRv6 detector ships ~256 000 denormal weights; on Intel cores every multiply by one
takes a microcode assist (:func:`shenbao.plugins.engines.ppocr.session`). ONNX Runtime's
``session.set_denormal_as_zero`` sets the CPU's flush-to-zero and denormals-are-zero flags
on the threads of its own pool, and on the thread that makes the process's first session,
once. The thread that calls ``run`` does its share of the work too, and a page thread is
neither: since the engine loads on a thread of its own (beside page 1's rendering), the
detector's share on the calling thread ran with denormals, ~30 % more detection CPU with
two threads and three times as much with one (issue 11, stop 28).

:func:`flushed` sets the two flags on the calling thread for the length of a run, then sets
them back as they were, so that nothing else on the thread (OpenCV, numpy) computes
differently. It is done through glibc's ``fegetenv``/``fesetenv``, whose x86-64
``fenv_t`` carries the SSE control register (MXCSR); on other machines it does nothing, and
runs are as ONNX Runtime leaves the thread (the assist measured here is an x86 cost).
"""

from __future__ import annotations

import ctypes
import platform
import sys
from collections.abc import Iterator
from contextlib import contextmanager

FENV_SIZE = 32  # bytes of glibc's x86-64 fenv_t (x87 environment, then MXCSR)
MXCSR_AT = 28  # where MXCSR sits in it
FTZ_DAZ = 0x8040  # MXCSR bits: flush to zero (15), denormals are zero (6)


def _libm() -> ctypes.CDLL | None:
    if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
        return None
    try:
        return ctypes.CDLL("libm.so.6")
    except OSError:  # not glibc (musl names it otherwise): run as ONNX Runtime leaves the thread
        return None


_LIBM = _libm()


@contextmanager
def flushed() -> Iterator[None]:
    """Denormals flushed to zero on this thread inside the block, as they were after it."""
    if _LIBM is None:
        yield
        return
    saved = _environment(_LIBM)
    _LIBM.fesetenv(_with_flags(saved, FTZ_DAZ))
    try:
        yield
    finally:
        _LIBM.fesetenv(ctypes.create_string_buffer(saved))


def flags_here() -> int:
    """The calling thread's two flush flags: ``FTZ_DAZ`` when set, 0 when not (or not x86-64 glibc)."""
    return _mxcsr(_environment(_LIBM)) & FTZ_DAZ if _LIBM is not None else 0


def set_flags(flags: int) -> None:
    """Set the calling thread's two flush flags to ``flags`` (``FTZ_DAZ`` or 0), the rest as it is."""
    if _LIBM is not None:
        _LIBM.fesetenv(_with_flags(_environment(_LIBM), flags))


def _environment(libm: ctypes.CDLL) -> bytes:
    env = ctypes.create_string_buffer(FENV_SIZE)
    libm.fegetenv(env)
    return env.raw


def _with_flags(env: bytes, flags: int) -> ctypes.Array[ctypes.c_char]:
    """``env`` with its two flush flags set to ``flags``, as a buffer for ``fesetenv``."""
    mxcsr = (_mxcsr(env) & ~FTZ_DAZ) | flags
    return ctypes.create_string_buffer(env[:MXCSR_AT] + mxcsr.to_bytes(4, "little") + env[MXCSR_AT + 4 :])


def _mxcsr(env: bytes) -> int:
    return int.from_bytes(env[MXCSR_AT : MXCSR_AT + 4], "little")
