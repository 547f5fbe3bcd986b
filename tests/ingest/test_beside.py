"""Options stacked beside an unruled label: the label's row is the band between its neighbours."""

from __future__ import annotations

from page_builders import field, flow_of, line, notice, page, run

from shenbao.core.notice import Notice
from shenbao.ingest.beside import beside_candidates
from shenbao.ingest.document import Line
from shenbao.ingest.meaning import FieldMapper

S = "平台建设情况"


def build_notice() -> Notice:
    return notice(
        [
            field("p.build", "建设方式", S, "choice", options=["自建", "合作共建"]),
            field("p.iaas", "IaaS 基础设施", S, "choice", options=["自建", "租用"]),
        ]
    )


def stacked_page() -> list[Line]:
    """
    ☑自建
    建设方式   □合作共建
    ☑自建                    <- the next label's first option
    IaaS 基础设施 □租用
    """
    return [
        line(S, 50, 40),
        line("☑自建", 200, 100),
        line("建设方式", 50, 114),
        line("□合作共建", 200, 128),
        line("☑自建", 200, 160),
        line("IaaS 基础设施", 50, 174),
        line("□租用", 200, 174),
    ]


def test_options_above_and_below_an_unruled_label_are_its_choice() -> None:
    n = build_notice()
    flow = flow_of(n, [page(stacked_page())])
    spec = n.field("p.build")
    cands = beside_candidates(flow, spec, FieldMapper(n), flow.segments)
    assert [c.raw for c in cands] == ["☑自建\n□合作共建"]


def test_next_labels_option_above_it_belongs_to_the_next_label() -> None:
    n = build_notice()
    flow = flow_of(n, [page(stacked_page())])
    cands = beside_candidates(flow, n.field("p.iaas"), FieldMapper(n), flow.segments)
    assert [c.raw for c in cands] == ["☑自建\n□租用"]


def test_stacked_options_read_as_choice_values() -> None:
    assert run(build_notice(), [page(stacked_page())]) == {"p.build": "自建", "p.iaas": "自建"}
