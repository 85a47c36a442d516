"""Nothing left out: every sentence of both sources is cited by a record or listed with its reason."""

from __future__ import annotations

import cuba_iran_relations as cir


def test_every_sentence_of_every_source_is_cited_or_has_a_reason() -> None:
    report = cir.coverage_report()
    uncovered = [(s.source_id, s.text) for s in report if not s.covered]
    assert uncovered == []


def test_both_sources_are_in_the_report() -> None:
    assert {s.source_id for s in cir.coverage_report()} == {src.id for src in cir.sources()}


def test_reasons_are_only_given_for_sentences_no_record_cites() -> None:
    for sentence in cir.coverage_report():
        assert not (sentence.cited_by and sentence.reason), sentence


def test_every_listed_uncited_line_exists_in_its_source() -> None:
    import json
    from importlib.resources import files

    entries = json.loads(files("cuba_iran_relations.data").joinpath("uncited.json").read_text(encoding="utf-8"))
    reported = {(s.source_id, s.text) for s in cir.coverage_report() if s.reason}
    assert {(e["source_id"], e["text"]) for e in entries} == reported
