"""Reading a CSV roster without copies of a hostile field (issue 18).

The csv module is given lines one at a time (no StringIO: it would hold the whole
text again, four bytes a character) and a field limit far above any real cell but
far below the file's size; a field over that limit stops the reader, and
:func:`long_field_column` finds which column it is in by scanning just that record.
"""

from __future__ import annotations

from collections.abc import Iterator

PARSE_LIMIT = 256 * 1024  # characters: 64 times the longest cell accepted


class Lines(Iterator[str]):
    """The lines of a text, each a slice made when asked; ``position`` is where the
    next one starts (the start of the next record, between records)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def __next__(self) -> str:
        if self.position >= len(self.text):
            raise StopIteration
        end = self.text.find("\n", self.position)
        end = len(self.text) if end < 0 else end + 1
        line = self.text[self.position : end]
        self.position = end
        return line


def long_field_column(text: str, start: int, delimiter: str, quotechar: str, limit: int) -> int:
    """The index of the first field over ``limit`` characters in the record at ``start``."""
    column, length, quoted = 0, 0, False
    for char in text[start : start + limit * 2 + 2]:  # the field ends before this, or is long
        if char == quotechar:
            quoted = not quoted  # a doubled quote inside quotes toggles twice: no change
            continue
        if not quoted and char == delimiter:
            column, length = column + 1, 0
            continue
        if not quoted and char in "\r\n":
            break
        length += 1
        if length > limit:
            break
    return column
