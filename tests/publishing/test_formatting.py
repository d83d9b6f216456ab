"""Vietnamese wording of dates, document numbers and amounts (NĐ 30/2020; reading rules)."""

import datetime

import pytest

from publishing.formatting import (
    amount_in_words,
    document_number,
    format_dong,
    place_and_date,
)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2026, 3, 5), "Hưng Yên, ngày 05 tháng 3 năm 2026"),
        (datetime.date(2026, 2, 5), "Hưng Yên, ngày 05 tháng 02 năm 2026"),
        (datetime.date(2026, 1, 9), "Hưng Yên, ngày 09 tháng 01 năm 2026"),
        (datetime.date(2026, 12, 25), "Hưng Yên, ngày 25 tháng 12 năm 2026"),
        (datetime.date(2026, 10, 10), "Hưng Yên, ngày 10 tháng 10 năm 2026"),
    ],
)
def test_place_and_date_pads_day_and_first_two_months(date, expected):
    assert place_and_date("Hưng Yên", date) == expected


def test_date_without_place_is_capitalised():
    assert place_and_date("", datetime.date(2020, 3, 5)) == "Ngày 05 tháng 3 năm 2020"


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (5, "TB-TTPVHCC", "Số: 05/TB-TTPVHCC"),
        (1, "QĐ-UBND", "Số: 01/QĐ-UBND"),
        (10, "QĐ-UBND", "Số: 10/QĐ-UBND"),
        (123, "QĐ-UBND", "Số: 123/QĐ-UBND"),
        (7, "", "Số: 07"),
        (None, "TB-STP", "Số: ……/TB-STP"),
    ],
)
def test_document_number(number, symbol, expected):
    assert document_number(number, symbol) == expected


def test_document_numbers_start_at_one():
    with pytest.raises(ValueError):
        document_number(0, "QĐ-UBND")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (0, "Không đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi bốn đồng"),
        (25, "Hai mươi lăm đồng"),
        (101, "Một trăm linh một đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (115, "Một trăm mười lăm đồng"),
        (151, "Một trăm năm mươi mốt đồng"),
        (1_000, "Một nghìn đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (1_050, "Một nghìn không trăm năm mươi đồng"),
        (10_000, "Mười nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (50_000, "Năm mươi nghìn đồng"),
        (100_000, "Một trăm nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (1_000_500, "Một triệu năm trăm đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_035_000, "Hai triệu không trăm ba mươi lăm nghìn đồng"),
        (12_345_678, "Mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_000_000_005, "Một tỷ không trăm linh năm đồng"),
        (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (
            1_234_567_891_011,
            "Một nghìn hai trăm ba mươi bốn tỷ năm trăm sáu mươi bảy triệu "
            "tám trăm chín mươi mốt nghìn không trăm mười một đồng",
        ),
    ],
)
def test_amount_in_words(amount, expected):
    assert amount_in_words(amount) == expected


def test_amount_in_words_refuses_negative_amounts():
    with pytest.raises(ValueError):
        amount_in_words(-1)


def test_format_dong_is_the_catalogue_one():
    assert format_dong(1_500_000) == "1.500.000 đồng"
