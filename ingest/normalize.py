"""Typed normalization of raw printed values (contract section 1).

``normalize(spec, raw)`` turns what was printed into the contract's JSON value or raises
:class:`InvalidValue`. It is used by extraction and by the review desk to validate entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from shenbao.core.errors import InputError
from shenbao.core.text import fold_spaces, nfkc
from shenbao.ingest.document import BOX_CHARS, TICK_CHARS
from shenbao.ingest.orgcode import is_valid as org_code_is_valid

BLANK_RE = re.compile(r"^[\s_＿—\-–/／.。、，,：:*（）()]*$|^\s*一\s*$")  # 一: an underline read by OCR
NUMBER_RE = re.compile(r"[-+]?\d+(?:\.\d+)?")


class InvalidValue(InputError):
    """A value does not parse as its field's type."""


def is_blank(raw: str | None) -> bool:
    """A value left empty on the form: nothing, underscores, dashes or template punctuation."""
    return raw is None or bool(BLANK_RE.match(raw)) or fold_spaces(raw) in ("年月日", "年月")


def clean_text(raw: str) -> str:
    """NFKC with inner whitespace collapsed; CJK characters are never separated by spaces."""
    return tidy_spaces(nfkc(raw))


def tidy_spaces(raw: str) -> str:
    """Inner whitespace collapsed and underlines dropped, the characters kept as they are.

    An underline is dropped whole, and a single ``_`` (or full-width ``＿``) at either end too:
    the applicant wrote on the line, and a scan reads its stub before or after the words
    (``_轻工``).
    """
    text = raw.replace("\u3000", " ")
    text = re.sub(r"_{2,}", "", text)
    text = re.sub(r"\s+", " ", text).strip(" _＿")
    cjk = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
    return re.sub(rf"(?<={cjk}) (?=\S)|(?<=\S) (?={cjk})", "", text)


def clean_longtext(raw: str) -> str:
    """Paragraph text wrapped over lines: joined without inserted spaces between CJK."""
    return clean_text(raw.replace("\n", " "))


PRINTED_TYPES = ("text", "longtext")


def printed_text(kind: str, raw: str | None, value: Any) -> str | None:
    """A text value as the applicant printed it (or a clerk typed it): ``raw`` with its white
    space tidied but its characters kept, full-width （汉南区） included, when it normalizes
    to ``value``; else None. ``value`` (NFKC-folded) stays what comparison and the JSON use."""
    if kind not in PRINTED_TYPES or not raw or not isinstance(value, str):
        return None
    kept = tidy_spaces(raw.replace("\n", " ") if kind == "longtext" else raw)
    return kept if clean_text(kept) == value else None


MIDDLE_DOT_RE = re.compile(r"(?<=\d)[·•∙・](?=\d)")  # a decimal point as a scan or a font prints it
NUMBER_TOKEN_RE = re.compile(r"[-+]?\d[\d.,]*")


def parse_number(raw: str, *, whole: bool = False) -> tuple[float, str]:
    """First number in ``raw`` and the text after it.

    Full-width digits and thousands separators are allowed. Scans often read a thousands
    comma as a point ("1.417,620.11", "925.385"): a group of exactly three digits after a
    separator that is not the last one, or (``whole`` numbers) after any point, is a
    thousands group.
    """
    text = MIDDLE_DOT_RE.sub(".", fold_spaces(nfkc(raw)).replace("，", ","))
    match = NUMBER_TOKEN_RE.search(text)
    if not match:
        raise InvalidValue(f"「{raw}」中没有数字")
    token = match.group().rstrip(".,")
    return float(_number_token(token, whole)), text[match.start() + len(token) :]


def _number_token(token: str, whole: bool) -> str:
    sign = token[0] if token[0] in "+-" else ""
    groups = re.split(r"[.,]", token.lstrip("+-"))
    seps = re.findall(r"[.,]", token)
    if not seps:
        return token
    if all(len(g) == 3 for g in groups[1:]) and (whole or seps[-1] == "," or len(seps) > 1):
        return sign + "".join(groups)  # every separator groups thousands
    if seps[-1] == "." or len(groups[-1]) != 3:
        return sign + "".join(groups[:-1]) + "." + groups[-1]  # the last one is the decimal point
    return sign + "".join(groups)


UNIT_RE = re.compile(r"\d\s*(?:万元|亿元|元|万|亿|¥)|[¥￥]\s*\d")


def has_unit(raw: str) -> bool:
    """The value prints its own money unit ("1384240元", "1.2亿")."""
    return bool(UNIT_RE.search(nfkc(raw)))


def to_integer(raw: str) -> int:
    value, rest = parse_number(raw, whole=True)
    scale = (
        10_000 if rest.startswith("万") and not rest.startswith("万元") else 100_000_000 if rest.startswith("亿") else 1
    )
    if scale > 1:
        value, _ = parse_number(raw)  # "1.849万": a decimal point before 万, not a thousands group
        value = round(value * scale, 6)
    if value != int(value):
        raise InvalidValue(f"「{raw}」不是整数")
    return int(value)


def to_decimal(raw: str) -> float:
    return parse_number(raw)[0]


def to_money_wan(raw: str) -> float:
    value, rest = parse_number(raw)
    if rest.startswith("亿"):
        value *= 10_000
    elif rest.startswith(("元", "¥")):
        value /= 10_000
    return round(value, 6)


def to_percent(raw: str) -> float:
    value, _ = parse_number(raw)
    return value


DATE_RE = re.compile(r"(\d{4})\s*(?:年|[-./])\s*(\d{1,2})(?:\s*(?:月|[-./])\s*(\d{1,2})\s*日?)?")


CJK_DIGITS = {
    "〇": "0",
    "○": "0",
    "零": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}
CJK_DATE_RE = re.compile(
    r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*([一二三四五六七八九十]{1,3})\s*日)?"
)


def _cjk_number(text: str) -> str:
    """ "十一" -> "11", "二十" -> "20", "三十一" -> "31", "九" -> "9"."""
    if "十" not in text:
        return "".join(CJK_DIGITS[ch] for ch in text)
    tens, _, ones = text.partition("十")
    return str(int(CJK_DIGITS.get(tens, "1") if tens else "1") * 10 + (int(CJK_DIGITS[ones]) if ones else 0))


def cjk_dates_to_digits(text: str) -> str:
    """Dates written in Chinese numerals on signature lines: "二〇二二年三月十一日" -> "2022年3月11日"."""

    def repl(match: re.Match[str]) -> str:
        year = "".join(CJK_DIGITS[ch] for ch in match.group(1))
        day = f"{_cjk_number(match.group(3))}日" if match.group(3) else ""
        return f"{year}年{_cjk_number(match.group(2))}月{day}"

    return CJK_DATE_RE.sub(repl, text)


WRAPPED_DIGITS_RE = re.compile(r"(?<=[\d.\-/年月])[ \t]*\n[ \t]*(?=\d)")


def to_date(raw: str) -> str:
    text = MIDDLE_DOT_RE.sub(".", cjk_dates_to_digits(nfkc(raw)))
    text = WRAPPED_DIGITS_RE.sub("", text)  # "2013.06.2" / "1": a narrow cell wrapped the date
    match = DATE_RE.search(text)
    if not match:
        raise InvalidValue(f"「{raw}」不是日期")
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12 or (day and not 1 <= int(day) <= 31):
        raise InvalidValue(f"「{raw}」不是有效的日期")
    return f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")


PHONE_RE = re.compile(r"\+?\d[\d\-]{5,}\d")


def to_phone(raw: str) -> str:
    text = fold_spaces(nfkc(raw)).replace("—", "-").replace("–", "-")
    match = PHONE_RE.search(text)
    if not match:
        raise InvalidValue(f"「{raw}」不是电话号码")
    return match.group()


EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def to_email(raw: str) -> str:
    match = EMAIL_RE.search(fold_spaces(nfkc(raw)))
    if not match:
        raise InvalidValue(f"「{raw}」不是电子邮箱地址")
    return match.group().lower()


ORG_RE = re.compile(r"[0-9A-Z]{18}")


def to_org_code(raw: str) -> str:
    text = fold_spaces(nfkc(raw)).upper()
    match = ORG_RE.search(text)
    if not match:
        raise InvalidValue(f"「{raw}」不是 18 位统一社会信用代码")
    return match.group()


def to_bool(raw: str) -> bool:
    """是/否 with boxes (``☑是 □否``), or a bare 是/否/true/false."""
    states = ticked_options(raw)
    ticked = [label for label, on in states if on] + sorted(implicit_ticks(raw, BOOL_OPTIONS))
    if states:
        if len(ticked) != 1:
            raise InvalidValue(f"「{raw}」：是、否须勾选一项且只勾选一项")
        return _bool_word(ticked[0], raw)
    return _bool_word(fold_spaces(nfkc(raw)), raw)


def _bool_word(word: str, raw: str) -> bool:
    word = word.strip().lower()
    if word in ("是", "有", "true", "yes", "y", "1"):
        return True
    if word in ("否", "无", "false", "no", "n", "0"):
        return False
    raise InvalidValue(f"「{raw}」既不是“是”也不是“否”")


BOOL_OPTIONS = ("是", "否")


def implicit_ticks(raw: str, options: tuple[str, ...]) -> set[str]:
    """Options printed without any box while the others keep theirs.

    A scan reader finds printed boxes; a tick drawn as "√" or a box it missed leaves the
    option bare: "自建 □租用" (自建 ticked), "□新能源汽车现代石化" (a lost box between two
    options), "□是否". Such an option is taken as ticked; its confidence says so.
    """
    text = nfkc(raw)
    if not any(ch in BOX_CHARS for ch in text):
        return set()
    found: set[str] = set()
    previous = ""
    for line in text.split("\n"):
        head = re.split(f"[{re.escape(BOX_CHARS)}]", line, maxsplit=1)[0].strip()
        wrapped = previous.rstrip()[-1:] in BOX_CHARS if previous.strip() else False
        previous = line
        if head and not wrapped and _exact_option(head, options):
            found.add(_exact_option(head, options) or "")
        for label, _ in ticked_options(line):
            glued = _glued_option(label, options)
            if glued:
                found.add(glued)
    return found


NOTE_TAIL_RE = re.compile(r"^[（(][^（）()]*[）)]?$")


def _exact_option(text: str, options: tuple[str, ...]) -> str | None:
    """The option ``text`` prints, exactly or followed by a note ("…二级节点（补助类）")."""
    folded = fold_spaces(text)
    for option in options:
        want = fold_spaces(nfkc(option))
        if folded == want or (folded.startswith(want) and NOTE_TAIL_RE.match(folded[len(want) :])):
            return option
    return None


def _glued_option(label: str, options: tuple[str, ...]) -> str | None:
    """The second of two options read as one label ("新能源汽车现代石化" -> 现代石化)."""
    folded = fold_spaces(label)
    for first in options:
        head = fold_spaces(nfkc(first))
        if folded.startswith(head) and len(folded) > len(head):
            second = _exact_option(folded[len(head) :], options)
            if second and second != first:
                return second
    return None


def ticked_options(raw: str) -> list[tuple[str, bool]]:
    """``☑A □B`` -> [("A", True), ("B", False)]; the label runs to the next box."""
    text = nfkc(raw).replace("\n", "")
    parts = re.split(f"([{re.escape(BOX_CHARS)}])", text)
    out = []
    for i in range(1, len(parts) - 1, 2):
        label = parts[i + 1].strip()
        out.append((label, parts[i] in TICK_CHARS))
    return out


def match_option(label: str, options: tuple[str, ...]) -> str | None:
    """The catalog option a printed option label stands for (prefix or fuzzy match)."""
    from rapidfuzz import fuzz

    norm = fold_spaces(nfkc(label))
    best, best_score = None, 0.0
    for option in options:
        opt = fold_spaces(nfkc(option))
        if norm == opt or norm.startswith(opt) or (len(norm) >= 2 and opt.startswith(norm)):
            score = 100.0 if norm == opt else 95.0 - abs(len(norm) - len(opt)) * 0.1
        else:
            score = fuzz.ratio(norm, opt)
        if score > best_score:
            best, best_score = option, score
    return best if best_score >= 80 else None


def to_choice(raw: str, options: tuple[str, ...]) -> str:
    chosen = to_multichoice(raw, options)
    if len(chosen) != 1:
        raise InvalidValue(f"「{raw}」：应勾选一项，实际勾选 {len(chosen)} 项")
    return chosen[0]


def to_multichoice(raw: str, options: tuple[str, ...]) -> list[str]:
    states = ticked_options(raw)
    if states:
        picked = {match_option(label, options) for label, on in states if on} | implicit_ticks(raw, options)
    else:  # typed by a clerk: options separated by 、,;
        picked = {match_option(part, options) for part in re.split(r"[、,，;；\n]+", raw) if part.strip()}
    if None in picked:
        raise InvalidValue(f"「{raw}」含有表中没有的选项")
    return [o for o in options if o in picked]


CONVERTERS: dict[str, Callable[[str], Any]] = {
    "text": clean_text,
    "longtext": clean_longtext,
    "integer": to_integer,
    "decimal": to_decimal,
    "money_wan": to_money_wan,
    "percent": to_percent,
    "date": to_date,
    "phone": to_phone,
    "email": to_email,
    "org_code": to_org_code,
    "bool": to_bool,
}


def normalize(spec: Any, raw: str) -> Any:
    """Typed value of ``raw`` for the field ``spec`` (a FieldSpec). Raises InvalidValue."""
    if is_blank(raw):
        raise InvalidValue("为空", field=spec.key)
    try:
        if spec.type == "choice":
            return to_choice(raw, spec.options)
        if spec.type == "multichoice":
            return to_multichoice(raw, spec.options)
        converter = CONVERTERS.get(spec.type)
        if converter is None:
            raise InvalidValue(f"未知的字段类型 {spec.type!r}")
        value = converter(raw)
    except InvalidValue as exc:
        raise InvalidValue(exc.message, field=spec.key) from None
    return value


def validate_entry(spec: Any, raw: str) -> Any:
    """``normalize`` plus the checks a clerk's typed value must pass (GB 32100 check character)."""
    value = normalize(spec, raw)
    if spec.type == "org_code" and not org_code_is_valid(value):
        raise InvalidValue(f"统一社会信用代码 {value} 的校验位不符合 GB 32100-2015", field=spec.key)
    return value
