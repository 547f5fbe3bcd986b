"""ingest/labels.py: jieba's dictionary loaded from its cache, the same as jieba loads it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import jieba
import pytest

from shenbao.ingest import wordcounts
from shenbao.ingest.labels import load_prefix_dictionary, load_tokenizer, token_score

SAMPLES = ["申报单位名称统一社会信用代码", "近两年未发生重大安全、质量、环保事故", "工业互联网标识解析二级节点"]


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()  # jieba's own way; writes the cache if there is none yet
    return tokenizer


def _every_word(freq: dict[str, int]) -> dict[str, int]:
    """The counts as one plain dictionary, the words a :class:`WordCounts` had not added yet included."""
    if isinstance(freq, wordcounts.WordCounts):
        freq.add_all()
    return dict(freq)


def test_the_cache_gives_jiebas_dictionary(reference):
    fresh = jieba.Tokenizer()
    load_prefix_dictionary(fresh, Path(tempfile.gettempdir()) / "jieba.cache")
    assert fresh.initialized
    assert fresh.total == reference.total
    assert [fresh.lcut(s) for s in SAMPLES] == [reference.lcut(s) for s in SAMPLES]
    assert _every_word(fresh.FREQ) == reference.FREQ


@pytest.mark.parametrize("content", [b"", b"not marshal data", b"\xe9\x00\x00\x00"])
def test_a_broken_cache_falls_back_to_jieba(tmp_path, reference, content):
    cache = tmp_path / "jieba.cache"
    cache.write_bytes(content)
    fresh = jieba.Tokenizer()
    load_prefix_dictionary(fresh, cache)
    assert fresh.initialized
    assert fresh.FREQ == reference.FREQ


def test_a_missing_cache_falls_back_to_jieba(tmp_path, reference):
    fresh = jieba.Tokenizer()
    load_prefix_dictionary(fresh, tmp_path / "absent.cache")
    assert fresh.initialized
    assert fresh.total == reference.total


def test_the_default_tokenizer_is_ready_after_loading(reference):
    load_tokenizer()
    assert jieba.dt.initialized
    assert jieba.dt.total == reference.total
    assert token_score("申报单位名称", "单位名称（申报）") > 60


def _jieba_cache_copy(tmp_path: Path) -> Path:
    cache = tmp_path / "jieba.cache"
    cache.write_bytes((Path(tempfile.gettempdir()) / "jieba.cache").read_bytes())
    return cache


def test_the_word_counts_are_saved_beside_the_cache_and_read_from_there(tmp_path, reference, monkeypatch):
    cache = _jieba_cache_copy(tmp_path)
    first = jieba.Tokenizer()
    load_prefix_dictionary(first, cache)
    saved = wordcounts.path_beside(cache)
    assert saved.exists()
    cache_read: list[Path] = []
    monkeypatch.setattr(Path, "read_bytes", _noting(Path.read_bytes, cache_read))
    second = jieba.Tokenizer()
    load_prefix_dictionary(second, cache)
    assert cache_read == [saved]  # jieba's own cache is not read again
    assert second.total == reference.total
    assert [second.lcut(s) for s in SAMPLES] == [reference.lcut(s) for s in SAMPLES]
    assert _every_word(second.FREQ) == reference.FREQ


def _stamp(cache: Path) -> tuple[int, int]:
    stamp = wordcounts.stamp(cache)
    assert stamp is not None
    return stamp


def _noting(read_bytes, seen: list[Path]):
    def reading(self: Path) -> bytes:
        seen.append(self)
        return read_bytes(self)

    return reading


def test_the_saved_counts_add_a_first_character_s_words_when_one_is_looked_up(tmp_path, reference):
    """Building all 500 000 entries took ~0.45 s of CPU per process; a packet's labels look up
    words of ~500 first characters. Loading reads an index, and a lookup adds its group."""
    cache = _jieba_cache_copy(tmp_path)
    load_prefix_dictionary(jieba.Tokenizer(), cache)
    counts = wordcounts.load(wordcounts.path_beside(cache), _stamp(cache))
    assert counts is not None
    freq, total = counts
    assert total == reference.total
    assert len(freq) == 0
    assert "申报" in freq
    assert freq["申报"] == reference.FREQ["申报"]
    assert freq.get("申报单位") == reference.FREQ.get("申报单位")
    shen = {word: count for word, count in reference.FREQ.items() if word.startswith("申")}
    assert dict(freq) == shen
    assert "工业" not in dict(freq)
    assert freq.get("工业") == reference.FREQ["工业"]
    assert "𠀀𠀀" not in freq  # a character no word starts with


def test_a_word_added_to_the_saved_counts_keeps_its_count(tmp_path, reference):
    """``jieba.add_word`` sets a count; the dictionary's words added later do not replace it."""
    cache = _jieba_cache_copy(tmp_path)
    load_prefix_dictionary(jieba.Tokenizer(), cache)
    tokenizer = jieba.Tokenizer()
    load_prefix_dictionary(tokenizer, cache)
    assert isinstance(tokenizer.FREQ, wordcounts.WordCounts)
    tokenizer.add_word("申报书", 7)
    assert tokenizer.FREQ.get("申领") == reference.FREQ["申领"]  # the dictionary's words of 申 too
    assert tokenizer.FREQ["申报书"] == 7


def test_counts_saved_from_another_jieba_cache_are_not_used(tmp_path, reference):
    cache = _jieba_cache_copy(tmp_path)
    load_prefix_dictionary(jieba.Tokenizer(), cache)
    saved = wordcounts.path_beside(cache)
    assert wordcounts.load(saved, (1, 2)) is None  # jieba rebuilt its cache since
    saved.write_bytes(saved.read_bytes()[:-5])  # cut short
    assert wordcounts.load(saved, _stamp(cache)) is None
    fresh = jieba.Tokenizer()
    load_prefix_dictionary(fresh, cache)  # read from jieba's cache, and saved again
    assert _every_word(fresh.FREQ) == reference.FREQ
    assert wordcounts.load(saved, _stamp(cache)) is not None


def test_a_cache_folder_that_cannot_be_written_to_still_loads(tmp_path, reference, monkeypatch):
    """jieba's cache made by another user, in a folder this one cannot write to: the counts
    come from jieba's cache, and no copy is saved."""
    cache = _jieba_cache_copy(tmp_path)

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(wordcounts.tempfile, "mkstemp", refused)
    tokenizer = jieba.Tokenizer()
    load_prefix_dictionary(tokenizer, cache)
    assert _every_word(tokenizer.FREQ) == reference.FREQ
    assert not wordcounts.path_beside(cache).exists()
    assert list(tmp_path.iterdir()) == [cache]
