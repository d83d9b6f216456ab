"""Turning text into the tokens both backends index and query.

Folding comes from ``procedures_pages.text.fold`` (the project's one folding function).
Tokens are runs of letters and digits only, so that "1.000080" becomes "1 000080" for
SQLite's unicode61 tokenizer, PostgreSQL's parser and Elasticsearch alike, and so that the
query is cut exactly as the index was.
"""

import re

from procedures_pages.text import fold, normalize

_TOKEN = re.compile(r"[^\W_]+")
# Bounds the SQL a single query builds; a longer query is a paste, not a search.
MAX_QUERY_WORDS = 12
MAX_QUERY_LENGTH = 200


def accented_tokens(text: str) -> list[str]:
    """Lowercased NFC tokens with their diacritics (the accent-exact key)."""
    return _TOKEN.findall(normalize(text).lower())


def folded_tokens(text: str) -> list[str]:
    """Tokens without diacritics (the diacritic-insensitive key)."""
    return _TOKEN.findall(fold(text))


def padded(tokens: list[str]) -> str:
    """Tokens joined and wrapped in spaces so that `' word '` finds whole tokens only."""
    return f" {' '.join(tokens)} " if tokens else " "


class ParsedQuery:
    """A user's query cut into words; each word may hold several tokens ("1.000080")."""

    def __init__(self, text: str, *, prefix_last: bool = False):
        text = normalize(text or "")[:MAX_QUERY_LENGTH]
        self.text = text
        self.prefix_last = prefix_last
        words = [w for w in text.split(" ") if _TOKEN.search(w)][:MAX_QUERY_WORDS]
        # (folded tokens, accented tokens) per word.
        self.words: list[tuple[list[str], list[str]]] = [
            (folded_tokens(w), accented_tokens(w)) for w in words
        ]

    def __bool__(self) -> bool:
        return bool(self.words)

    @property
    def folded(self) -> list[str]:
        return [token for folded, _ in self.words for token in folded]

    @property
    def accented(self) -> list[str]:
        return [token for _, accented in self.words for token in accented]
