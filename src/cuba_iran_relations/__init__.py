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
        load,
        missions,
        people,
        plot_timeline,
        relations_history,
        relations_status,
        search,
        sources,
        statements,
        to_arrow,
        to_gdelt,
        to_pandas,
        to_records,
        verify,
        write_site,
    )
    from ._cameo import CameoCode, cameo_code
    from ._dataset import Dataset, VerifyReport
    from ._dates import DateLike, PartialDate, Precision
    from ._errors import DatasetError
    from ._models import (
        KINDS,
        Agreement,
        Citation,
        Country,
        Event,
        Fact,
        Figure,
        Kind,
        Mission,
        Money,
        Organization,
        Person,
        Place,
        Record,
        Redirect,
        RelationsPeriod,
        Role,
        Source,
        Statement,
        Uncited,
    )
    from ._results import Results
    from ._schema import json_schema
    from ._sentences import SentenceCoverage
    from ._vocab import AgreementKind, EventKind, FactTopic, Field, FigureKind, RelationsStatus

__all__ = [
    "DATA_VERSION",
    "KINDS",
    "Agreement",
    "AgreementKind",
    "CameoCode",
    "Citation",
    "Country",
    "Dataset",
    "DatasetError",
    "DateLike",
    "Event",
    "EventKind",
    "Fact",
    "FactTopic",
    "Field",
    "Figure",
    "FigureKind",
    "Kind",
    "Mission",
    "Money",
    "Organization",
    "PartialDate",
    "Person",
    "Place",
    "Precision",
    "Record",
    "Redirect",
    "RelationsPeriod",
    "RelationsStatus",
    "Results",
    "Role",
    "SentenceCoverage",
    "Source",
    "Statement",
    "Uncited",
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
    "search",
    "sources",
    "statements",
    "to_arrow",
    "to_gdelt",
    "to_pandas",
    "to_records",
    "verify",
    "write_site",
]

# The module each lazily imported public name lives in: the same as the imports above, which type checkers read.
_MODULES = {
    "_api": (
        "agreements agreements_by_field coverage_report dataset events events_between facts figures find_person get "
        "load missions people plot_timeline relations_history relations_status search sources statements to_arrow "
        "to_gdelt to_pandas to_records verify write_site"
    ),
    "_cameo": "CameoCode cameo_code",
    "_dataset": "Dataset VerifyReport",
    "_dates": "DateLike PartialDate Precision",
    "_errors": "DatasetError",
    "_models": (
        "KINDS Agreement Citation Country Event Fact Figure Kind Mission Money Organization Person Place Record Redirect "
        "RelationsPeriod Role Source Statement Uncited"
    ),
    "_results": "Results",
    "_schema": "json_schema",
    "_sentences": "SentenceCoverage",
    "_vocab": "AgreementKind EventKind FactTopic Field FigureKind RelationsStatus",
}
_LAZY = {name: module for module, names in _MODULES.items() for name in names.split()}

if not TYPE_CHECKING:
    # Hidden from type checkers, so that they see exactly the public names above: a misspelled one is an error.

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
