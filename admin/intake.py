"""The intake dashboard of one notice: what came in, what is left to do before the export.

Packets by state (every state the models know, and any other found in the rows, so states
added later show up by themselves), fields left to review, findings by kind, a completeness
chart, the notice's deadlines (its plugin's ``[[deadlines]]``) and the list of what stands
between the batch and the 推荐汇总表.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from flask import abort, current_app, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from sqlalchemy import func, select

from shenbao.admin.formatters import status_label
from shenbao.admin.views import Protected
from shenbao.admin.where import NOT_REVIEWABLE
from shenbao.core.notice import Deadline, Notice
from shenbao.models import SUBMISSION_STATES, FindingRecord, Submission, db
from shenbao.plugins.manager import get_manager

KINDS = ("missing_field", "missing_attachment", "rule", "limit", "other")
# completeness buckets of the chart: (lowest percent, label)
BUCKETS = ((100.0, "100%"), (90.0, "90–99%"), (70.0, "70–89%"), (50.0, "50–69%"), (0.0, "< 50%"))


@dataclass
class FindingKind:
    kind: str
    label: str
    count: int = 0  # findings of this kind
    packets: int = 0  # packets with at least one
    items: list[tuple[str, int]] = field(default_factory=list)  # (what, how many packets), most first


@dataclass
class Blocker:
    text: str
    count: int
    url: str


@dataclass
class Intake:
    notice: Notice
    states: list[tuple[str, str, int]]  # (state, label, packets)
    total: int
    fields_to_review: int
    packets_to_review: int
    kinds: list[FindingKind]
    buckets: list[tuple[str, int]]
    packets: list[Submission]
    deadlines: list[tuple[Deadline, int]]  # (deadline, days from today; negative: passed)
    blockers: list[Blocker]


def state_counts(notice_id: str) -> list[tuple[str, str, int]]:
    """Every state of the models in their order, then any other state the rows hold."""
    found = dict(
        db.session.execute(
            select(Submission.status, func.count()).where(Submission.notice_id == notice_id).group_by(Submission.status)
        ).all()
    )
    order = list(SUBMISSION_STATES) + sorted(s for s in found if s not in SUBMISSION_STATES)
    return [(s, status_label(s), int(found.get(s, 0))) for s in order]


def finding_kind(record: FindingRecord, limit_keys: set[str]) -> str:
    if record.code in ("missing_field", "missing_attachment"):
        return record.code
    if "limit" in record.code or (record.code == "rule" and record.key in limit_keys):
        return "limit"
    return "rule" if record.code == "rule" else "other"


def kind_labels() -> dict[str, str]:
    return {
        "missing_field": _("Missing fields"),
        "missing_attachment": _("Missing attachments"),
        "rule": _("Broken rules"),
        "limit": _("Limits"),
        "other": _("Other findings (duplicates, splitting)"),
    }


def finding_kinds(notice: Notice, ids: list[int]) -> list[FindingKind]:
    limit_keys = {r["key"] for r in notice.rules if r.get("kind") == "limit_per_applicant"}
    names = {f.key: f.label for f in notice.fields} | {a.key: a.label for a in notice.attachments}
    names |= {r["key"]: str(r.get("message") or r["key"]) for r in notice.rules}
    kinds = {k: FindingKind(k, label) for k, label in kind_labels().items()}
    packets: dict[str, set[int]] = defaultdict(set)
    items: dict[str, Counter[str]] = defaultdict(Counter)
    query = select(FindingRecord).where(FindingRecord.submission_id.in_(ids)) if ids else None
    for record in db.session.scalars(query) if query is not None else ():
        kind = finding_kind(record, limit_keys)
        kinds[kind].count += 1
        packets[kind].add(record.submission_id)
        what = names.get(record.key) if kind != "other" else None
        items[kind][what or record.message or record.key] += 1
    for kind, row in kinds.items():
        row.packets = len(packets[kind])
        row.items = items[kind].most_common(6)
    return [kinds[k] for k in KINDS]


def completeness_buckets(packets: list[Submission]) -> list[tuple[str, int]]:
    counts = Counter(next(label for low, label in BUCKETS if (s.completeness or 0.0) >= low) for s in packets)
    return [(label, counts.get(label, 0)) for _, label in BUCKETS]


def desk_today() -> dt.date:
    """Today where the desk is (its time zone, Asia/Shanghai by default)."""
    zone = ZoneInfo(str(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Asia/Shanghai"))
    return dt.datetime.now(zone).date()


def deadlines_from(notice: Notice, today: dt.date) -> list[tuple[Deadline, int]]:
    return [(d, (d.date - today).days) for d in notice.deadlines]


def blockers(
    notice: Notice, states: list[tuple[str, str, int]], live: list[Submission], kinds: list[FindingKind]
) -> list[Blocker]:
    """What keeps the batch from a clean 推荐汇总表, each with the list that shows it."""
    listed = url_for("submission.index_view", flt0_0=notice.id)
    count = {s: n for s, _, n in states}
    out = []
    if count.get("ingesting"):
        out.append(Blocker(_("packets still being read"), count["ingesting"], listed))
    if count.get("failed"):
        out.append(Blocker(_("files that could not be read"), count["failed"], listed))
    waiting = [s for s in live if s.to_review]
    if waiting:
        text = _("packets with fields left to review (%(n)s fields)", n=sum(s.to_review for s in waiting))
        out.append(Blocker(text, len(waiting), url_for("submission.index_view", flt0_0=notice.id, flt1_4=0)))
    with_findings = url_for("submission.index_view", flt0_0=notice.id, flt1_5=0)
    for kind in kinds:
        if kind.packets and kind.kind != "other":
            out.append(Blocker(_("packets with %(kind)s", kind=kind.label), kind.packets, with_findings))
    duplicates = duplicate_packets([s.id for s in live])
    if duplicates:
        out.append(Blocker(_("packets flagged as duplicates"), duplicates, with_findings))
    return out


def duplicate_packets(ids: list[int]) -> int:
    if not ids:
        return 0
    query = select(func.count(func.distinct(FindingRecord.submission_id))).where(
        FindingRecord.submission_id.in_(ids), FindingRecord.code == "duplicate"
    )
    return int(db.session.scalar(query) or 0)


def intake(notice: Notice, today: dt.date | None = None) -> Intake:
    states = state_counts(notice.id)
    query = (
        select(Submission)
        .where(Submission.notice_id == notice.id, Submission.status.not_in(NOT_REVIEWABLE))
        .order_by(Submission.completeness, Submission.id)
    )
    live = list(db.session.scalars(query))
    kinds = finding_kinds(notice, [s.id for s in live])
    return Intake(
        notice=notice,
        states=states,
        total=sum(n for _, _, n in states),
        fields_to_review=sum(s.to_review for s in live),
        packets_to_review=sum(1 for s in live if s.to_review),
        kinds=kinds,
        buckets=completeness_buckets(live),
        packets=live,
        deadlines=deadlines_from(notice, today or desk_today()),
        blockers=blockers(notice, states, live, kinds),
    )


def notice_totals() -> dict[str, dict[str, Any]]:
    """Per notice id: packets and fields left to review, for the list of dashboards."""
    rows = db.session.execute(
        select(Submission.notice_id, func.count(), func.coalesce(func.sum(Submission.to_review), 0))
        .where(Submission.notice_id.is_not(None))
        .group_by(Submission.notice_id)
    ).all()
    return {str(nid): {"packets": int(n), "to_review": int(r)} for nid, n, r in rows}


class DashboardView(Protected, BaseView):
    """/dashboard/: every notice with its packets; /dashboard/<notice id>: its intake."""

    right = "correct"

    @expose("/")
    def index(self) -> Any:
        return self.render("shenbao/dashboards.html", notices=get_manager().notices, totals=notice_totals())

    @expose("/<notice_id>")
    def show(self, notice_id: str) -> Any:
        notice = get_manager().notices.get(notice_id)
        if notice is None:
            abort(404)
        return self.render("shenbao/dashboard.html", board=intake(notice))
