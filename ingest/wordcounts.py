"""jieba's prefix dictionary (~500 000 words and their counts), cached to load as it is used.

jieba caches its dictionary as one marshal object, and unmarshalling it built all 500 000
entries: ~0.45 s of CPU in every process that matches a label, of which a packet's labels
look up the words of 30-40 % (they start with ~500 of the dictionary's 11 800 first
characters). This cache holds the same words and counts grouped by their first character:
loading it reads the file and an index of the groups (a few milliseconds), and a group
becomes dictionary entries the first time a word starting with its character is looked up
(:class:`WordCounts`). jieba's cut looks words up only by ``in``, ``[]`` and ``get``.

It is written beside jieba's own cache, the first time that one is read, and stamped with
that file's size and time: when jieba rebuilds its cache, this one is written again.
"""

from __future__ import annotations

import os
import struct
import tempfile
from array import array
from itertools import groupby
from pathlib import Path

LAYOUT = 3  # the file's layout; in its name too, so builds of other layouts keep their own file
MAGIC = f"shenbao word counts {LAYOUT}\n".encode()
# jieba cache size, its mtime (ns), total count, bytes of first characters, bytes of words
HEADER = struct.Struct("<qqqqq")

Counts = tuple[dict[str, int], int]  # word -> count, and the sum of all counts (jieba's FREQ, total)


class WordCounts(dict[str, int]):
    """jieba's word counts, a first character's words added the first time one is looked up.

    A word added (``jieba.add_word``) is added after its character's words, so the
    dictionary's count never replaces it. Reading the words of a character twice (two
    threads at once) adds the same entries twice: harmless.
    """

    def __init__(self, words: bytes, numbers: array, groups: dict[str, tuple[int, int, int]]) -> None:
        super().__init__()
        self._words = words
        self._numbers = numbers
        self._groups = groups  # first character -> (first byte, end byte, index of its first count)

    def _add_group(self, word: str) -> None:
        group = self._groups.get(word[:1])
        if group is None:
            return
        begin, end, first = group
        chunk = self._words[begin:end].decode().split("\n")
        super().update(zip(chunk, self._numbers[first : first + len(chunk)], strict=True))
        self._groups.pop(word[:1], None)

    def __contains__(self, word: object) -> bool:
        if isinstance(word, str):
            self._add_group(word)
        return super().__contains__(word)

    def __getitem__(self, word: str) -> int:
        self._add_group(word)
        return super().__getitem__(word)

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        self._add_group(word)
        return super().get(word, default)

    def __setitem__(self, word: str, count: int) -> None:
        self._add_group(word)
        super().__setitem__(word, count)

    def add_all(self) -> None:
        """Every word added (what jieba's own loading gives at once)."""
        for character in list(self._groups):
            self._add_group(character)


def path_beside(jieba_cache: Path) -> Path:
    """Where the counts are saved; named by the layout's version, so that builds reading
    another layout beside this one (an upgrade, a second checkout) do not rewrite each other's."""
    return jieba_cache.with_name(f"{jieba_cache.name}.counts{LAYOUT}")


def stamp(jieba_cache: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of jieba's cache, or None when it cannot be read."""
    try:
        info = jieba_cache.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def save(path: Path, counts: Counts, of: tuple[int, int]) -> None:
    """Write ``counts`` (as read from the jieba cache stamped ``of``) atomically: another
    process reading it meanwhile sees the old file or the new one, never half of one.

    Layout after the header: the first characters (UTF-8); per character, where its words
    end in bytes and in words (two int64); the words ("\\n" after each, grouped by first
    character); their counts (int64)."""
    freq, total = counts
    ordered = sorted((word for word in freq if word), key=lambda word: word[0])
    characters, ends, words = [], array("q"), bytearray()
    for character, group in groupby(ordered, key=lambda word: word[0]):
        characters.append(character)
        group_words = list(group)
        words += "".join(word + "\n" for word in group_words).encode()
        ends.extend((len(words), (ends[-1] if ends else 0) + len(group_words)))
    first_characters = "".join(characters).encode()
    numbers = array("q", (freq[word] for word in ordered))
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return  # a folder this user cannot write to (jieba's cache made by another): no copy
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + HEADER.pack(*of, total, len(first_characters), len(words)) + first_characters)
            ends.tofile(out)
            out.write(words)
            numbers.tofile(out)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def load(path: Path, of: tuple[int, int]) -> tuple[WordCounts, int] | None:
    """The counts saved from the jieba cache stamped ``of``, their words still unread; None
    when the file is missing, broken or saved from another version of that cache."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(MAGIC) + HEADER.size
    if len(data) < start or not data.startswith(MAGIC):
        return None
    size, mtime, total, characters_length, words_length = HEADER.unpack(data[len(MAGIC) : start])
    if (size, mtime) != of:
        return None
    try:
        characters = data[start : start + characters_length].decode()
    except UnicodeDecodeError:
        return None
    ends_at = start + characters_length
    words_at = ends_at + 16 * len(characters)
    numbers_at = words_at + words_length
    if numbers_at > len(data) or (len(data) - numbers_at) % 8:
        return None
    ends = array("q", data[ends_at:words_at])
    words = data[words_at:numbers_at]
    numbers = array("q", data[numbers_at:])
    if ends[-2:] != array("q", (len(words), len(numbers))) or words.count(b"\n") != len(numbers):
        return None
    return WordCounts(words, numbers, _groups(characters, ends)), total


def _groups(characters: str, ends: array) -> dict[str, tuple[int, int, int]]:
    """First character -> (first byte, end byte without the last newline, index of its first count)."""
    starts = [0, 0, *ends[:-2]]
    return {character: (starts[2 * i], ends[2 * i] - 1, starts[2 * i + 1]) for i, character in enumerate(characters)}
