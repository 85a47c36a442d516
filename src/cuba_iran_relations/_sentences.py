"""The sentence coverage report: every sentence of every source, the records citing it, or why none does."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._models import Source

__all__ = ["SentenceCoverage", "coverage_report", "split_sentences"]

UNCITED_FILE = "uncited.json"

# A sentence ends at ".", "!" or "?" (and a closing quotation mark after it) followed by space and a capital
# letter or an opening quotation mark. Lines (headings, list items) are never joined.
_SENTENCE_END = re.compile(r"[.!?][\"”’]?(?=\s+[\"“A-Z])")


@attrs.frozen
class SentenceCoverage:
    """One sentence of a source: its text and offsets, the ids of records citing it, or why none does."""

    source_id: str
    start: int
    end: int
    text: str
    cited_by: tuple[str, ...]
    reason: str | None

    @property
    def covered(self) -> bool:
        """Whether a record cites the sentence or a reason for leaving it uncited is recorded."""
        return bool(self.cited_by) or self.reason is not None


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` offsets of each sentence in ``text``, line by line, without surrounding space."""
    offset = 0
    for line in text.splitlines(keepends=True):
        cut = 0
        ends = [m.end() for m in _SENTENCE_END.finditer(line)]
        for end in [*ends, len(line)]:
            piece = line[cut:end]
            stripped = piece.strip()
            if stripped:
                start = offset + cut + (len(piece) - len(piece.lstrip()))
                yield start, start + len(stripped)
            cut = end
        offset += len(line)


def _uncited_reasons(source: Source) -> dict[str, str]:
    """The recorded reasons for leaving sentences of ``source`` uncited, by sentence text."""
    if source.root is None or not source.root.joinpath(UNCITED_FILE).is_file():
        return {}
    entries = json.loads(source.root.joinpath(UNCITED_FILE).read_text(encoding="utf-8"))
    return {e["text"]: e["reason"] for e in entries if e["source_id"] == source.id}


def coverage_report(data: Dataset) -> tuple[SentenceCoverage, ...]:
    """Every sentence of every source of ``data``, with the records whose citations overlap it."""
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for record in data:
        for citation in getattr(record, "citations", ()):
            spans.setdefault(citation.source_id, []).append((citation.start, citation.end, record.id))
    report = []
    for source in data.sources():
        reasons = _uncited_reasons(source)
        cited = spans.get(source.id, [])
        text = source.text
        for start, end in split_sentences(text):
            sentence = text[start:end]
            by = tuple(sorted({rid for s, e, rid in cited if s < end and start < e}))
            report.append(SentenceCoverage(source.id, start, end, sentence, by, None if by else reasons.get(sentence)))
    return tuple(report)
