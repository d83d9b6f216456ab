"""Vietnamese wording of dates, numbers and amounts on official documents.

Rules from NĐ 30/2020/NĐ-CP appendix I (DOMAIN.md §7): a document number under 10 takes a
leading zero; in the place-and-date line the day below 10 and the months January and
February are written with two digits ("ngày 05 tháng 02"), other months with one
("tháng 3"), so that a handwritten digit cannot be added later.
"""

import datetime

from django.utils.translation import gettext as _

from procedures_pages.text import format_dong

__all__ = [
    "amount_in_words",
    "document_number",
    "format_dong",
    "format_number",
    "place_and_date",
]


def day_month_year(date: datetime.date) -> tuple[str, str, str]:
    """The day, month and year as NĐ 30/2020 writes them (05, 02, 3, 12, 2026)."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return day, month, str(date.year)


def place_and_date(place: str, date: datetime.date) -> str:
    """ "Hưng Yên, ngày 05 tháng 3 năm 2026"; without a place, the date part alone."""
    day, month, year = day_month_year(date)
    text = _("ngày %(day)s tháng %(month)s năm %(year)s") % {
        "day": day,
        "month": month,
        "year": year,
    }
    return f"{place}, {text}" if place else text[:1].upper() + text[1:]


def format_number(number: int) -> str:
    """A document's running number: at least two digits (05, 12, 123)."""
    if number < 1:
        raise ValueError("Document numbers start at 1.")
    return f"{number:02d}"


def document_number(number: int | None, symbol: str) -> str:
    """ "Số: 05/TB-TTPVHCC"; an unnumbered document keeps a blank for the clerk."""
    value = format_number(number) if number is not None else "……"
    if symbol:
        return _("Số: %(number)s/%(symbol)s") % {"number": value, "symbol": symbol}
    return _("Số: %(number)s") % {"number": value}


# --- Amounts in words -----------------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION = 1_000_000_000


def _read_group(number: int, *, full: bool) -> list[str]:
    """Words for 0–999. ``full`` means a higher group precedes, so a missing hundred is
    read ("không trăm") and a missing ten becomes "linh": 1.005 → một nghìn không trăm
    linh năm."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _read_below_billion(number: int, *, full: bool) -> list[str]:
    words: list[str] = []
    groups = ((number // 1_000_000, "triệu"), (number // 1000 % 1000, "nghìn"), (number % 1000, ""))
    for value, unit in groups:
        if not value:
            continue
        words += _read_group(value, full=full or bool(words))
        if unit:
            words.append(unit)
    return words


def _read(number: int, *, full: bool = False) -> list[str]:
    if number >= _BILLION:
        high, low = divmod(number, _BILLION)
        words = [*_read(high, full=full), "tỷ"]
        if low:
            words += _read_below_billion(low, full=True)
        return words
    return _read_below_billion(number, full=full)


def amount_in_words(amount: int, *, currency: str = "đồng") -> str:
    """1500000 → "Một triệu năm trăm nghìn đồng", as written on receipts and fee slips.

    Reading rules: "linh" for a zero ten after a hundred (một trăm linh năm), "mười" for
    ten and "mươi" for twenty and up, "mốt" for a one after twenty and up, "lăm" for a five
    after ten and up, empty thousand groups skipped (một triệu năm trăm), a group after a
    higher one read in full (một nghìn không trăm linh năm), thousands of billions read
    as "nghìn tỷ".
    """
    if amount < 0:
        raise ValueError("Amounts are not negative.")
    words = _read(amount) if amount else [_DIGITS[0]]
    text = " ".join([*words, currency]) if currency else " ".join(words)
    return text[:1].upper() + text[1:]
