"""The fast path of vocabulary lookups gives what the general path gives.

Queries look a word up first in a table of its common spellings (values, names and aliases as written, in lower
case, with spaces for underscores), and only then fold it (case, accents, spaces, hyphens and underscores do not
matter). The table must always agree with folding, and every spelling of a field, taken by either path, must find
exactly the agreements of its member.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import cuba_iran_relations as cir
from cuba_iran_relations import Agreement, AgreementKind, Citation, Dataset, Field, PartialDate

# The table of common spellings and the folding are private: no public function lists which spellings skip
# folding, and it is every one of them that must agree.
from cuba_iran_relations._vocab import _lookup_tables, normalize_term

VOCABULARIES = [Field, cir.EventKind, cir.FactTopic, AgreementKind, cir.FigureKind, cir.RelationsStatus]

# One agreement per field, so that the agreements a spelling finds name the member it was read as.
AGREEMENT_OF = {
    field: Agreement(
        id=f"agreement:{field.value.replace('_', '-')}",
        kind=AgreementKind.AGREEMENT,
        title=field.value,
        fields=frozenset({field}),
        signed=PartialDate("2006"),
        parties=(),
        citations=(Citation(source_id="source:s", quote="q", start=0, end=1),),
    )
    for field in Field
}
ONE_PER_FIELD = Dataset(agreements=AGREEMENT_OF.values())
# Every word that names a field: its value, its name and the sources' words for it.
WORDS = {word: field for field in Field for word in (field.value, field.name, *Field.aliases().get(field.value, ()))}


def _fullwidth(char: str) -> str:
    """The fullwidth form of an ASCII letter, which Unicode compatibility folding turns back into it."""
    return chr(ord(char) + 0xFEE0) if char.isascii() and char.isalpha() else char


@st.composite
def spellings_of(draw: st.DrawFn, word: str) -> str:
    """A way of writing ``word``: as the table holds it, or recased, accented, fullwidth, with other separators."""
    if draw(st.booleans()):
        return draw(st.sampled_from([word, word.lower(), word.replace("_", " ")]))
    parts = []
    for part in re.split(r"[ _-]+", word):
        chars = []
        for char in part:
            written = draw(st.sampled_from([char.lower(), char.upper(), _fullwidth(char)]))
            chars.append(written + draw(st.sampled_from(["", "", "", "\u0301"])))  # a combining acute accent
        parts.append("".join(chars))
    separators = st.sampled_from([" ", "-", "_", "  ", " - ", "\t", "_-_"])
    joined = parts[0] + "".join(draw(separators) + part for part in parts[1:])
    padding = st.sampled_from(["", " ", "\n "])
    return draw(padding) + joined + draw(padding)


@given(data=st.data())
def test_every_spelling_of_a_field_finds_what_its_member_finds_and_the_table_agrees_with_folding(
    data: st.DataObject,
) -> None:
    for vocabulary in VOCABULARIES:
        exact, folded = _lookup_tables(vocabulary)
        for spelling, member in exact.items():
            assert folded[normalize_term(spelling)] is member, (vocabulary, spelling)
    spellings = dict(_lookup_tables(Field)[0])
    words = data.draw(st.lists(st.sampled_from(sorted(WORDS)), min_size=1, max_size=10, unique=True), label="words")
    spellings.update({data.draw(spellings_of(word), label=word): WORDS[word] for word in words})
    for spelling, field in spellings.items():
        assert ONE_PER_FIELD.agreements_by_field(spelling) == (AGREEMENT_OF[field],), spelling
        assert cir.agreements_by_field(spelling) == cir.agreements_by_field(field), spelling
