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


def test_the_cache_gives_jiebas_dictionary(reference):
    fresh = jieba.Tokenizer()
    load_prefix_dictionary(fresh, Path(tempfile.gettempdir()) / "jieba.cache")
    assert fresh.initialized
    assert fresh.total == reference.total
    assert fresh.FREQ == reference.FREQ
    assert [fresh.lcut(s) for s in SAMPLES] == [reference.lcut(s) for s in SAMPLES]


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
    assert second.FREQ == reference.FREQ
    assert second.total == reference.total
    assert [second.lcut(s) for s in SAMPLES] == [reference.lcut(s) for s in SAMPLES]


def _stamp(cache: Path) -> tuple[int, int]:
    stamp = wordcounts.stamp(cache)
    assert stamp is not None
    return stamp


def _noting(read_bytes, seen: list[Path]):
    def reading(self: Path) -> bytes:
        seen.append(self)
        return read_bytes(self)

    return reading


def test_the_word_counts_load_in_steps_that_let_other_threads_run(tmp_path, monkeypatch):
    """Unmarshalling jieba's cache holds the GIL for 0.2-0.3 s in one call; the page threads
    of a scan stood still meanwhile. The saved counts are read a slice at a time."""
    cache = _jieba_cache_copy(tmp_path)
    load_prefix_dictionary(jieba.Tokenizer(), cache)
    yields: list[float] = []
    monkeypatch.setattr(wordcounts.time, "sleep", yields.append)
    counts = wordcounts.load(wordcounts.path_beside(cache), _stamp(cache))
    assert counts is not None
    assert len(yields) >= wordcounts.STEPS


def test_counts_saved_from_another_jieba_cache_are_not_used(tmp_path, reference):
    cache = _jieba_cache_copy(tmp_path)
    load_prefix_dictionary(jieba.Tokenizer(), cache)
    saved = wordcounts.path_beside(cache)
    assert wordcounts.load(saved, (1, 2)) is None  # jieba rebuilt its cache since
    saved.write_bytes(saved.read_bytes()[:-5])  # cut short
    assert wordcounts.load(saved, _stamp(cache)) is None
    fresh = jieba.Tokenizer()
    load_prefix_dictionary(fresh, cache)  # read from jieba's cache, and saved again
    assert fresh.FREQ == reference.FREQ
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
    assert tokenizer.FREQ == reference.FREQ
    assert not wordcounts.path_beside(cache).exists()
    assert list(tmp_path.iterdir()) == [cache]
