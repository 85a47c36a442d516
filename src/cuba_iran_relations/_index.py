"""An index of date ranges that answers "overlaps" and "within" queries, making no assumption that ranges are short.

Items are kept sorted by start. An "overlaps" query for ``[start, end]`` is two disjoint parts:

- the items starting inside ``[start, end]``: one contiguous run of the sorted items, found by binary search;
- the items starting before ``start`` and still running on ``start`` (a stabbing query), answered by an
  implicit interval tree over day ordinals: a range ``[s, e]`` (``s < e``) is stored at the day in it whose
  ordinal has the most trailing zero bits. Every range holding day ``x`` is then stored at one of the at most
  22 days ``((x >> level) | 1) << level`` (ordinals fit in 22 bits), and each such node lists its ranges by
  start and by end, so one binary search per node finds exactly its matches.

Together this costs at most 24 binary searches plus the k results, O(log n + k) for n items, whatever the
lengths: open-ended intervals (``1979/..``) and decades-long ones included.

A "within" query groups items by the length of their range in powers of two (an open-ended range falls in the
last group); in each group a binary search on start dates, narrowed by the group's shortest length, finds every
match, scanning non-matches only among ranges of nearly the group's length that start near the query's end.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import itemgetter, le
from typing import Generic, TypeVar

from ._results import Results

__all__ = ["RangeIndex"]

T = TypeVar("T")


_first, _second, _le = itemgetter(0), itemgetter(1), le

# Day ordinals (date.toordinal) run from 1 to 3,652,059 (date.max), which fits in 22 bits.
_LEVELS = 22


class _Group:
    """Ranges whose length (in days) has the same bit length, sorted by start."""

    __slots__ = ("ends", "longest", "positions", "shortest", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.positions: list[int] = []
        self.longest = 0
        self.shortest = 0


class _Node:
    """The ranges stored at one day of the implicit interval tree: each contains that day."""

    __slots__ = ("by_end_positions", "by_negated_end", "by_start", "by_start_positions")

    def __init__(self, entries: list[tuple[int, int, int]]) -> None:
        entries.sort()
        self.by_start = [s for s, _, _ in entries]
        self.by_start_positions = [p for _, _, p in entries]
        entries.sort(key=lambda entry: (-entry[1], entry[2]))
        self.by_negated_end = [-e for _, e, _ in entries]  # ascending, for bisect: latest end first
        self.by_end_positions = [p for _, _, p in entries]


def _node_day(start: int, end: int) -> int:
    """The day in ``[start, end]`` (``start < end``) whose ordinal has the most trailing zero bits."""
    shift = (start ^ end).bit_length() - 1
    return end >> shift << shift


class RangeIndex(Generic[T]):
    """Items with inclusive ``[start, end]`` day ranges (ordinals), given sorted by start (chronological order).

    Results keep the order given.
    """

    __slots__ = ("_groups", "_items", "_levels", "_nodes", "_reach", "_starts")

    def __init__(self, items: Sequence[T], ranges: Sequence[tuple[int, int]]) -> None:
        self._items = tuple(items)
        # The loops over every item run in C (map, accumulate): a dataset may hold 10^6 events.
        self._starts = list(map(_first, ranges))
        if not all(map(_le, self._starts, self._starts[1:])):
            raise ValueError("ranges: expected items sorted by the start of their range")
        # _reach[i]: the latest end among the first i + 1 items; when no earlier item reaches a query's start,
        # the interval tree need not be visited (the common case for data without long ranges).
        self._reach = list(accumulate(map(_second, ranges), max, initial=0))[1:]
        stored: dict[int, list[tuple[int, int, int]]] = {}
        for position, (start, end) in enumerate(ranges):
            if start < end:
                stored.setdefault(_node_day(start, end), []).append((start, end, position))
        self._nodes = {day: _Node(entries) for day, entries in stored.items()}
        # Only the tree levels that hold any range are visited by a query, highest first.
        levels = {(day & -day).bit_length() - 1 for day in stored}
        self._levels = tuple(sorted(levels, reverse=True))
        self._groups = _length_groups(ranges)

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> Results[T]:
        """Items whose range meets ``[start, end]`` (both inclusive), in the order given."""
        items = self._items
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end, lo)
        if not lo or self._reach[lo - 1] < start:
            return Results(items[lo:hi])
        # Ranges starting before ``start`` and running on it: each is stored at one node on ``start``'s path.
        earlier: list[int] = []
        nodes = self._nodes
        for level in self._levels:
            day = ((start >> level) | 1) << level
            node = nodes.get(day)
            if node is None:
                continue
            if start > day:  # every range here starts before ``start``: keep those that end on or after it
                earlier += node.by_end_positions[: bisect_right(node.by_negated_end, -start)]
            else:  # every range here runs on ``start``: keep those that start before it
                earlier += node.by_start_positions[: bisect_left(node.by_start, start)]
        if not earlier:
            return Results(items[lo:hi])
        earlier.sort()
        return Results([items[p] for p in earlier] + list(items[lo:hi]))

    def within(self, start: int, end: int) -> Results[T]:
        """Items whose range lies wholly inside ``[start, end]`` (both inclusive), in the order given."""
        found: list[int] = []
        for group in self._groups:
            if group.shortest > end - start:
                continue
            starts, ends, positions = group.starts, group.ends, group.positions
            lo = bisect_left(starts, start)
            hi = bisect_right(starts, end - group.shortest, lo)
            found.extend(positions[i] for i in range(lo, hi) if ends[i] <= end)
        if len(self._groups) > 1:
            found.sort()
        items = self._items
        return Results([items[p] for p in found])


def _length_groups(ranges: Sequence[tuple[int, int]]) -> tuple[_Group, ...]:
    """The ranges grouped by the bit length of their length in days, each group sorted by start."""
    members: dict[int, list[tuple[int, int, int]]] = {}
    for position, (start, end) in enumerate(ranges):
        members.setdefault((end - start).bit_length(), []).append((start, end, position))
    groups = []
    for _, entries in sorted(members.items()):
        entries.sort()
        group = _Group()
        group.starts = [s for s, _, _ in entries]
        group.ends = [e for _, e, _ in entries]
        group.positions = [p for _, _, p in entries]
        lengths = [e - s for s, e, _ in entries]
        group.longest, group.shortest = max(lengths), min(lengths)
        groups.append(group)
    return tuple(groups)
