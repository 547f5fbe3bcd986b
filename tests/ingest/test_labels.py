"""ingest/labels.py: jieba's dictionary loaded from its cache, the same as jieba loads it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import jieba
import pytest

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
