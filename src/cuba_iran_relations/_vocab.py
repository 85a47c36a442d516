"""Controlled vocabularies: cooperation fields (with the sources' own words as aliases), kinds and statuses."""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = [
    "AgreementKind",
    "EventKind",
    "FactTopic",
    "Field",
    "FigureKind",
    "RelationsStatus",
    "normalize_term",
    "parse_term",
    "spelled_as_written",
]


def normalize_term(text: str) -> str:
    """Fold a term for matching: case, accents, and spaces/hyphens/underscores do not matter."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "_".join(stripped.casefold().replace("-", " ").replace("_", " ").split())


class _Vocabulary(enum.Enum):
    """An enum whose members are looked up by value, name or alias, folded by :func:`normalize_term`."""

    @classmethod
    def aliases(cls) -> dict[str, tuple[str, ...]]:
        """Each member's value mapped to the other words that mean it (the sources' own, first)."""
        return {}

    def __str__(self) -> str:
        return str(self.value)


V = TypeVar("V", bound=_Vocabulary)


def parse_term(vocabulary: type[V], value: object, argument: str, *, aliases: bool = True) -> V:
    """Return the member of ``vocabulary`` that ``value`` names: a member, or a string giving its value, name or
    alias, folded by :func:`normalize_term`. With ``aliases=False`` (the data files), only a member's exact value.

    Raises ``TypeError`` if ``value`` is neither a member nor a string, ``ValueError`` if it names none; each
    message names ``argument`` (if given), the value and the accepted values.
    """
    if isinstance(value, vocabulary):
        return value
    if isinstance(value, str):
        if aliases:
            exact, folded = _LOOKUPS.get(vocabulary) or _lookup_tables(vocabulary)
            member = exact.get(value) or folded.get(normalize_term(value))
        else:
            member = vocabulary._value2member_map_.get(value)  # type: ignore[assignment]
        if member is not None:
            return member  # type: ignore[return-value]
    # The messages are built only here: a query spends nothing on them.
    named = f"{argument}: " if argument else ""
    if not isinstance(value, str):
        raise TypeError(
            f"{named}got {type(value).__name__} {value!r:.80}; expected a member of {vocabulary.__name__} or a string"
        )
    accepted = ", ".join(repr(m.value) for m in vocabulary)
    also = " (or an alias)" if aliases else ""
    raise ValueError(f"{named}got {value!r:.80}; expected one of {accepted}{also}")


_LOOKUPS: dict[type[_Vocabulary], tuple[dict[str, _Vocabulary], dict[str, _Vocabulary]]] = {}


def _lookup_tables(vocabulary: type[V]) -> tuple[dict[str, V], dict[str, V]]:
    """The members of ``vocabulary`` by the usual spellings of their values, names and aliases (``exact``); and
    by every word folded (``folded``)."""
    tables = _LOOKUPS.get(vocabulary)
    if tables is None:
        aliases = vocabulary.aliases()
        words: dict[str, _Vocabulary] = {
            word: member
            for member in vocabulary
            for word in (member.value, member.name, *aliases.get(member.value, ()))
        }
        folded: dict[str, _Vocabulary] = {normalize_term(word): member for word, member in words.items()}
        tables = _LOOKUPS[vocabulary] = (spelled_as_written(words, folded.__getitem__), folded)
    return tables  # type: ignore[return-value]


T = TypeVar("T")


def spelled_as_written(words: Iterable[str], lookup: Callable[[str], T]) -> dict[str, T]:
    """``lookup`` of each usual spelling of ``words`` (as written, in lower case, with spaces for underscores),
    folded by :func:`normalize_term`, keyed by the spelling as written.

    A query spelled as the data spells it is then answered without folding (which costs more than the rest of
    a query), and the answer agrees with folding by construction.
    """
    return {
        spelling: lookup(normalize_term(spelling))
        for word in words
        for spelling in (word, word.lower(), word.replace("_", " "))
    }


class Field(_Vocabulary):
    """A field of cooperation named by the sources."""

    AGRICULTURE = "agriculture"
    BANKING = "banking"
    BIOTECHNOLOGY = "biotechnology"
    COMMERCE = "commerce"
    COMMUNICATIONS = "communications"
    COMPUTER_SERVICES = "computer_services"
    CULTURE = "culture"
    CUSTOMS = "customs"
    DEVELOPMENT_PROJECTS = "development_projects"
    FISHERY = "fishery"
    GOVERNMENT_COOPERATION = "government_cooperation"
    HEALTH = "health"
    INFORMATION_TECHNOLOGY = "information_technology"
    INVESTMENT = "investment"
    POLITICAL_CONSULTATIONS = "political_consultations"
    SPORTS = "sports"
    SUGAR_INDUSTRY = "sugar_industry"
    TELECOMMUNICATIONS = "telecommunications"
    TOURISM = "tourism"
    TRANSPORTATION = "transportation"
    WATER_RESOURCES = "water_resources"

    @classmethod
    def aliases(cls) -> dict[str, tuple[str, ...]]:
        return _FIELD_ALIASES


_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "commerce": ("commercial", "trade"),
    "culture": ("cultural",),
    "customs": ("customs matters",),
    "fishery": ("fisheries", "fishing"),
    "government_cooperation": ("comprehensive cooperation between governments", "comprehensive cooperation"),
    "information_technology": ("IT",),
    "political_consultations": ("political consultations between Foreign Ministries",),
    "sports": ("sport",),
    "sugar_industry": ("sugar",),
    "telecommunications": ("telecommunication", "telecoms"),
    "transportation": ("transport",),
    "water_resources": ("water",),
}


class EventKind(_Vocabulary):
    """What kind of thing happened: a material act, or a verbal one (a statement, a criticism, an intent)."""

    AGREEMENT_SIGNING = "agreement_signing"
    CREDIT_GRANT = "credit_grant"
    CRITICISM = "criticism"
    INTENT_TO_COOPERATE = "intent_to_cooperate"
    MEETING = "meeting"
    MILITARY_STRIKE = "military_strike"
    RELATIONS_ESTABLISHED = "relations_established"
    RELATIONS_INTERRUPTED = "relations_interrupted"
    RELATIONS_RESTORED = "relations_restored"
    STATEMENT = "statement"
    VISIT = "visit"

    @classmethod
    def aliases(cls) -> dict[str, tuple[str, ...]]:
        return {
            "agreement_signing": ("signing", "signed"),
            "credit_grant": ("credit line", "credit"),
            "criticism": ("condemnation", "condemned", "denounce", "criticize"),
            "intent_to_cooperate": ("willingness to cooperate", "intent"),
            "military_strike": ("strike", "bombing", "bombed"),
            "relations_established": ("established relations", "established"),
            "relations_interrupted": ("interrupted",),
            "relations_restored": ("re-established", "reestablished", "restored"),
            "statement": ("said", "stated"),
            "visit": ("visited",),
        }

    @property
    def verbal(self) -> bool:
        """Whether events of this kind are verbal acts (their words are a :class:`Statement`)."""
        return self in _VERBAL


_VERBAL = frozenset((EventKind.CRITICISM, EventKind.INTENT_TO_COOPERATE, EventKind.STATEMENT))


class AgreementKind(_Vocabulary):
    """What kind of instrument an agreement is, in the source's words."""

    AGREEMENT = "agreement"
    COOPERATION_DOCUMENT = "cooperation_document"
    CREDIT_LINE = "credit_line"
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"

    @classmethod
    def aliases(cls) -> dict[str, tuple[str, ...]]:
        return {
            "agreement": ("agreements",),
            "cooperation_document": ("document",),
            "memorandum_of_understanding": ("memoranda of understanding", "memorandum", "MOU", "MoU"),
        }


class FactTopic(_Vocabulary):
    """What a fact is about."""

    BROADCAST_JAMMING = "broadcast_jamming"
    CHARACTERIZATION = "characterization"
    HISTORY = "history"
    NUCLEAR = "nuclear"
    SCIENTIFIC_COOPERATION = "scientific_cooperation"
    TRADE = "trade"

    @classmethod
    def aliases(cls) -> dict[str, tuple[str, ...]]:
        return {
            "broadcast_jamming": ("jamming", "jamming station", "Radio Marti"),
            "characterization": ("relations", "characterized"),
            "history": ("Islamic Revolution", "revolution"),
            "nuclear": ("nuclear energy", "nuclear technology"),
            "scientific_cooperation": ("genetic laboratory", "science"),
            "trade": ("trade balance",),
        }


class FigureKind(_Vocabulary):
    """What a money figure measures."""

    CREDIT_LINE = "credit_line"
    TRADE_VOLUME = "trade_volume"

    @classmethod
    def aliases(cls) -> dict[str, tuple[str, ...]]:
        return {"trade_volume": ("trade", "trading")}


class RelationsStatus(_Vocabulary):
    """The state of diplomatic relations between Cuba and Iran on a given date."""

    NONE = "none"
    ACTIVE = "active"
    INTERRUPTED = "interrupted"
    UNCERTAIN = "uncertain"
