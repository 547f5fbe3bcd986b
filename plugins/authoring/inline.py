"""Fields printed inside running text: ``标签：______单位``, ``□甲 □乙`` groups, ``年 月 日``
dates and ``标签：`` prompts with nothing after them.

:func:`parse_text` turns the text of a paragraph or a table cell into draft fields; the
caller adds section, required flag and evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from shenbao.plugins.authoring.wording import (
    BLANK,
    BOX,
    DATE_BLANK,
    PERIOD_BLANK,
    SIGNATURE,
    UNIT_AFTER,
    guess_type,
    outside_parens,
    paren_depth,
    split_guidance,
    squash,
    strip_colon,
)

SEPARATORS = re.compile(r"[；;，,。]")


@dataclass
class DraftField:
    label: str
    type: str
    section: str = ""
    required: bool = False
    unit: str = ""
    options: tuple[str, ...] = ()
    context: str = ""
    column: str = ""
    row: int = 0  # n-th empty row under a column header (``layout = "grid"``)
    parent: str = ""  # the row group (catalog ``parent``) when it is not printed before the label
    labels: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    layout: str = ""
    where: str = ""
    key: str = ""

    @property
    def all_labels(self) -> tuple[str, ...]:
        return (self.label, *self.labels)


def logical_lines(text: str) -> list[str]:
    """Lines with the wraps of an open parenthesis undone (PDF cells wrap long prompts)."""
    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            out.append("")
            continue
        if out and out[-1] and (paren_depth(out[-1]) > 0 or _wrapped_box_line(out[-1], line)):
            out[-1] += line
        elif out and _box_group(out[-1]) and _box_group(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _box_group(line: str) -> bool:
    return line.lstrip().startswith(BOX) and not BLANK.search(line)


def _wrapped_box_line(previous: str, line: str) -> bool:
    """``□新技术类 □安`` + ``全类`` (or ``息 □新能源汽车``): an option wrapped onto the next line."""
    head = line.split(BOX)[0].strip()
    return (
        previous.lstrip().startswith(BOX)
        and bool(head)
        and not BLANK.search(head)
        and "：" not in head
        and len(head) <= 12
    )


def parse_text(text: str, hint: str = "") -> list[DraftField]:
    """Fields of one paragraph or cell. ``hint``: the label cell beside it, if any."""
    fields: list[DraftField] = []
    lines = logical_lines(text)
    pending = ""  # "运用以下技术：" waiting for its □ line
    context = ""  # "工业APP种类：" heading the lines below it
    for i, line in enumerate(lines):
        if not line:
            continue
        following = next((later for later in lines[i + 1 :] if later), "")
        found = parse_line(line, pending or hint)
        if found:
            fields += [replace(f, context=f.context or context) for f in found + _prompt_after(line, following)]
            pending = ""
            continue
        bare = _bare_colon_label(line)
        if bare is None:
            continue
        if following.startswith(BOX):
            pending = bare
        elif following and (BLANK.search(following) or following.startswith(BOX)):
            if guess_type(bare) in ("integer", "money_wan", "percent", "decimal"):
                fields.append(DraftField(bare, guess_type(bare), context=context))  # its blank was lost
            else:
                context = bare
        elif (
            following
            and _bare_colon_label(following) is None
            and not following.startswith("（")
            and not SIGNATURE.search(bare)
        ):
            context = bare
        elif not SIGNATURE.search(bare):
            short, guidance = split_guidance(bare)
            fields.append(
                DraftField(
                    short, guess_type(short, prose=not following), labels=(bare,) if guidance else (), context=context
                )
            )
    return fields


def _prompt_after(line: str, following: str) -> list[DraftField]:
    """``补充说明（列举…____、____）：`` asks for the blanks and for text after the colon."""
    if not line.rstrip().endswith(("：", ":")) or following:
        return []
    outer = squash(strip_colon(outside_parens(line)))
    if not outer or BLANK.search(outer) or BOX in outer or len(outer) > 30:
        return []
    return [DraftField(outer, guess_type(outer, prose=True), labels=(squash(strip_colon(line)),))]


def _bare_colon_label(line: str) -> str | None:
    """``补充说明（…）：`` with nothing after the colon → the label, else None."""
    stripped = line.rstrip()
    if not stripped.endswith(("：", ":")) or paren_depth(stripped) or len(outside_parens(stripped)) > 40:
        return None
    label = squash(strip_colon(stripped))
    return label or None


def parse_line(line: str, hint: str = "") -> list[DraftField]:
    """Fields of one logical line, or [] when it holds no blank, box or date."""
    if BOX in line and not _is_bullet(line):
        return _checkbox_fields(line, hint)
    line = line.replace(BOX, "", 1) if _is_bullet(line) else line
    if PERIOD_BLANK.search(line):
        label = squash(strip_colon(PERIOD_BLANK.split(line)[0])) or hint
        return [DraftField(f"{label}（起）", "date"), DraftField(f"{label}（止）", "date")]
    if BLANK.search(line):
        return _blank_fields(line, hint)
    if DATE_BLANK.search(line):
        label = squash(strip_colon(DATE_BLANK.split(line)[0]))
        if SIGNATURE.search(label):
            label = ""
        return [DraftField(label or f"{hint} 年 月 日".strip(), "date")]
    return _colon_fields(line)


def _is_bullet(line: str) -> bool:
    """A □ before ``标签：____`` is a bullet, not a choice."""
    if not (line.lstrip().startswith(BOX) and line.count(BOX) == 1):
        return False
    match = BLANK.search(line)
    return match is not None and line[: match.start()].rstrip().endswith(("：", ":"))


def _colon_fields(line: str) -> list[DraftField]:
    """``手机：    邮箱：`` — two labels, each followed by nothing but spaces."""
    parts = re.split(r"[：:]", line)
    if len(parts) < 3 or parts[-1].strip():
        return []
    labels = [squash(p) for p in parts[:-1]]
    if not all(labels) or any(len(label) > 12 or SIGNATURE.search(label) for label in labels):
        return []
    return [DraftField(label, guess_type(label)) for label in labels]


# -- □ groups --------------------------------------------------------------------------------
def _checkbox_fields(line: str, hint: str) -> list[DraftField]:
    head, *items = line.split(BOX)
    label = squash(strip_colon(head)) or hint
    options: list[str] = []
    extra: list[DraftField] = []
    for item in items:
        option, blank_label = _split_option(item)
        if not option:
            continue
        options.append(option)
        if blank_label is not None or "请注明" in option:
            name = blank_label or f"{label}（{option}）"
            extra.append(DraftField(name, guess_type(name)))
    if not options:
        return []
    kind = guess_type(label, options=tuple(options))
    return [DraftField(label, kind, options=tuple(options)), *extra]


def _note_request(item: str) -> bool:
    """``合作共建请注明合作企业名称`` (a scan lost the blank after it)."""
    at = outside_parens(item).find("请注明")
    return at > 0 and len(outside_parens(item)) > at + 3


def _split_option(item: str) -> tuple[str, str | None]:
    """``合作共建 合作伙伴____`` → (``合作共建``, ``合作伙伴``); no blank → (option, None)."""
    item = item.strip()
    if not BLANK.search(item) and not _note_request(item):
        return squash(item), None
    before = BLANK.split(item)[0].strip()
    depth, cut = 0, -1
    for i, ch in enumerate(before):
        depth += ch in "（("
        depth -= ch in "）)" and depth > 0
        if depth == 0 and before.startswith("请注明", i):
            cut = i
            break
    if cut > 0:
        return squash(before[:cut]), squash(before[cut + 3 :]).strip("：:") or ""
    pieces = before.rsplit(None, 1)
    if len(pieces) == 2 and paren_depth(pieces[0]) == 0:
        return squash(pieces[0]), squash(pieces[1]).removeprefix("请注明").strip("：:")
    return _split_glued(squash(before))


def _split_glued(text: str) -> tuple[str, str]:
    """``合作共建合作伙伴`` (a text layer that lost the space) → the last word is the blank's label."""
    if text.endswith(("）", ")")) or len(text) < 5:
        return text, ""
    import jieba

    jieba.setLogLevel(60)
    words = list(jieba.cut(text))
    if len(words) >= 2 and len(words[-1]) >= 2 and len(text) - len(words[-1]) >= 2:
        return text[: -len(words[-1])], words[-1]
    return text, ""


# -- ____ blanks --------------------------------------------------------------------------------
@dataclass
class _Run:
    label: str
    count: int = 1
    unit: str = ""
    inside: str = ""  # "个地级市" when the blank sits inside （…）
    labels: list[str] = field(default_factory=list)
    context: str = ""


def _blank_fields(line: str, hint: str) -> list[DraftField]:
    runs = _blank_runs(line, hint)
    fields: list[DraftField] = []
    for i, run in enumerate(runs):
        names = _run_names(run, runs[i - 1] if i else None)
        for name in names:
            short, guidance = split_guidance(name)
            kind = "text" if run.count > 1 and not run.unit and "（第" in name else guess_type(short, run.unit)
            printed = ((name,) if guidance else ()) + tuple(run.labels)
            fields.append(DraftField(short, kind, unit=run.unit, labels=printed, context=run.context))
    return fields


def _blank_runs(line: str, hint: str) -> list[_Run]:
    pieces = BLANK.split(line)
    runs: list[_Run] = []
    for i, before in enumerate(pieces[:-1]):
        after = pieces[i + 1]
        if i and runs:
            before = _drop_unit(before, runs[-1].unit)
        if runs and before.strip() in ("、", ",", "，") and not runs[-1].inside:
            runs[-1].count += 1
            unit_match = UNIT_AFTER.match(after)
            runs[-1].unit = unit_match.group(1) if unit_match else runs[-1].unit
            continue
        run = _run_for(before, after, hint, runs[-1] if runs else None, line_start=(i == 0))
        runs.append(run)
    return runs


def _drop_unit(text: str, unit: str) -> str:
    text = text.lstrip()
    return text[len(unit) :] if unit and text.startswith(unit) else text


def _run_for(before: str, after: str, hint: str, previous: _Run | None, line_start: bool) -> _Run:
    unit_match = UNIT_AFTER.match(after)
    unit = unit_match.group(1) if unit_match else ""
    tail = after[unit_match.end() :] if unit_match else after
    if paren_depth(before) > 0 or (previous and previous.inside and closes_paren(tail)):
        return _inside_run(before, after, unit, previous, hint)
    segment = SEPARATORS.split(before)[-1]
    label = squash(strip_colon(segment)).lstrip("、")
    if label.startswith("其中") and previous and label != "其中":
        # "国家标准：__个，其中牵头制定__个": printed after 国家标准, named after it
        return _Run(f"{previous.label}（{label}）", unit=unit, labels=[label], context=previous.label)
    if previous and re.fullmatch(r"\d+个\S+", label) and re.search(r"\d+个\S+$", previous.label):
        label = re.sub(r"\d+个\S+$", label, previous.label)
    if not label and line_start:
        label = hint
    suffix = re.match(r"\s*([（(](?:盖章|签字|签章)[）)])", tail)
    if suffix and label:
        return _Run(label + suffix.group(1), unit=unit, labels=[label])
    return _Run(label, unit=unit)


def closes_paren(text: str) -> bool:
    """Does ``text`` close a parenthesis it did not open (``个省级以上园区）``)?"""
    depth = 0
    for ch in text:
        depth += ch in "（("
        depth -= ch in "）)"
        if depth < 0:
            return True
    return False


def _inside_run(before: str, after: str, unit: str, previous: _Run | None, hint: str) -> _Run:
    """``服务区域数（____个地级市或____个省级以上园区）`` → one run per blank inside."""
    inner_after = re.split(r"[或、，,）)]", after, maxsplit=1)[0]
    if previous and previous.inside:
        outer = previous.label.split("（")[0]
    else:
        opened = max(before.rfind("（"), before.rfind("("))
        lead = before[opened + 1 :].strip()
        if lead:  # "（列举…最高的3个行业____" — the blank belongs to the words before it
            return _Run(squash(lead), unit=unit)
        outer = squash(strip_colon(SEPARATORS.split(before[:opened])[-1])) or hint
    return _Run(f"{outer}（__{squash(inner_after)}）", unit=unit, inside=inner_after)


YEARS = re.compile(r"^((?:\d{4}、)+\d{4})年(.+)$")


def _run_names(run: _Run, previous: _Run | None = None) -> list[str]:
    """``2020、2021年研发投入：__、__`` → one name per year; ``占收入__%、__%`` after it → the
    share of each year's amount; ``__、__、__`` → ``（第1个）`` …"""
    years = YEARS.match(run.label)
    if years and run.count in (1, len(years.group(1).split("、"))):  # a scan may merge the blanks
        return [f"{y}年{years.group(2)}" for y in years.group(1).split("、")]
    before = YEARS.match(previous.label) if previous else None
    if before and run.label.startswith("占") and run.count in (1, len(before.group(1).split("、"))):
        return [f"{y}年{before.group(2)}{run.label}" for y in before.group(1).split("、")]
    if run.count == 1:
        return [run.label]
    return [f"{run.label}（第{i}个）" for i in range(1, run.count + 1)]
