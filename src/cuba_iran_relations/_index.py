"""An index of date ranges that answers "overlaps" and "within" queries in O(log n + k).

Items are grouped by the length of their range in powers of two (an open-ended range falls in the last
group). Within a group every range is between half and all of the group's longest length, so a binary search on
start dates, widened by that length, finds every match and only a bounded number of non-matches. This makes no
assumption that ranges are short: open-ended intervals (``1979/..``) and decades-long ones are answered exactly.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Generic, TypeVar

from ._results import Results

__all__ = ["RangeIndex"]

T = TypeVar("T")


class _Group:
    """Ranges whose length (in days) has the same bit length, sorted by start."""

    __slots__ = ("ends", "longest", "positions", "shortest", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.positions: list[int] = []
        self.longest = 0
        self.shortest = 0


class RangeIndex(Generic[T]):
    """Items with inclusive ``[start, end]`` day ranges (ordinals), given in the order results should keep."""

    __slots__ = ("_groups", "_items")

    def __init__(self, items: Sequence[T], ranges: Sequence[tuple[int, int]]) -> None:
        self._items = tuple(items)
        groups: dict[int, _Group] = {}
        # Items arrive in result order; grouping keeps that order inside each group, but a group must be
        # sorted by start for bisection, so sort each group's members by (start, position).
        members: dict[int, list[tuple[int, int, int]]] = {}
        for position, (start, end) in enumerate(ranges):
            members.setdefault((end - start).bit_length(), []).append((start, end, position))
        for bits, entries in sorted(members.items()):
            entries.sort()
            group = groups[bits] = _Group()
            group.starts = [s for s, _, _ in entries]
            group.ends = [e for _, e, _ in entries]
            group.positions = [p for _, _, p in entries]
            lengths = [e - s for s, e, _ in entries]
            group.longest, group.shortest = max(lengths), min(lengths)
        self._groups = tuple(groups.values())

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> tuple[T, ...]:
        """Items whose range meets ``[start, end]`` (both inclusive), in the order given."""
        found: list[int] = []
        for group in self._groups:
            starts, ends, positions = group.starts, group.ends, group.positions
            lo = bisect_left(starts, start - group.longest)
            hi = bisect_right(starts, end, lo)
            found.extend(positions[i] for i in range(lo, hi) if ends[i] >= start)
        return self._collect(found)

    def within(self, start: int, end: int) -> tuple[T, ...]:
        """Items whose range lies wholly inside ``[start, end]`` (both inclusive), in the order given."""
        found: list[int] = []
        for group in self._groups:
            if group.shortest > end - start:
                continue
            starts, ends, positions = group.starts, group.ends, group.positions
            lo = bisect_left(starts, start)
            hi = bisect_right(starts, end - group.shortest, lo)
            found.extend(positions[i] for i in range(lo, hi) if ends[i] <= end)
        return self._collect(found)

    def _collect(self, positions: list[int]) -> tuple[T, ...]:
        if len(self._groups) > 1:
            positions.sort()
        items = self._items
        return Results([items[p] for p in positions])
