"""Attachments from the notice's own text (通知): ``shenbao notice draft --notice-text FILE``.

Some blank forms print no 材料清单; the notice that ships them says what to submit. Three
kinds of statement are read, and nothing else (precision first: a person refines the draft):

- a list introduced by ``材料包括：`` / ``以下材料：`` up to the end of the sentence
  (``申报主体营业执照，申报项目简表、项目介绍及证明材料等，…，其它需要提供的材料。``);
- the notice's own attachment list, ``附件：1.… 2.…``, keeping the forms and tables
  (…表, …书, …函, …清单) and leaving out what is only to be read (…通知, …办法, …要求);
- ``必须/须/需/应 提供 X`` (``必须提供项目相关视频证明材料(5-10分钟)``).

A name printed before a cross-reference to the list (``项目申报书(见附件2)``) becomes another
wording (``labels``) of that list item. Every candidate must name a document (…表 …执照 …材料
…合同 …视频 …); a bare ``相关证明材料`` names none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from shenbao.core.errors import PluginError
from shenbao.plugins.authoring.formread import Grid, read_blocks
from shenbao.plugins.authoring.recall import THRESHOLD, score
from shenbao.plugins.authoring.wording import normalize_label, paren_depth, squash

DOCUMENT = re.compile(
    r"(表|书|函|执照|证|证明|材料|资料|报告|合同|发票|凭证|清单|截图|照片|视频|复印件|扫描件|"
    r"文件|协议|证书|光盘|文档|简介|介绍|说明)"
)
COPY = re.compile(r"(复印件|扫描件|原件|副本)$")
FORM_HEAD = re.compile(r"(表|书|函|清单|模板|提纲|格式)$")
LIST_INTRO = re.compile(r"(?:材料|资料)(?:主要)?(?:包括|包含|如下)\s*[：:]|(?:以下|下列)(?:申报)?(?:材料|资料)\s*[：:]")
MUST_SUBMIT = re.compile(r"(?:必须|务必|须|需|需要|应|应当)(?:同时|另行)?(?:提供|提交|附上|报送)")
ANNEX_START = re.compile(r"^附(?:件)?\s*[：:]\s*(.*)$")
ANNEX_ITEM = re.compile(r"^(\d+)\s*[.．、]\s*(\S.*)$")
ANNEX_REF = re.compile(r"(?:详?见)?附件\s*(\d+)")
GENERIC_WORDS = re.compile(
    r"相关|有关|申报|证明|佐证|支撑|全部|所有|上述|以上|必要|真实|纸质|电子|材料|资料|文件|"
    r"信息|和|及|的|等|版|以下|下列|如下|下述"
)
OPTIONAL = re.compile(r"若有|如有|选填|可选|其它|其他")
REF_VERBS = re.compile(r".*(?:将|填写|填报|报送|提交|提供|按照|根据|对|见|并|和|及|与)")
MAX_ITEM = 40  # characters outside parentheses: longer is a sentence, not a document's name
MAX_LIST = 300  # characters a 材料包括： list may run before its full stop


@dataclass
class NoticeAttachment:
    label: str
    required: bool
    line: int  # 1-based line of the notice text where it starts
    labels: list[str] = field(default_factory=list)


@dataclass
class Annex:
    """One ``附件：`` list: the line it starts on and the forms it names, by number."""

    line: int
    items: dict[int, NoticeAttachment] = field(default_factory=dict)


def read_notice_lines(path: str | Path) -> list[str]:
    """The notice's text as printed lines: .txt (UTF-8 or GB18030), .docx or .pdf."""
    path = Path(path)
    if not path.exists():
        raise PluginError(f"no such file: {path}", file=str(path))
    suffix = path.suffix.lower()
    if suffix in (".txt", ".text", ".md"):
        return _text_lines(path)
    if suffix in (".docx", ".pdf"):
        lines: list[str] = []
        for block in read_blocks(path):
            texts = [c.text for c in block.cells] if isinstance(block, Grid) else [block.text]
            lines += [line for text in texts for line in text.split("\n")]
        return lines
    raise PluginError("a notice text must be .txt, .docx or .pdf", file=str(path))


def _text_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise PluginError("the notice text is neither UTF-8 nor GB18030", file=str(path))


def notice_attachments(lines: list[str]) -> list[NoticeAttachment]:
    """The attachments the notice asks for, in the order of the text, duplicates merged."""
    printed = [(n, squash(line)) for n, line in enumerate(lines, 1) if line.strip()]
    annexes = _annex_lists(printed)
    flow = _Flow(printed)
    _add_references(flow, annexes)
    found = [item for annex in annexes for item in annex.items.values()]
    found += _listed(flow) + _must_submit(flow)
    found.sort(key=lambda a: a.line)
    return merge([], found)


# -- the text as one run ---------------------------------------------------------------------
class _Flow:
    """The printed lines joined into one run of text (a sentence wraps across lines), with
    the line each character came from."""

    def __init__(self, printed: list[tuple[int, str]]) -> None:
        parts: list[str] = []
        self.starts: list[tuple[int, int]] = []
        size = 0
        for n, text in printed:
            gap = " " if parts and parts[-1][-1:].isascii() and text[:1].isascii() else ""
            parts.append(gap + text)
            self.starts.append((size + len(gap), n))
            size += len(gap) + len(text)
        self.text = "".join(parts)

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1] if self.starts else 1
        for start, n in self.starts:
            if start > offset:
                break
            line = n
        return line


def _top_level_end(text: str, start: int, stops: str, limit: int) -> int:
    depth = 0
    for i in range(start, min(len(text), start + limit)):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif depth == 0 and ch in stops:
            return i
    return min(len(text), start + limit)


def _split_top(text: str, seps: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        if depth == 0 and ch in seps:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return [p.strip() for p in pieces if p.strip()]


# -- statements ------------------------------------------------------------------------------
def _listed(flow: _Flow) -> list[NoticeAttachment]:
    """``…材料包括：A，B、C等，D。``"""
    out: list[NoticeAttachment] = []
    for match in LIST_INTRO.finditer(flow.text):
        end = _top_level_end(flow.text, match.end(), "。", MAX_LIST)
        out += _items(flow.text[match.end() : end], flow.line_at(match.end()))
    return out


def _must_submit(flow: _Flow) -> list[NoticeAttachment]:
    """``必须提供X，否则…``"""
    out: list[NoticeAttachment] = []
    for match in MUST_SUBMIT.finditer(flow.text):
        end = _top_level_end(flow.text, match.end(), "，,。；;：:", MAX_ITEM * 2)
        out += _items(flow.text[match.end() : end], flow.line_at(match.end()))
    return out


def _items(text: str, line: int) -> list[NoticeAttachment]:
    out: list[NoticeAttachment] = []
    for chunk in _split_top(text, "，,；;。"):
        for name in _split_names(chunk):
            label = tidy_name(name)
            if is_document(label):
                out.append(NoticeAttachment(label, not OPTIONAL.search(label), line))
    return out


def _split_names(chunk: str) -> list[str]:
    """``申报项目简表、项目介绍及证明材料等`` is two documents; ``申报材料、项目真实性承诺函``
    is one: split at 、 only where every piece is a document, and not where the last piece's
    ``复印件`` belongs to all (``近两年合同、发票复印件``)."""
    pieces = [tidy_name(p) for p in _split_top(chunk, "、")]
    shared_suffix = COPY.search(pieces[-1]) and not all(COPY.search(p) for p in pieces)
    if len(pieces) > 1 and not shared_suffix and all(len(p) >= 4 and is_document(p) for p in pieces):
        return pieces
    return [chunk]


def tidy_name(text: str) -> str:
    text = squash(text).strip(" 。；;，,：:")
    text = re.sub(r"^(?:\d+\s*[.．、]|[（(]\d+[）)]|[一二三四五六七八九十]+、)\s*", "", text)
    text = re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text)
    return re.sub(r"等$", "", text).strip("《》")


def is_document(label: str) -> bool:
    """A name of something to submit: short, names a document, not just ``相关材料``."""
    core = re.sub(r"[（(][^（）()]*[）)]", "", label)
    if not core or len(core) > MAX_ITEM or paren_depth(label) > 0:
        return False
    if not DOCUMENT.search(core):
        return False
    return bool(GENERIC_WORDS.sub("", normalize_label(core)))


# -- 附件：1.… 2.… ---------------------------------------------------------------------------
def _annex_lists(printed: list[tuple[int, str]]) -> list[Annex]:
    """Each ``附件：`` list: number → the forms and tables it names (not 通知 / 办法 / 要求)."""
    lists: list[Annex] = []
    i = 0
    while i < len(printed):
        match = ANNEX_START.match(printed[i][1])
        if not match:
            i += 1
            continue
        start = printed[i][0]
        entries, i = _annex_entries(printed, i, match.group(1).strip())
        annex = Annex(start)
        for number, (line, title) in entries.items():
            label = tidy_name(title)
            if FORM_HEAD.search(label) and is_document(label):
                annex.items[number] = NoticeAttachment(label, not OPTIONAL.search(label), line)
        lists.append(annex)
    return lists


@dataclass
class _Entry:
    number: int
    line: int
    title: str


def _annex_entries(printed: list[tuple[int, str]], i: int, rest: str) -> tuple[dict[int, tuple[int, str]], int]:
    """The numbered titles from line ``i`` (the ``附件：`` line, whose ``rest`` may hold item 1
    or a lone unnumbered title), with titles wrapped onto the next line joined back."""
    entries: list[_Entry] = []
    line = printed[i][0]
    if rest:
        item = ANNEX_ITEM.match(rest)
        entries.append(_Entry(int(item.group(1)), line, item.group(2)) if item else _Entry(1, line, rest))
    elif i + 1 < len(printed) and not ANNEX_ITEM.match(printed[i + 1][1]):
        i += 1  # "附件：" and the one title on the next line
        entries.append(_Entry(1, printed[i][0], printed[i][1]))
    i += 1
    while i < len(printed):
        text = printed[i][1]
        item = ANNEX_ITEM.match(text)
        if item and (not entries or int(item.group(1)) == entries[-1].number + 1):
            entries.append(_Entry(int(item.group(1)), printed[i][0], item.group(2)))
        elif entries and _wraps(entries[-1].title, text):
            entries[-1].title += text
        else:
            break
        i += 1
    return {e.number: (e.line, e.title) for e in entries}, i


def _wraps(title: str, text: str) -> bool:
    """``…平台申报能力`` + ``要求。``, ``…推荐`` + ``汇总表``: the next line ends the title."""
    if re.search(r"[。；;]$", title) or len(text) > 20 or ANNEX_START.match(text):
        return False
    ends_sentence = bool(re.search(r"[。；;]$", text))
    completes = not FORM_HEAD.search(tidy_name(title)) and bool(FORM_HEAD.search(tidy_name(text)))
    return ends_sentence or completes


def _add_references(flow: _Flow, annexes: list[Annex]) -> None:
    """``项目申报书(见附件2)``: the name before a reference is another wording of the list
    item it points to (the nearest list after the reference, else the nearest before)."""
    for match in re.finditer(r"[（(]([^（）()]*)[）)]", flow.text):
        ref = ANNEX_REF.search(match.group(1))
        annex = _annex_for(flow.line_at(match.start()), annexes) if ref else None
        item = annex.items.get(int(ref.group(1))) if annex is not None and ref is not None else None
        name = _name_before(flow.text[max(0, match.start() - MAX_ITEM) : match.start()])
        if item is None or not name or not is_document(name):
            continue
        if all(normalize_label(name) != normalize_label(known) for known in [item.label, *item.labels]):
            item.labels.append(name)


def _annex_for(line: int, annexes: list[Annex]) -> Annex | None:
    after = [annex for annex in annexes if annex.line > line]
    before = [annex for annex in annexes if annex.line <= line]
    return after[0] if after else (before[-1] if before else None)


def _name_before(prefix: str) -> str:
    """The document name that ends ``prefix``: a 《title》, or the words after the last
    delimiter and verb (``…以市州为单位将项目汇总表`` → ``项目汇总表``)."""
    prefix = prefix.rstrip()
    book = re.search(r"《([^《》]+)》$", prefix)
    if book:
        return tidy_name(book.group(1))
    tail = re.split(r"[，,。、；;：:“”\"\s]", prefix)[-1]
    return tidy_name(REF_VERBS.sub("", tail))


# -- merging ---------------------------------------------------------------------------------
def same_document(a: list[str], b: list[str]) -> bool:
    """Two wordings of one document: equal or >= 90 similar after normalization (the recall
    rule), or one ends with the other (``申报主体营业执照`` / ``营业执照``)."""

    for label in a:
        if score(label, b) >= THRESHOLD:
            return True
        x = normalize_label(label)
        for other in b:
            y = normalize_label(other)
            short, long = sorted((x, y), key=len)
            if len(short) >= 4 and long.endswith(short):
                return True
    return False


class Worded(Protocol):
    label: str
    labels: list[str]


W = TypeVar("W", bound=Worded)


def merge(kept: list[W], new: list[W]) -> list[W]:
    """``kept`` then each of ``new`` that is not a wording of one already there (its other
    wordings are added to the one it repeats)."""
    out = list(kept)
    for item in new:
        wordings = [item.label, *item.labels]
        twin = next((k for k in out if same_document([k.label, *k.labels], wordings)), None)
        if twin is None:
            out.append(item)
            continue
        for wording in wordings:
            if all(normalize_label(wording) != normalize_label(known) for known in [twin.label, *twin.labels]):
                twin.labels.append(wording)
    return out
