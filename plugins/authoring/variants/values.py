"""Random but plausible values for the variant generator, printed the way applicants type them.

Every generator returns what the form needs: the *printed* string and the *truth* value
(normalized as in CONTRACT.md section 3). The document's variation classes (see
:mod:`.classes`) decide which printed forms appear: ``fullwidth_digits`` ("６５７４．６４",
"029－85100466"), ``money_units`` (万元 amounts printed in 元 or 亿元, counts as "13.5亿"/"660万"),
``date_forms`` (2022/03/18, 2022年03月18日, 2016－10－01, 二〇二二年三月十一日 on signature lines).
Without a class, values look like the dev samples (half-width digits, 万元, 2022年3月18日 / 2022-03-18).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypeVar

from shenbao.plugins.authoring.variants.pools import (
    BRAND_PINYIN,
    BRANDS,
    FREE_MAIL,
    GIVEN,
    HUNAN,
    INDUSTRIES,
    OTHER,
    PINYIN,
    SENTENCES,
    SUFFIXES,
    SURNAMES,
    TLDS,
    TRADES,
    WUHAN,
    Region,
)

T = TypeVar("T")
FULLWIDTH = str.maketrans("0123456789.,-:", "０１２３４５６７８９．，－：")
CN_DIGITS = "〇一二三四五六七八九"

_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=False))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_valid(code: str) -> bool:
    return len(code) == 18 and all(c in _USCC_CHARS for c in code) and uscc_check_char(code[:17]) == code[17]


def cn_numeral_date(d: date) -> str:
    """二〇二二年三月十一日: the year digit by digit, month and day as numbers (十一, 二十)."""

    def num(n: int) -> str:
        tens, ones = divmod(n, 10)
        if not tens:
            return CN_DIGITS[ones]
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")

    year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{num(d.month)}月{num(d.day)}日"


class Values:
    """Seeded value factory. ``rng`` drives every random choice, so a seed gives one document set;
    ``classes`` are the document's variation classes that change how values are printed."""

    def __init__(self, rng: random.Random, classes: frozenset[str] = frozenset()) -> None:
        self.rng = rng
        self.classes = classes

    # -- basics
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq: Sequence[T]) -> T:
        return self.rng.choice(seq)

    def person(self) -> str:
        n = self.rng.choice((1, 2, 2))
        return self.pick(SURNAMES) + "".join(self.pick(GIVEN) for _ in range(n))

    def brand(self) -> str:
        return self.pick(BRANDS)

    def company(self, city: str = "", brand: str | None = None) -> str:
        brand = brand or self.brand()
        prefix = city.removesuffix("市") if city and self.chance(0.6) else ""
        trade = self.pick(TRADES)
        suffixes = [x for x in SUFFIXES if not (x.startswith("科技") and trade.endswith(("科技", "技术")))]
        return prefix + brand + trade + self.pick(suffixes)

    def region(self, kind: str) -> Region:
        if kind == "wuhan":
            return WUHAN
        if kind == "hunan":
            return self.pick(HUNAN)
        return self.pick([*OTHER, WUHAN, *HUNAN])

    def address(self, reg: Region, district: str) -> str:
        road = self.pick(reg.roads)
        num = self.rng.randint(1, 999)
        tail = self.pick(
            [
                "",
                "",
                f"{self.rng.randint(1, 12)}栋",
                f"{self.pick('ABCDE')}座{self.rng.randint(1, 25)}楼",
                f"{self.rng.randint(1, 9)}号楼{self.rng.randint(101, 2999)}室",
            ]
        )
        head = (reg.province + reg.city) if self.chance(0.7) else reg.city
        return f"{head}{district}{road}{num}号{tail}"

    def org_code(self, division: str, valid: bool = True, org_type: str = "91") -> str:
        mid = "".join(self.pick(_USCC_CHARS) for _ in range(9))
        if self.chance(0.6):
            mid = "MA" + mid[2:]
        body = org_type + division + mid
        check = uscc_check_char(body)
        if not valid:
            check = self.pick([c for c in _USCC_CHARS if c != check])
        return body + check

    def spaced_code(self, code: str) -> str:
        """Now and then a credit code typed in groups: 9142 0100 MA4K 2L3X 5Q."""
        if self.chance(0.04):
            return " ".join(code[i : i + 4] for i in range(0, 18, 4))
        return code

    def mobile(self) -> tuple[str, str]:
        digits = self.pick(["13", "15", "17", "18", "19"]) + "".join(self.pick("0123456789") for _ in range(9))
        if self.chance(0.1):
            return self._digits(f"{digits[:3]} {digits[3:7]} {digits[7:]}"), digits
        return self._digits(digits), digits

    def landline(self, area: str) -> tuple[str, str]:
        n = 8 if len(area) <= 3 else self.pick([7, 8])
        local = self.pick("2345678") + "".join(self.pick("0123456789") for _ in range(n - 1))
        v = f"{area}-{local}"
        return self._digits(v), v

    def email(self, person: str, brand: str) -> tuple[str, str]:
        local = "".join(PINYIN.get(ch, "") for ch in person) or "".join(
            self.pick("abcdefghjkmnpqrstwxyz") for _ in range(self.rng.randint(4, 8))
        )
        if self.chance(0.5):
            local += str(self.rng.randint(1, 99))
        if self.chance(0.25):
            dom = self.pick(FREE_MAIL)
            if dom == "qq.com":
                local = str(self.rng.randint(10000000, 999999999))
        else:
            dom = BRAND_PINYIN.get(brand, "corp") + self.pick(["", "tech", "cloud", "soft"]) + "." + self.pick(TLDS)
        v = f"{local}@{dom}"
        printed = v.upper() if self.chance(0.03) else (v[0].upper() + v[1:] if self.chance(0.05) else v)
        return printed, v

    # -- dates
    def rand_date(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, (end - start).days))

    def fmt_date(self, d: date, style: str | None = None, signature: bool = False) -> str:
        """A date as typed. ``signature``: the date under a signature or seal, where applicants
        with ``date_forms`` often write it in Chinese numerals."""
        wild = "date_forms" in self.classes
        if wild and self.chance(0.8):  # the applicant's own habit wins over the form's example
            if signature and self.chance(0.6):
                return cn_numeral_date(d)
            style = self.pick(["slash", "cn0", "fwiso", "dot0"])
        elif style is None:
            style = self.pick(["cn", "cn", "iso", "iso", "dot"])
        text = {
            "cn": f"{d.year}年{d.month}月{d.day}日",
            "cn0": f"{d.year}年{d.month:02d}月{d.day:02d}日",
            "cnsp": f"{d.year} 年 {d.month} 月 {d.day} 日",
            "iso": d.isoformat(),
            "fwiso": d.isoformat().replace("-", "－"),
            "dot": f"{d.year}.{d.month}.{d.day}",
            "dot0": f"{d.year}.{d.month:02d}.{d.day:02d}",
            "slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
        }[style]
        return self._digits(text)

    def date_value(
        self, start: date, end: date, style: str | None = None, month_rate: float = 0.0
    ) -> tuple[str, str, date]:
        """(printed, ISO truth, date); with month_rate, a month-only value ("2020年4月" -> "2020-04")."""
        d = self.rand_date(start, end)
        if month_rate and self.chance(month_rate):
            printed, iso = self.month(d.year, d.month)
            return printed, iso, d
        return self.fmt_date(d, style), d.isoformat(), d

    def month(self, y: int, m: int) -> tuple[str, str]:
        styles = ["cn", "cn0", "iso", "dot"] + (["slash", "cn0"] if "date_forms" in self.classes else [])
        style = self.pick(styles)
        printed = {
            "cn": f"{y}年{m}月",
            "cn0": f"{y}年{m:02d}月",
            "iso": f"{y}-{m:02d}",
            "dot": f"{y}.{m}",
            "slash": f"{y}/{m:02d}",
        }[style]
        return self._digits(printed), f"{y}-{m:02d}"

    # -- numbers
    def _digits(self, s: str) -> str:
        """Full-width digits and punctuation for applicants of class ``fullwidth_digits``."""
        if "fullwidth_digits" in self.classes and self.chance(0.7):
            return s.translate(FULLWIDTH)
        return s

    def round_count(self, n: int) -> int:
        """With ``money_units``, large counts are often round (they get printed as 660万 / 13.5亿)."""
        if "money_units" in self.classes and n >= 100_000 and self.chance(0.5):
            digits = len(str(n)) - self.pick([2, 3])
            return int(round(n, -digits))
        return n

    def fmt_int(self, n: int, unit: str = "", unit_rate: float = 0.0) -> str:
        if "money_units" in self.classes and n >= 10_000 and self.chance(0.7):
            scaled = _scaled(n)
            if scaled:
                return self._digits(scaled) + (unit if unit and self.chance(unit_rate) else "")
        s = f"{n:,}" if (n >= 1000 and self.chance(0.45)) else str(n)
        s = self._digits(s)
        if unit and self.chance(unit_rate):
            s += self.pick(["", " "]) + unit
        return s

    def fmt_money(self, wan: float, unit_rate: float = 0.35, yuan_rate: float = 0.0) -> str:
        """A 万元 amount as typed: 3560.25 / 3,560.25 / 3560.25万元; with ``money_units`` also
        35,602,500元 (in 元 under a 万元 label) or 1.3700010亿元."""
        if "money_units" in self.classes:
            yuan_rate = max(yuan_rate, 0.5)
            if wan >= 10_000 and self.chance(0.15):
                yi = f"{wan / 10000:.6f}".rstrip("0").rstrip(".")
                return self._digits(yi) + self.pick(["亿元", "亿元", "亿"])
        if yuan_rate and self.chance(yuan_rate):
            yuan = round(wan * 10000)
            return self._digits(f"{yuan:,}" if self.chance(0.7) else str(yuan)) + "元"
        s = f"{wan:,.2f}" if (wan >= 1000 and self.chance(0.45)) else f"{wan:.2f}"
        if self.chance(0.15) and s.endswith("0"):
            s = s.rstrip("0").rstrip(".")  # 182.50 -> 182.5, 100.00 -> 100
        s = self._digits(s)
        if self.chance(unit_rate):
            s += self.pick(["万元", "万元", " 万元"])
        return s

    def money(self, lo: float, hi: float) -> float:
        return round(self.rng.uniform(lo, hi), 2)

    def fmt_percent(self, v: float, pct_rate: float = 0.7) -> str:
        """Print a percentage without losing precision: 20.1 / 20.10 / 20.1% / 20.1％."""
        s = f"{v:.2f}".rstrip("0").rstrip(".")
        if "." in s and len(s.split(".")[1]) == 1 and self.chance(0.2):
            s += "0"
        elif "." not in s and self.chance(0.3):
            s += ".0"
        s = self._digits(s)
        if self.chance(pct_rate):
            s += self.pick(["%", "%", "%", "％"])
        return s

    # -- text
    def sentence(self) -> str:
        s = self.pick(SENTENCES)
        return s.format(
            p=self.rng.randint(5, 40),
            q=self.rng.randint(2, 30),
            n=self.rng.randint(10, 90),
            i1=self.pick(INDUSTRIES),
            i2=self.pick(INDUSTRIES),
        )

    def longtext(self, lo: int = 1, hi: int = 4) -> str:
        n = self.rng.randint(lo, hi)
        out: list[str] = []
        while len(out) < n:
            s = self.sentence()
            if s not in out:
                out.append(s)
        return "".join(out)

    def split(self, total: int, k: int) -> list[int]:
        if total < k:
            return [total] + [0] * (k - 1)
        cuts = sorted(self.rng.sample(range(1, total), k - 1))
        return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=False)]


def _scaled(n: int) -> str | None:
    """660万 / 13.5亿 / 1.85万 for a round count (at most two decimals, as people write them),
    or None when the count is not that round."""
    for factor, unit in ((100_000_000, "亿"), (10_000, "万")):
        if n >= factor and n % (factor // 100) == 0:
            text = f"{n / factor:.2f}".rstrip("0").rstrip(".")
            if round(float(text) * factor) == n:
                return text + unit
    return None
