"""The sentence coverage report: every sentence of every source, the records citing it, or why none does."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["SentenceCoverage", "coverage_problems", "coverage_report", "split_sentences"]

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


def coverage_report(data: Dataset) -> tuple[SentenceCoverage, ...]:
    """Every sentence of every source of ``data``, with the records whose citations overlap it, or the reason
    ``data.uncited()`` records for leaving it uncited.

    One sweep over each source's sentences and citations, both in order of their start: a citation that ended
    before a sentence began cannot meet a later one, so each is looked at once per sentence it overlaps.
    """
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for record in data:
        for citation in getattr(record, "citations", ()):
            spans.setdefault(citation.source_id, []).append((citation.start, citation.end, record.id))
    reasons = {(line.source_id, line.text): line.reason for line in data.uncited()}
    report = []
    for source in data.sources():
        cited = sorted(spans.get(source.id, []))
        text = source.text
        active: list[tuple[int, str]] = []  # (end, record id) of the citations begun so far, earliest end first
        taken = 0
        for start, end in split_sentences(text):
            while taken < len(cited) and cited[taken][0] < end:
                heapq.heappush(active, (cited[taken][1], cited[taken][2]))
                taken += 1
            while active and active[0][0] <= start:
                heapq.heappop(active)
            by = tuple(sorted({record_id for citation_end, record_id in active if citation_end > start}))
            sentence = text[start:end]
            reason = None if by else reasons.get((source.id, sentence))
            report.append(SentenceCoverage(source.id, start, end, sentence, by, reason))
    return tuple(report)


def coverage_problems(data: Dataset) -> Iterator[str]:
    """What ``check`` reports of sentence coverage, each as ``file: $.json.path: message``: a sentence neither
    cited nor given a reason, and an ``uncited.json`` entry naming no sentence of its source, or one a record
    cites (it needs no reason)."""
    report = coverage_report(data)
    for line in report:
        if not line.covered:
            yield (
                f"uncited.json: $: {line.source_id} [{line.start}:{line.end}] {line.text!r} is cited by no record "
                "and has no reason to be left uncited"
            )
    sentences = {(line.source_id, line.text): line for line in report}
    for index, entry in enumerate(data.uncited()):
        found = sentences.get((entry.source_id, entry.text))
        if found is None:
            yield f"uncited.json: $[{index}].text: {entry.text!r} is not a sentence or line of {entry.source_id}"
        elif found.cited_by:
            yield f"uncited.json: $[{index}].text: {entry.text!r} is cited by {', '.join(found.cited_by)}; it needs no reason"
