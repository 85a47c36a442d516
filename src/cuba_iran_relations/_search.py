"""Search: the records whose words hold all the words of a query, case- and accent-insensitive.

A record's words are those of its own text (summaries, statements' words, titles, names, aliases and the
rest of its free text) and of its citations' quotes. Words are folded as the vocabularies fold terms (accents
dropped, case folded) and split at anything that is not a letter or a digit, so "Díaz-Canel", "diaz canel" and
"DIAZ CANEL" are the same two words. The index maps each word to the records having it, and is built on the first
search of a dataset.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ._attributes import data_attributes
from ._models import Record, chronological_key, free_text

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["SearchIndex", "record_words", "words"]

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of ``text``, accents dropped and case folded: "Díaz-Canel" is ``["diaz", "canel"]``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return _WORD.findall("".join(c for c in decomposed if not unicodedata.combining(c)).casefold())


def own_texts(record: object) -> Iterator[str]:
    """The record's own free text: every text attribute (``free_text``) and the text of its nested parts."""
    record_type: type = type(record)
    for attribute in data_attributes(record_type):
        value = getattr(record, attribute.name)
        if free_text(attribute):
            if isinstance(value, str):
                yield value
            elif isinstance(value, tuple):
                yield from value
        elif attribute.name != "citations" and isinstance(value, tuple):
            for part in value:
                if attrs.has(type(part)):
                    yield from own_texts(part)


def record_words(record: Record) -> tuple[set[str], set[str]]:
    """The words of a record's own text, and those of its citations' quotes."""
    own = {word for text in own_texts(record) for word in words(text)}
    quoted = {word for citation in getattr(record, "citations", ()) for word in words(citation.quote)}
    return own, quoted


class SearchIndex:
    """Each word mapped to the positions of the records having it in their own text, and in a quote."""

    __slots__ = ("_own", "_quoted", "_records")

    def __init__(self, records: Iterable[Record]) -> None:
        self._records = tuple(records)
        self._own: dict[str, set[int]] = {}
        self._quoted: dict[str, set[int]] = {}
        for position, record in enumerate(self._records):
            own, quoted = record_words(record)
            for word in own:
                self._own.setdefault(word, set()).add(position)
            for word in quoted:
                self._quoted.setdefault(word, set()).add(position)

    def search(self, text: str) -> list[Record]:
        """The records holding every word of ``text``: those with all of them in their own text first, then the
        others, each group chronologically (undated last), then by id."""
        wanted = words(text)
        own = set.intersection(*(self._own.get(word, set()) for word in wanted))
        anywhere = set.intersection(*(self._own.get(word, set()) | self._quoted.get(word, set()) for word in wanted))
        records = self._records
        first = sorted((records[p] for p in own), key=chronological_key)
        then = sorted((records[p] for p in anywhere - own), key=chronological_key)
        return first + then
