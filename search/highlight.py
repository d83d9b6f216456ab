"""Marks the words of a query in accented text, matching them folded.

The folded text is built character by character so each folded position maps back to the
original: Vietnamese precomposed letters fold to exactly one letter, combining marks to none.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from procedures_pages.text import fold, normalize


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    folded, positions = [], []
    for index, char in enumerate(text):
        for out in fold(char) if not char.isspace() else " ":
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


def _spans(text: str, tokens: list[str], prefix_last: bool = False) -> list[tuple[int, int]]:
    if not tokens:
        return []
    folded, positions = _folded_with_positions(text)
    parts = [
        re.escape(t) + r"\w*" if prefix_last and i == len(tokens) - 1 else re.escape(t)
        for i, t in enumerate(tokens)
    ]
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])")
    spans = []
    for match in pattern.finditer(folded):
        if match.end() > match.start():
            spans.append((positions[match.start()], positions[match.end() - 1] + 1))
    return spans


def _render(text: str, spans: list[tuple[int, int]]) -> SafeString:
    out, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def highlight(text: str, tokens: list[str], *, prefix_last: bool = False) -> SafeString:
    text = normalize(text)
    return _render(text, _spans(text, tokens, prefix_last))


def snippet(text: str, tokens: list[str], *, length: int = 220) -> SafeString:
    """About ``length`` characters around the first match (or the start), marked."""
    text = normalize(text)
    spans = _spans(text, tokens)
    start = 0
    if spans:
        start = max(0, spans[0][0] - length // 4)
        # Start on a word boundary so the excerpt does not open mid-word.
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = text[start:end]
    shifted = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    html = _render(excerpt, shifted)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + html + escape(suffix))  # noqa: S308
