"""GB 32100-2015 check character of the 统一社会信用代码."""

from __future__ import annotations

import pytest

from shenbao.ingest.orgcode import check_character, is_valid, repair_ocr_misreads


@pytest.mark.parametrize("code", ["915001121019854195", "91420117MAGMACGL76", "91430104MAFNBBDLXF"])
def test_valid_codes(code: str) -> None:
    assert is_valid(code)
    assert is_valid(code.lower())


@pytest.mark.parametrize("code", ["91420113MAU4NPTG41", "915001121019854196", "9142011", "91420117MAGMACGLI6"])
def test_invalid_codes(code: str) -> None:
    assert not is_valid(code)


def test_check_character_of_every_position_matters() -> None:
    base = "91420117MAGMACGL7"
    assert check_character(base) == "6"
    changed = {check_character(base[:i] + ("1" if base[i] != "1" else "2") + base[i + 1 :]) for i in range(17)}
    assert "6" not in changed


@pytest.mark.parametrize(
    ("read", "code"),
    [
        ("9142O117MAGMACGL76", "91420117MAGMACGL76"),  # O for 0
        ("9I420117MAGMACGL76", "91420117MAGMACGL76"),  # I for 1
        ("91S001121019854195", "915001121019854195"),  # S for 5
        ("914Z0117MAGMACGL76", "91420117MAGMACGL76"),  # Z for 2
        ("91420113MAV4NPTG4C", "91420113MAU4NPTG4C"),  # V for U
        ("9I5OO1121O19854I95", "915001121019854195"),  # several at once
        ("9142o117magmacgl76", "91420117MAGMACGL76"),  # lower case as read
    ],
)
def test_ocr_misreads_repaired_when_the_check_character_agrees(read: str, code: str) -> None:
    assert not is_valid(read)
    assert repair_ocr_misreads(read) == code


@pytest.mark.parametrize(
    "read",
    [
        "91420117MAGMACGL76",  # already valid: nothing to repair
        "91420113MAU4NPTG41",  # wrong check character, but no impossible letter to blame
        "91420117MAGMACGLO6",  # O for 0 does not give the check character: a different misread
        "9142O117",  # too short
    ],
)
def test_no_repair(read: str) -> None:
    assert repair_ocr_misreads(read) is None
