"""Cuba–Iran relations: a curated, source-verified dataset of events, agreements, people, statements and figures.

Importing the package is cheap: it reads no data and imports neither attrs nor cattrs. Public names are
resolved on first access (PEP 562), and the bundled dataset is read on the first query.

>>> import cuba_iran_relations as cir
>>> [e.id for e in cir.events_between("2006", "2006")]
['event:2006-01-havana-cooperation-document-signing']
"""

from __future__ import annotations

from ._version import DATA_VERSION, __version__

# Not ``from typing import TYPE_CHECKING``: importing typing would add about a third to the package's import
# time. Type checkers treat any constant named TYPE_CHECKING as true.
TYPE_CHECKING = False
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
    from ._cameo import CameoCode, cameo_code
    from ._coverage import SentenceCoverage
    from ._dataset import Dataset, VerifyReport
    from ._dates import PartialDate, Precision
    from ._errors import DatasetError
    from ._frames import to_pandas, to_records
    from ._gdelt import to_gdelt
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
    from ._plot import plot_timeline
    from ._results import Results
    from ._schema import json_schema
    from ._vocab import AgreementKind, EventKind, FactTopic, Field, FigureKind, RelationsStatus

__all__ = [
    "DATA_VERSION",
    "Agreement",
    "AgreementKind",
    "CameoCode",
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
    "Results",
    "Role",
    "SentenceCoverage",
    "Source",
    "Statement",
    "VerifyReport",
    "__version__",
    "agreements",
    "agreements_by_field",
    "cameo_code",
    "coverage_report",
    "dataset",
    "events",
    "events_between",
    "facts",
    "figures",
    "find_person",
    "get",
    "json_schema",
    "load",
    "missions",
    "people",
    "plot_timeline",
    "relations_history",
    "relations_status",
    "sources",
    "statements",
    "to_gdelt",
    "to_pandas",
    "to_records",
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
    "CameoCode": "_cameo",
    "cameo_code": "_cameo",
    "SentenceCoverage": "_coverage",
    "Dataset": "_dataset",
    "to_pandas": "_frames",
    "to_records": "_frames",
    "to_gdelt": "_gdelt",
    "plot_timeline": "_plot",
    "Results": "_results",
    "json_schema": "_schema",
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
    # __import__ rather than importlib.import_module, which would import the importlib package at first access.
    value = getattr(__import__(f"{__name__}.{module}", fromlist=(name,)), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
