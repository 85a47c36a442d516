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
Each range it scans starts inside the query's window, so each non-match, which ends after the window, runs over
the window's last day: every range scanned is one that an "overlaps" query of the same window returns. A
"within" query costs at most one binary search per group (at most 23) plus the size of that answer.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, compress, groupby
from operator import itemgetter, le, lshift, lt, neg, rshift, sub, xor
from typing import Any, Generic, TypeVar

from ._results import Results

__all__ = ["RangeIndex"]

T = TypeVar("T")


_first, _second, _le = itemgetter(0), itemgetter(1), le


class _Group:
    """Ranges whose length (in days) has the same bit length, sorted by start."""

    __slots__ = ("ends", "positions", "shortest", "starts")

    def __init__(self, starts: list[int], ends: list[int], positions: list[int], lengths: list[int]) -> None:
        self.starts = starts
        self.ends = ends
        self.positions = positions
        self.shortest = min(lengths)


class _Node:
    """The ranges stored at one day of the implicit interval tree: each contains that day."""

    __slots__ = ("by_end_positions", "by_negated_end", "by_start", "by_start_positions")

    def __init__(self, by_start: list[int], by_start_positions: list[int], negated_ends: list[int]) -> None:
        self.by_start = by_start
        self.by_start_positions = by_start_positions
        # Latest end first (ascending negated ends, for bisect); equal ends keep their positions' order.
        self.by_end_positions = sorted(by_start_positions, key=negated_ends.__getitem__)
        self.by_negated_end = list(map(negated_ends.__getitem__, self.by_end_positions))


def _grouped(keys: list[int], positions: list[int]) -> Iterator[tuple[int, list[int]]]:
    """``positions`` grouped by their ``keys`` (a parallel list), by ascending key; each group keeps their order."""
    order = sorted(range(len(keys)), key=keys.__getitem__)  # a stable sort
    for key, group in groupby(order, key=keys.__getitem__):
        yield key, list(map(positions.__getitem__, group))


class RangeIndex(Generic[T]):
    """Items with inclusive ``[start, end]`` day ranges (ordinals), given sorted by start (chronological order).

    Results keep the order given, as instances of ``results`` (a dataset's own ``Results`` class).
    """

    __slots__ = ("_groups", "_items", "_levels", "_nodes", "_reach", "_results", "_starts")

    def __init__(
        self, items: Sequence[T], ranges: Sequence[tuple[int, int]], results: type[Results[Any]] = Results
    ) -> None:
        self._items = tuple(items)
        self._results = results
        # The loops over every item run in C (map, compress, sorted, groupby) or once per group of items: a
        # dataset may hold 10^6 events. Items are in start order, so any list of positions in ascending order
        # lists its ranges by start, and a stable sort on another key keeps that order within each key.
        self._starts = starts = list(map(_first, ranges))
        ends = list(map(_second, ranges))
        if not all(map(_le, starts, starts[1:])):
            raise ValueError("ranges: expected items sorted by the start of their range")
        # _reach[i]: the latest end among the first i + 1 items; when no earlier item reaches a query's start,
        # the interval tree need not be visited (the common case for data without long ranges).
        self._reach = list(accumulate(ends, max))
        # Each range [s, e] longer than a day is stored at the day in it whose ordinal has the most trailing zero
        # bits: e with its bits below the highest bit where s and e differ cleared.
        spanning = list(compress(range(len(starts)), map(lt, starts, ends)))
        spanning_ends = list(map(ends.__getitem__, spanning))
        shifts = [bits - 1 for bits in map(int.bit_length, map(xor, map(starts.__getitem__, spanning), spanning_ends))]
        node_days = list(map(lshift, map(rshift, spanning_ends, shifts), shifts))
        negated_ends = list(map(neg, ends))
        self._nodes = {
            day: _Node(list(map(starts.__getitem__, positions)), positions, negated_ends)
            for day, positions in _grouped(node_days, spanning)
        }
        # Only the tree levels that hold any range are visited by a query, highest first.
        levels = {(day & -day).bit_length() - 1 for day in self._nodes}
        self._levels = tuple(sorted(levels, reverse=True))
        self._groups = _length_groups(starts, ends)

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, start: int, end: int) -> Results[T]:
        """Items whose range meets ``[start, end]`` (both inclusive), in the order given."""
        items = self._items
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end, lo)
        if not lo or self._reach[lo - 1] < start:
            return self._results(items[lo:hi])
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
            return self._results(items[lo:hi])
        earlier.sort()
        return self._results([items[p] for p in earlier] + list(items[lo:hi]))

    def within(self, start: int, end: int) -> Results[T]:
        """Items whose range lies wholly inside ``[start, end]`` (both inclusive), in the order given."""
        found: list[int] = []
        for group, lo, hi in self._within_candidates(start, end):
            ends, positions = group.ends, group.positions
            found.extend(positions[i] for i in range(lo, hi) if ends[i] <= end)
        if len(self._groups) > 1:
            found.sort()
        items = self._items
        return self._results([items[p] for p in found])

    def _within_candidates(self, start: int, end: int) -> Iterator[tuple[_Group, int, int]]:
        """Each group with the run ``[lo, hi)`` of its ranges (by start) that ``within`` scans for matches."""
        for group in self._groups:
            if group.shortest <= end - start:
                lo = bisect_left(group.starts, start)
                yield group, lo, bisect_right(group.starts, end - group.shortest, lo)


def _length_groups(starts: list[int], ends: list[int]) -> tuple[_Group, ...]:
    """The ranges grouped by the bit length of their length in days, shortest first, each group by start."""
    lengths = list(map(sub, ends, starts))
    groups = []
    for _, positions in _grouped(list(map(int.bit_length, lengths)), list(range(len(starts)))):
        groups.append(
            _Group(
                list(map(starts.__getitem__, positions)),
                list(map(ends.__getitem__, positions)),
                positions,
                list(map(lengths.__getitem__, positions)),
            )
        )
    return tuple(groups)
