import pytest
from django.core.exceptions import ValidationError

from partners.validators import (
    normalize_orgnr,
    orgnr_is_valid,
    validate_municipality_number,
    validate_orgnr,
)


@pytest.mark.parametrize("orgnr", ["123456785", "964982953", "944183779", "921707134"])
def test_orgnr_valid_examples_pass(orgnr):
    assert orgnr_is_valid(orgnr) is True
    validate_orgnr(orgnr)


def test_orgnr_with_spaces_is_normalised_and_valid():
    assert normalize_orgnr("964 982 953") == "964982953"
    assert orgnr_is_valid("964 982\u00a0953") is True


def test_orgnr_wrong_check_digit_is_rejected_with_checksum_message():
    with pytest.raises(ValidationError) as error:
        validate_orgnr("123456789")
    assert error.value.code == "orgnr_checksum"
    assert "123456789" in error.value.messages[0]


@pytest.mark.parametrize("value", ["12345678", "1234567890", "12345678A", ""])
def test_orgnr_wrong_length_or_letters_is_a_format_error(value):
    with pytest.raises(ValidationError) as error:
        validate_orgnr(value)
    assert error.value.code == "orgnr_format"


def test_orgnr_remainder_one_is_invalid():
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    digits = next(
        f"{n:08d}"
        for n in range(10_000_000, 10_001_000)
        if sum(int(d) * w for d, w in zip(f"{n:08d}", weights, strict=True)) % 11 == 1
    )
    assert all(not orgnr_is_valid(digits + str(check)) for check in range(10))


@pytest.mark.parametrize(
    "value,ok", [("4001", True), ("0301", True), ("401", False), ("40a1", False)]
)
def test_municipality_number_has_four_digits(value, ok):
    if ok:
        validate_municipality_number(value)
    else:
        with pytest.raises(ValidationError):
            validate_municipality_number(value)
