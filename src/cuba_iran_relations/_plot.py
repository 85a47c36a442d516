"""A timeline of events with matplotlib (the optional extra ``cuba-iran-relations[plot]``).

Each event gets a row, oldest at the top: a day-precision date is a dot, an imprecise date (a month, a year,
an interval) a bar spanning its strict bounds, so the picture shows what is and is not known. Colours stand for
event kinds; each row is labelled with the event's date and summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ._models import Event
from ._optional import import_extra

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_timeline"]

_LABEL_CHARS = 60


def _label(event: Event) -> str:
    text = event.summary if len(event.summary) <= _LABEL_CHARS else event.summary[: _LABEL_CHARS - 1] + "…"
    return f"{event.date}: {text}"


def plot_timeline(events: Sequence[Event], *, ax: Axes | None = None) -> Axes:
    """Draw ``events`` on a time axis and return the matplotlib ``Axes``; see :func:`plot_timeline`."""
    given: object = events  # the annotation is a promise callers may break
    if isinstance(given, (str, bytes)) or not hasattr(given, "__iter__"):
        raise TypeError(f"events: got {type(events).__name__} {events!r:.60}; expected a sequence of Event records")
    events = tuple(events)
    for position, event in enumerate(events):
        if not isinstance(event, Event):
            raise TypeError(f"events[{position}]: got {type(event).__name__}; expected Event records")
    plt = import_extra("matplotlib.pyplot", feature="plot_timeline", package="matplotlib", extra="plot")
    import matplotlib.axes
    import matplotlib.dates

    if ax is not None and not isinstance(ax, matplotlib.axes.Axes):
        raise TypeError(f"ax: got {type(ax).__name__} {ax!r:.60}; expected a matplotlib Axes or None")

    mdates: Any = matplotlib.dates  # its date helpers are untyped

    if ax is None:
        _, ax = plt.subplots(figsize=(12, 0.42 * max(len(events), 1) + 2.2), layout="constrained")
    kinds = sorted({e.kind for e in events}, key=lambda k: k.value)
    palette = plt.get_cmap("tab20")  # a colour for each of the event kinds (more than ten)
    colours = {kind: palette(i % 20) for i, kind in enumerate(kinds)}
    known = [d for e in events for d in (e.date.earliest, e.date.latest) if d not in (date.min, date.max)]
    first, last = (min(known), max(known)) if known else (date(2000, 1, 1), date(2001, 1, 1))
    for row, event in enumerate(events):
        start = event.date.earliest if event.date.earliest != date.min else first
        end = event.date.latest if event.date.latest != date.max else last
        colour = colours[event.kind]
        if event.date.earliest == event.date.latest:  # an exact day; an open end is always a span
            ax.plot([mdates.date2num(start)], [row], "o", color=colour, markersize=8)
        else:
            width = mdates.date2num(end + timedelta(days=1)) - mdates.date2num(start)
            # The edge keeps a month-long span visible on an axis of decades.
            ax.barh(row, width, left=mdates.date2num(start), height=0.6, color=colour, edgecolor=colour, linewidth=1.5)
    for kind in kinds:
        ax.plot([], [], "s", color=colours[kind], label=kind.value.replace("_", " "))
    ax.set_yticks(range(len(events)), [_label(e) for e in events], fontsize=8)
    ax.set_ylim(max(len(events), 1) - 0.5, -0.5)
    margin = timedelta(days=max((last - first).days, 365) // 30)
    ax.set_xlim(mdates.date2num(first - margin), mdates.date2num(last + margin))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("Cuba–Iran relations: events (bars span imprecise dates, dots are exact days)")
    if kinds:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=min(len(kinds), 3), fontsize=8, frameon=False)
    result: Axes = ax
    return result
