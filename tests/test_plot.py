"""The timeline plot: events on a time axis, rendered to a PNG that is not blank."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import attrs
import matplotlib as mpl

mpl.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Rectangle

import cuba_iran_relations as cir


@pytest.fixture(autouse=True)
def _no_open_figures() -> Iterator[None]:
    """Start from no open figures (other tests may leave some) and leave none behind."""
    plt.close("all")
    yield
    plt.close("all")


def _png_pixels(figure: object) -> np.ndarray:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)  # type: ignore[attr-defined]
    buffer.seek(0)
    pixels: np.ndarray = plt.imread(buffer, format="png")
    return pixels


def test_timeline_renders_a_png_that_is_not_blank() -> None:
    ax = cir.plot_timeline()
    try:
        pixels = _png_pixels(ax.figure)
        assert pixels.ndim == 3
        background = pixels[0, 0]
        differs = np.any(np.abs(pixels - background) > 0.05, axis=-1)
        assert differs.mean() > 0.02, "almost every pixel is background"
        assert pixels.std() > 0.05
        coloured = np.ptp(pixels[..., :3], axis=-1) > 0.2  # pixels that are not grey: the kinds' colours
        assert coloured.sum() > 200
    finally:
        plt.close("all")


def test_timeline_draws_imprecise_dates_as_spans_and_labels_every_event() -> None:
    events = cir.events()
    ax = cir.plot_timeline(events)
    try:
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        imprecise = [e for e in events if e.date.earliest != e.date.latest]
        assert len(bars) == len(imprecise)
        spans = sorted(round(b.get_width()) for b in bars)
        expected = sorted((e.date.latest - e.date.earliest).days + 1 for e in imprecise)
        assert spans == expected
        num2date: Any = mdates.num2date  # untyped
        starts = sorted(num2date(b.get_x()).date() for b in bars)
        assert starts == sorted(e.date.earliest for e in imprecise)
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(labels) == len(events)
        for label, event in zip(labels, events, strict=True):
            assert label.startswith(str(event.date))
        legend_box = ax.get_legend()
        assert legend_box is not None
        legend = [t.get_text() for t in legend_box.get_texts()]
        assert legend == sorted(k.value.replace("_", " ") for k in {e.kind for e in events})
        colours = {tuple(b.get_facecolor()) for b in bars}
        assert len(colours) == len({e.kind for e in imprecise})
    finally:
        plt.close("all")


def test_timeline_draws_into_a_given_axes_and_returns_it() -> None:
    figure, ax = plt.subplots()
    try:
        assert cir.plot_timeline(cir.events(kind="meeting"), ax=ax) is ax
        assert len(ax.get_yticklabels()) == len(cir.events(kind="meeting"))
    finally:
        plt.close(figure)


def test_a_datasets_timeline_draws_that_datasets_events() -> None:
    bundled = cir.dataset()
    meetings = cir.events(kind="meeting")
    data = cir.Dataset(
        events=meetings, sources=bundled.sources(), countries=bundled.countries(), places=bundled.places()
    )
    _, given = plt.subplots()
    try:
        ax = data.plot_timeline(ax=given)
        assert ax is given
        assert [t.get_text() for t in ax.get_yticklabels()] == [
            t.get_text() for t in cir.plot_timeline(meetings).get_yticklabels()
        ]
        assert len(ax.get_yticklabels()) == len(meetings) < len(cir.events())
    finally:
        plt.close("all")


def test_timeline_draws_open_ends_up_to_the_first_or_last_date_shown() -> None:
    oldest, newest = cir.events()[0], cir.events()[-1]
    open_start = attrs.evolve(oldest, id="event:open-start", date=cir.PartialDate("../1990"))
    open_end = attrs.evolve(oldest, id="event:open-end", date=cir.PartialDate("2006/.."))
    ax = cir.plot_timeline([oldest, open_start, open_end, newest])
    try:
        num2date: Any = mdates.num2date  # untyped
        spans = {
            (num2date(bar.get_x()).date(), num2date(bar.get_x() + bar.get_width()).date())
            for bar in ax.patches
            if isinstance(bar, Rectangle)
        }
        after = timedelta(days=1)  # a bar ends where the day after its last day begins
        assert (oldest.date.earliest, date(1990, 12, 31) + after) in spans
        assert (date(2006, 1, 1), newest.date.latest + after) in spans
    finally:
        plt.close("all")


def test_timeline_rejects_records_that_are_not_events() -> None:
    with pytest.raises(TypeError, match=r"events\[0\]: got Person"):
        cir.plot_timeline(cir.people())  # type: ignore[arg-type]


def test_timeline_without_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"cuba-iran-relations\[plot\]"):
        cir.plot_timeline()


def test_timeline_rejects_what_is_not_a_sequence_of_events_or_an_axes() -> None:
    with pytest.raises(TypeError, match="events: got int 3"):
        cir.plot_timeline(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="events: got str"):
        cir.plot_timeline("event:1975-relations-established")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ax: got str 'axes'"):
        cir.plot_timeline(cir.events(), ax="axes")  # type: ignore[arg-type]


def test_timeline_of_no_events_draws_an_empty_axes_without_a_legend() -> None:
    ax = cir.plot_timeline(())
    try:
        assert ax.get_legend() is None
        assert not ax.patches
    finally:
        plt.close("all")
