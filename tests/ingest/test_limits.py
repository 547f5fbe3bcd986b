"""A notice's ``[[limits]]`` on what a bureau recommends: data in the plugin folder, checked by
the one rule engine (``limit_findings``), validated by ``shenbao notice check``."""

from __future__ import annotations

from dataclasses import replace

from shenbao.ingest.findings import limit_findings
from shenbao.plugins.check import check_notice


def test_shuangkua_recommends_at_most_two_platforms(manager):
    notice = manager.notice("miit-2022-shuangkua")
    assert limit_findings(notice, [{}, {}]) == []
    (finding,) = limit_findings(notice, [{}, {}, {}])
    assert (finding.code, finding.key, finding.severity) == ("limit", "recommend.max_platforms", "warning")
    assert finding.message.startswith("推荐数量超过 2 个（已推荐 3 个）")
    assert "所推荐的工业互联网平台数量一般不超过 2 个" in finding.message


def test_every_notice_with_a_recommendation_limit_says_where_it_comes_from(manager):
    limits = {n.id: [(x["kind"], x["value"]) for x in n.limits] for n in manager.notices.values()}
    assert limits["miit-2022-shuangkua"] == [("max_recommended", 2)]
    assert limits["miit-2023-pilot"] == [("max_recommended", 30)]
    assert limits["wuhan-fund-2022"] == []  # a fund's 拟支持名单 has no count limit in seed 002
    assert all(x.get("text") for n in manager.notices.values() for x in n.limits)


def test_a_limit_counts_only_the_packets_its_when_holds_for(manager):
    notice = manager.notice("miit-2023-pilot")
    limited = replace(
        notice,
        limits=[
            {"key": "x", "kind": "max_recommended", "value": 1, "when": {"field": "project.category", "in": ["平台类"]}}
        ],
    )
    rows = [{"project.category": "平台类"}, {"project.category": "安全类"}]
    assert limit_findings(limited, rows) == []
    assert len(limit_findings(limited, [*rows, {"project.category": "平台类"}])) == 1


def test_a_broken_limit_is_a_definition_error(manager):
    notice = manager.notice("miit-2023-pilot")
    broken = replace(
        notice,
        limits=[
            {"key": "a", "kind": "max_per_city", "value": 2},
            {"key": "b", "kind": "max_recommended", "value": "two"},
            {"key": "c", "kind": "max_recommended", "value": 2, "when": {"field": "no.such", "in": []}},
        ],
    )
    problems = check_notice(broken, errors_only=True)
    assert any("limit a: unknown kind 'max_per_city'" in p for p in problems)
    assert any("limit b: value must be a whole number" in p for p in problems)
    assert any("limit c: when names unknown field" in p for p in problems)
