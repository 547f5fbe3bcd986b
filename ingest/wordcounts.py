"""jieba's prefix dictionary (~500 000 words and their counts), cached to load in small steps.

jieba caches its dictionary as one marshal object. Unmarshalling it is one call that holds
the GIL for 0.2-0.3 s, and the page threads that OCR a scan meanwhile (the pipeline loads the
tokenizer beside them) stood still: a scan's first two page images took 0.35-0.43 s to come
out instead of 0.05. This cache holds the same words and counts as a block of UTF-8 text and
an array, loaded in :data:`STEPS` steps of ~10 ms each; the page threads run between them.

It is written beside jieba's own cache, the first time that one is read, and stamped with
that file's size and time: when jieba rebuilds its cache, this one is written again.
"""

from __future__ import annotations

import os
import struct
import tempfile
import time
from array import array
from pathlib import Path

MAGIC = b"shenbao word counts 1\n"
HEADER = struct.Struct("<qqqq")  # jieba cache size, its mtime (ns), total count, bytes of words
STEPS = 32

Counts = tuple[dict[str, int], int]  # word -> count, and the sum of all counts (jieba's FREQ, total)


def path_beside(jieba_cache: Path) -> Path:
    return jieba_cache.with_name(jieba_cache.name + ".counts")


def stamp(jieba_cache: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of jieba's cache, or None when it cannot be read."""
    try:
        info = jieba_cache.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def save(path: Path, counts: Counts, of: tuple[int, int]) -> None:
    """Write ``counts`` (as read from the jieba cache stamped ``of``) atomically: another
    process reading it meanwhile sees the old file or the new one, never half of one."""
    freq, total = counts
    words = "\n".join(freq).encode()
    numbers = array("q", freq.values())
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return  # a folder this user cannot write to (jieba's cache made by another): no copy
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + HEADER.pack(*of, total, len(words)) + words)
            numbers.tofile(out)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def load(path: Path, of: tuple[int, int]) -> Counts | None:
    """The counts saved from the jieba cache stamped ``of``; None when the file is missing,
    broken or saved from another version of that cache."""
    try:
        data = memoryview(path.read_bytes())
    except OSError:
        return None
    start = len(MAGIC) + HEADER.size
    if len(data) < start or bytes(data[: len(MAGIC)]) != MAGIC:
        return None
    size, mtime, total, length = HEADER.unpack(data[len(MAGIC) : start])
    if (size, mtime) != of or (len(data) - start - length) % 8:
        return None
    words = bytes(data[start : start + length])
    numbers = array("q")
    numbers.frombytes(data[start + length :])
    if len(words) != length or len(numbers) != words.count(b"\n") + 1:
        return None
    return _in_steps(words, numbers), total


def _in_steps(text: bytes, numbers: array) -> dict[str, int]:
    """The dictionary built a slice of words at a time, letting other threads run between."""
    freq: dict[str, int] = {}
    begin, done = 0, 0
    step = max(1, len(text) // STEPS)
    while begin < len(text):
        end = text.find(b"\n", begin + step)
        end = len(text) if end < 0 else end
        chunk = text[begin:end].decode().split("\n")
        freq.update(zip(chunk, numbers[done : done + len(chunk)], strict=True))
        done += len(chunk)
        begin = end + 1
        time.sleep(0)  # hand the GIL to the page threads
    return freq
