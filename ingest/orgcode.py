"""统一社会信用代码 (unified social credit code) check character, GB 32100-2015."""
from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str | None:
    """The 18th character for the first 17, or None if they hold a character not allowed."""
    if len(first17) != 17:
        return None
    total = 0
    for ch, weight in zip(first17.upper(), WEIGHTS):
        value = ALPHABET.find(ch)
        if value < 0:
            return None
        total += value * weight
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    """True when ``code`` is 18 characters of the code alphabet with the right check character."""
    code = code.upper()
    return len(code) == 18 and check_character(code[:17]) == code[17]
