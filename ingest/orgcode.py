"""统一社会信用代码 (unified social credit code) check character, GB 32100-2015."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str | None:
    """The 18th character for the first 17, or None if they hold a character not allowed."""
    if len(first17) != 17:
        return None
    total = 0
    for ch, weight in zip(first17.upper(), WEIGHTS, strict=False):
        value = ALPHABET.find(ch)
        if value < 0:
            return None
        total += value * weight
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    """True when ``code`` is 18 characters of the code alphabet with the right check character."""
    code = code.upper()
    return len(code) == 18 and check_character(code[:17]) == code[17]


# Letters the code alphabet never uses, and the digit a scan took each of them for.
OCR_LOOKALIKES = {"O": "0", "I": "1", "S": "5", "Z": "2", "V": "U"}


def repair_ocr_misreads(code: str) -> str | None:
    """A code read from a scan with letters the alphabet cannot hold ("MALNOMGM8W": O for 0):
    the code with those letters replaced, when that passes the check character; else None."""
    code = code.upper()
    if is_valid(code) or not any(ch in OCR_LOOKALIKES for ch in code):
        return None
    repaired = "".join(OCR_LOOKALIKES.get(ch, ch) for ch in code)
    return repaired if is_valid(repaired) else None
