"""Cuba–Iran relations: a curated, source-verified dataset of events, agreements, people, statements and figures.

Importing the package is cheap: it reads no data and imports neither attrs nor cattrs. Public names are
resolved on first access (PEP 562), and the bundled dataset is read on the first query.

>>> import cuba_iran_relations as cir
>>> [e.id for e in cir.events_between("2006", "2006")]
['event:2006-01-havana-cooperation-document-signing']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:  # pragma: no cover - what type checkers and IDEs see; at run time see __getattr__
    from ._api import (
        agreements,
        agreements_by_field,
        coverage_report,
        dataset,
        events,
        events_between,
        facts,
        figures,
        find_person,
        get,
        missions,
        people,
        relations_history,
        relations_status,
        sources,
        statements,
        verify,
    )
    from ._dataset import Dataset, VerifyReport
    from ._dates import PartialDate, Precision
    from ._errors import DatasetError
    from ._load import load
    from ._models import (
        Agreement,
        Citation,
        Country,
        Event,
        Fact,
        Figure,
        Mission,
        Money,
        Organization,
        Person,
        Place,
        RelationsPeriod,
        Role,
        Source,
        Statement,
    )
    from ._vocab import AgreementKind, EventKind, FactTopic, Field, FigureKind, RelationsStatus

__all__ = [
    "DATA_VERSION",
    "Agreement",
    "AgreementKind",
    "Citation",
    "Country",
    "Dataset",
    "DatasetError",
    "Event",
    "EventKind",
    "Fact",
    "FactTopic",
    "Field",
    "Figure",
    "FigureKind",
    "Mission",
    "Money",
    "Organization",
    "PartialDate",
    "Person",
    "Place",
    "Precision",
    "RelationsPeriod",
    "RelationsStatus",
    "Role",
    "Source",
    "Statement",
    "VerifyReport",
    "__version__",
    "agreements",
    "agreements_by_field",
    "coverage_report",
    "dataset",
    "events",
    "events_between",
    "facts",
    "figures",
    "find_person",
    "get",
    "load",
    "missions",
    "people",
    "relations_history",
    "relations_status",
    "sources",
    "statements",
    "verify",
]

# Where each lazily imported public name lives.
_LAZY = {
    **dict.fromkeys(
        (
            "agreements",
            "agreements_by_field",
            "coverage_report",
            "dataset",
            "events",
            "events_between",
            "facts",
            "figures",
            "find_person",
            "get",
            "missions",
            "people",
            "relations_history",
            "relations_status",
            "sources",
            "statements",
            "verify",
        ),
        "_api",
    ),
    "Dataset": "_dataset",
    "VerifyReport": "_dataset",
    "PartialDate": "_dates",
    "Precision": "_dates",
    "DatasetError": "_errors",
    "load": "_load",
    **dict.fromkeys(
        (
            "Agreement",
            "Citation",
            "Country",
            "Event",
            "Fact",
            "Figure",
            "Mission",
            "Money",
            "Organization",
            "Person",
            "Place",
            "RelationsPeriod",
            "Role",
            "Source",
            "Statement",
        ),
        "_models",
    ),
    **dict.fromkeys(("AgreementKind", "EventKind", "FactTopic", "Field", "FigureKind", "RelationsStatus"), "_vocab"),
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cuba_iran_relations' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
