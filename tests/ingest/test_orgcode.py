"""GB 32100-2015 check character of the 统一社会信用代码."""
from __future__ import annotations

import pytest

from shenbao.ingest.orgcode import check_character, is_valid


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
    changed = {check_character(base[:i] + ("1" if base[i] != "1" else "2") + base[i + 1:]) for i in range(17)}
    assert "6" not in changed
