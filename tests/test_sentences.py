"""The sentence coverage report (``cir.coverage_report``): nothing of the sources is left out. Every sentence of
every source is cited by a record or listed with its reason, and the report's sentences are the sources' texts.
"""

from __future__ import annotations

import json
import re
from importlib.resources import files
from pathlib import Path

import pytest

import cuba_iran_relations as cir


def test_every_sentence_of_every_source_is_cited_or_has_a_reason() -> None:
    report = cir.coverage_report()
    uncovered = [(s.source_id, s.text) for s in report if not s.covered]
    assert uncovered == []


def test_the_sentences_of_each_source_are_its_text_in_order_leaving_out_only_spaces() -> None:
    report = cir.coverage_report()
    for source in cir.sources():
        sentences = [s for s in report if s.source_id == source.id]
        assert sentences, source.id
        previous_end = 0
        for sentence in sentences:
            assert sentence.text == source.text[sentence.start : sentence.end]
            assert sentence.text == sentence.text.strip() != ""
            assert source.text[previous_end : sentence.start].strip() == "", (previous_end, sentence)
            assert "\n" not in sentence.text  # a line (a heading, a list item) is never joined to the next
            previous_end = sentence.end
        assert source.text[previous_end:].strip() == ""


def test_a_sentence_lists_exactly_the_records_whose_citations_overlap_it() -> None:
    report = cir.coverage_report()
    citations = [(record.id, c) for record in cir.dataset() for c in getattr(record, "citations", ())]
    for sentence in report:
        overlapping = {
            record_id
            for record_id, c in citations
            if c.source_id == sentence.source_id and c.start < sentence.end and sentence.start < c.end
        }
        assert set(sentence.cited_by) == overlapping, sentence
        assert list(sentence.cited_by) == sorted(sentence.cited_by)
    cited = {record_id for sentence in report for record_id in sentence.cited_by}
    assert cited == {record_id for record_id, _ in citations}


def test_reasons_are_only_given_for_sentences_no_record_cites() -> None:
    for sentence in cir.coverage_report():
        assert not (sentence.cited_by and sentence.reason), sentence


def test_every_listed_uncited_line_is_a_sentence_of_its_source_given_its_reason() -> None:
    entries = json.loads(files("cuba_iran_relations.data").joinpath("uncited.json").read_text(encoding="utf-8"))
    reported = {(s.source_id, s.text, s.reason) for s in cir.coverage_report() if s.reason}
    assert {(e["source_id"], e["text"], e["reason"]) for e in entries} == reported


def test_a_loaded_folder_is_reported_with_its_own_list_of_uncited_lines(folder: Path) -> None:
    data = cir.load(folder)
    assert cir.coverage_report(data) == data.coverage_report() == cir.coverage_report()
    (folder / "uncited.json").unlink()
    without_reasons = cir.load(folder).coverage_report()
    assert [s.reason for s in without_reasons] == [None] * len(without_reasons)
    uncovered = {(s.source_id, s.text) for s in without_reasons if not s.covered}
    assert uncovered == {(s.source_id, s.text) for s in cir.coverage_report() if s.reason}


@pytest.mark.parametrize("data", ["bundled", 0, cir.events()])
def test_coverage_report_refuses_what_is_not_a_dataset(data: object) -> None:
    with pytest.raises(TypeError, match=re.escape(f"data: got {type(data).__name__}")):
        cir.coverage_report(data)  # type: ignore[arg-type]
