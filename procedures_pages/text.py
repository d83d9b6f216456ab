"""Vietnamese text helpers shared by the catalogue, the importer and search.

Folding is the one place where "Đăng ký", "dang ky" and an NFD-encoded "Đăng ký" from a
phone become the same key. It deliberately merges different words (đường / dương), so
callers that rank results keep the accented text as well.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC-normalise, turn non-breaking and repeated spaces into one space, strip."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lowercase, strip diacritics, map đ→d: the key for diacritic-insensitive matching."""
    text = normalize(text).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def format_dong(amount: int) -> str:
    """1500000 → "1.500.000 đồng" (Vietnamese thousands separator is a dot)."""
    return f"{amount:,}".replace(",", ".") + " đồng"
