"""Exceptions raised by the package."""

from __future__ import annotations


class DatasetError(ValueError):
    """A dataset folder could not be loaded; ``problems`` lists every problem found, each with its JSON path.

    Nothing is half-loaded: when this is raised, no records from the folder are in use.
    """

    def __init__(self, problems: tuple[str, ...] | list[str], where: str = "dataset") -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        head = f"{where}: {count} problem{'s' if count != 1 else ''} found"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))
