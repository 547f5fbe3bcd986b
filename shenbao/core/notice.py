"""A notice (申报通知) as a plugin declares it: catalog + field map, read from TOML.

Part of the core: every layer reads these types; ``shenbao.plugins.notice_registration``
turns a notice into the plugin hook.

The file is the shared catalog format (contract section 1) with extra, optional keys that
tell the extractor how the form prints each field. Field maps are data; only rules that
need code live in the plugin's Python module.

Extra keys of a ``[[fields]]`` table:

``labels``   other printed labels or synonyms (the catalog ``label`` is always tried first)
``context``  text printed before the label that tells repeated labels apart (a row group
             such as ``联系人``, or a section heading); defaults to ``parent``
``layout``   how the value sits: ``cell`` (next table cell, right or below), ``inline``
             (after the label in running text: ``标签：值 单位``), ``block`` (paragraphs
             after the label), ``checkbox`` (ticked □ options), ``grid`` (row label × column
             header, with ``column``), or ``pattern`` (only through ``[[patterns]]``).
             Default: from the type (choice/multichoice/bool → checkbox, longtext → block,
             else cell-then-inline).
``column``   the column header for ``grid`` fields (``2021年``)
``row``      for ``grid`` fields whose label is a column header: the n-th row below it
``prompts``  printed guidance to drop from a block value (``（限1000字）``)
``value_pattern`` a regex the raw value must match (searched), for picky fields

``[bound_table] columns``: for a 推荐汇总表 bound into the document, printed column header ->
field key, so ``limit_per_applicant`` rules can count its rows; ``identify_by`` names the column
field that tells applicants apart when the rule's applicant field is not printed there.

``[[deadlines]]`` tables: when the notice asks for the packets, as its text says: ``date``
(a TOML date), optional ``time`` ("17:00"), ``by`` (who sends), ``to`` (to whom), ``what``
(what is sent). The intake dashboard shows them; a notice that names no date has none.

``[[limits]]`` tables: what the notice allows a recommender to send, checked over the packets
a bureau recommends (its 推荐汇总表) before export: ``key``, ``kind`` (``max_recommended``:
at most ``value`` packets), ``value``, ``text`` (the notice's own words), optional ``severity``
(``warning`` for "一般/原则上", default) and ``when`` (counts only the packets it holds for).

``[[patterns]]`` tables (``trust`` below 1 lowers the confidence of what the regex finds on
scans, where it has to guess at blanks OCR dropped): ``regex`` (Python ``re`` syntax, searched in
the text of ``section`` or
of the whole document, as one string without white space or line breaks, NFKC-folded: ASCII
``, ; %`` and digits, but full-width ``（）：``) and ``groups`` mapping a named group to a field
key. ``[detect]``: ``keywords`` printed on the form that identify the notice.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shenbao.core.errors import NoticeDefinitionError

FIELD_TYPES = frozenset(
    {
        "text",
        "longtext",
        "integer",
        "decimal",
        "money_wan",
        "percent",
        "date",
        "phone",
        "email",
        "org_code",
        "choice",
        "multichoice",
        "bool",
    }
)
LAYOUTS = frozenset({"cell", "inline", "block", "checkbox", "grid", "pattern"})
RULE_KINDS = frozenset({"sum", "min", "max", "required_if", "limit_per_applicant", "formula", "custom"})
LIMIT_KINDS = frozenset({"max_recommended"})
CATALOG_FIELD_KEYS = ("key", "label", "section", "type", "required", "unit", "options")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    section: str
    type: str
    required: bool = False
    unit: str = ""
    options: tuple[str, ...] = ()
    parent: str = ""
    labels: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    layout: str = ""
    column: str = ""
    row: int = 0
    prompts: tuple[str, ...] = ()
    value_pattern: str = ""

    @property
    def all_labels(self) -> tuple[str, ...]:
        return (self.label, *[label for label in self.labels if label != self.label])

    @property
    def effective_layout(self) -> str:
        if self.layout:
            return self.layout
        if self.type in ("choice", "multichoice", "bool"):
            return "checkbox"
        if self.type == "longtext":
            return "block"
        return "cell"


@dataclass(frozen=True)
class AttachmentSpec:
    key: str
    label: str
    required: bool = False
    labels: tuple[str, ...] = ()
    # Evidence that holds no field (a licence copy, certificates, contracts, a typed 清单): on a
    # scan, a page that starts with this heading is OCR'd for its head and heading rows only.
    evidence: bool = False

    @property
    def all_labels(self) -> tuple[str, ...]:
        return (self.label, *self.labels)


@dataclass(frozen=True)
class PatternSpec:
    regex: str
    groups: dict[str, str]
    section: str = ""
    trust: float = 1.0  # on scans: below 1 when the regex has to guess (blanks OCR drops)


@dataclass(frozen=True)
class Deadline:
    """A date by which the notice wants the packets (or the 汇总表) sent on."""

    date: dt.date
    time: str = ""
    by: str = ""
    to: str = ""
    what: str = ""


@dataclass
class Notice:
    id: str
    name: str
    form_title: str
    issuer: str
    fields: list[FieldSpec]
    attachments: list[AttachmentSpec]
    rules: list[dict[str, Any]]
    patterns: list[PatternSpec] = field(default_factory=list)
    keywords: tuple[str, ...] = ()
    bound_table: dict[str, str] = field(default_factory=dict)  # printed column -> field key
    bound_table_identity: str = ""  # field that identifies an applicant in those rows
    deadlines: list[Deadline] = field(default_factory=list)  # in date order
    limits: list[dict[str, Any]] = field(default_factory=list)  # [[limits]]: what may be recommended
    source: str = ""  # the file it was read from
    package: str = ""  # the distribution that provides it (filled by the manager)

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(key)

    @property
    def field_keys(self) -> list[str]:
        return [f.key for f in self.fields]

    @property
    def sections(self) -> list[str]:
        seen: dict[str, None] = {}
        for spec in self.fields:
            seen.setdefault(spec.section, None)
        return list(seen)


def _tuple(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _field(raw: dict[str, Any], source: str) -> FieldSpec:
    missing = [k for k in ("key", "label", "section", "type") if k not in raw]
    if missing:
        raise NoticeDefinitionError(f"field lacks {', '.join(missing)}", file=source, field=raw.get("key"))
    return FieldSpec(
        key=raw["key"],
        label=raw["label"],
        section=raw["section"],
        type=raw["type"],
        required=bool(raw.get("required", False)),
        unit=raw.get("unit", ""),
        options=_tuple(raw.get("options")),
        parent=raw.get("parent", ""),
        labels=_tuple(raw.get("labels")),
        context=_tuple(raw["context"] if "context" in raw else raw.get("parent")),
        layout=raw.get("layout", ""),
        column=raw.get("column", ""),
        row=int(raw.get("row", 0)),
        prompts=_tuple(raw.get("prompts")),
        value_pattern=raw.get("value_pattern", ""),
    )


def _deadlines(raw: Any, source: str) -> list[Deadline]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        try:
            day = item["date"] if isinstance(item["date"], dt.date) else dt.date.fromisoformat(str(item["date"]))
        except (KeyError, TypeError, ValueError):
            raise NoticeDefinitionError(f"[[deadlines]] entry without a valid date: {item!r}", file=source) from None
        extra = {k: str(item.get(k, "")) for k in ("time", "by", "to", "what")}
        out.append(Deadline(day, **extra))
    return sorted(out, key=lambda d: (d.date, d.time))


def notice_from_dict(data: dict[str, Any], source: str = "<dict>") -> Notice:
    """Build a :class:`Notice` from parsed TOML. Raises NoticeDefinitionError."""
    head = data.get("notice")
    if not isinstance(head, dict) or "id" not in head:
        raise NoticeDefinitionError("no [notice] table with an id", file=source)
    try:
        patterns = [
            PatternSpec(p["regex"], dict(p["groups"]), p.get("section", ""), float(p.get("trust", 1.0)))
            for p in data.get("patterns", [])
        ]
        for p in patterns:
            re.compile(p.regex)
    except (KeyError, TypeError, re.error) as exc:
        raise NoticeDefinitionError(f"bad [[patterns]] entry: {exc}", file=source) from None
    return Notice(
        id=head["id"],
        name=head["name"] if "name" in head else head["id"],
        form_title=head.get("form_title", ""),
        issuer=head.get("issuer", ""),
        fields=[_field(f, source) for f in data.get("fields", [])],
        attachments=[
            AttachmentSpec(
                a["key"],
                a["label"],
                bool(a.get("required", False)),
                _tuple(a.get("labels")),
                bool(a.get("evidence", False)),
            )
            for a in data.get("attachments", [])
        ],
        rules=[dict(r) for r in data.get("rules", [])],
        patterns=patterns,
        keywords=_tuple(data.get("detect", {}).get("keywords")),
        bound_table=dict(data.get("bound_table", {}).get("columns", {})),
        bound_table_identity=data.get("bound_table", {}).get("identify_by", ""),
        deadlines=_deadlines(data.get("deadlines", []), source),
        limits=[dict(limit) for limit in data.get("limits", [])],
        source=source,
    )


def load_notice(path: str | Path) -> Notice:
    """Read a plugin's ``notice.toml``. Raises NoticeDefinitionError with the file name."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise NoticeDefinitionError(f"cannot read: {exc.strerror}", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise NoticeDefinitionError(f"invalid TOML: {exc}", file=str(path)) from None
    return notice_from_dict(data, str(path))
