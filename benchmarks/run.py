"""Measure the package against anchors timed in the same run, and print one table of figures and ratios.

Usage: ``python benchmarks/run.py`` (full: datasets up to 10^6 events, a few minutes) or ``--quick`` (under a
minute: fewer rounds, datasets up to 10^4 events), which exits 1 if a ratio passes its guard threshold;
``--load-only`` prints only the ``load(path)`` rows (at 10^5 events, 10^4 with ``--quick``).

A hand-rolled harness rather than pyperf or pytest-benchmark: the cold figures need a package command and its
anchor command run *interleaved*, round after round, so that the load other processes put on a shared
machine hits both alike (pyperf runs one command's worker processes after another and calibrates each for
seconds), and they need each child's peak RSS (``os.wait4``); the scale figures compare the package with a
linear scan and a pandas mask on the same data and check they return the same events, which is not a timing
loop either framework offers. Every figure is the median of its rounds, with the spread (the interquartile
range) beside it; targets are on ratios to an anchor measured in the same run, or on absolute times for the
warm queries, whose anchor (an empty Python call) says how fast the machine was. Times are CPU time (the
process's own, or a child's user + system time from ``wait4``), not wall-clock time, which on a shared
machine also counts the time other processes held the CPU; the cold rows show the wall-clock ratio too.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate

import cuba_iran_relations as cir


@dataclass
class Row:
    """One line of the table: a figure, its anchor, their ratio and the target on it."""

    figure: str
    value: float
    spread: float
    unit: str
    anchor: str = ""
    anchor_value: float | None = None
    target: str = ""
    holds: bool | None = None
    guard: bool | None = None  # --quick: within the generous CI threshold
    note: str = ""
    ratio: float | None = field(default=None)

    def __post_init__(self) -> None:
        if self.ratio is None and self.anchor_value:
            self.ratio = self.value / self.anchor_value


def _median_iqr(samples: Sequence[float]) -> tuple[float, float]:
    if len(samples) < 4:
        return statistics.median(samples), max(samples) - min(samples)
    q1, _, q3 = statistics.quantiles(samples, n=4)
    return statistics.median(samples), q3 - q1


# --- cold: fresh interpreters, interleaved -------------------------------------------------------------------


# Children may write bytecode caches, as an installed package has them: the warm-up rounds write any that are
# missing (an editable install, or PYTHONDONTWRITEBYTECODE set), so that no round times compiling source.
CHILD_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _run_child(code: str) -> tuple[float, float]:
    """CPU time (user + system) and wall time, in seconds, of ``python -c code``.

    CPU time is what the figures use: on a shared machine the wall time also counts the time other processes
    held the CPU, which says nothing about the package.
    """
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], env=CHILD_ENV)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return usage.ru_utime + usage.ru_stime, wall


_PEAK = (
    "\nimport sys; print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM')), "
    "file=sys.__stdout__)"
)


def _peak_rss(code: str) -> float | None:
    """Peak RSS (MiB) of ``python -c code``, as the child's own VmHWM (Linux); ``None`` elsewhere.

    Not the ``ru_maxrss`` a parent gets from ``wait4``: Linux carries the parent's peak over fork and exec.
    """
    if not Path("/proc/self/status").exists():
        return None
    done = subprocess.run(
        [sys.executable, "-c", code + _PEAK], check=True, capture_output=True, text=True, env=CHILD_ENV
    )
    return int(done.stdout.split()[-1]) / 1024


COLD = {
    "import": "import cuba_iran_relations",
    "attrs": "import attrs",
    "first query": "import cuba_iran_relations as c; c.events_between('2006', '2008')",
    "attrs+cattrs": "import attrs, cattrs",
    "pycountry": "import pycountry; pycountry.countries.get(alpha_2='CU')",
    "python": "pass",
    # The console script's own code path (``cuba-iran-relations timeline``), its output sent nowhere.
    "timeline": (
        "import os, sys; sys.stdout = open(os.devnull, 'w', encoding='utf-8'); "
        "sys.argv = ['cuba-iran-relations', 'timeline']; from cuba_iran_relations._cli import main; main()"
    ),
}


Cold = tuple[dict[str, list[float]], dict[str, list[float]], dict[str, float | None]]


def cold(rounds: int) -> Cold:
    """Each command once per round, in a rotating order, after two warm-up rounds (file caches, .pyc files);
    then each command's peak RSS, from separate runs."""
    commands = dict(COLD)
    try:
        _run_child(commands["pycountry"])
    except subprocess.CalledProcessError:
        del commands["pycountry"]
    names = list(commands)
    times: dict[str, list[float]] = {name: [] for name in names}
    walls: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds + 2):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            cpu, wall = _run_child(commands[name])
            if round_number >= 2:
                times[name].append(cpu)
                walls[name].append(wall)
    peaks = {name: _peak_rss(code) for name, code in commands.items()}
    return times, walls, peaks


def cold_rows(results: Cold) -> list[Row]:
    times, walls, peaks = results

    def wall_ratio(name: str, anchor: str) -> str:
        ratio = statistics.median(walls[name]) / statistics.median(walls[anchor])
        return f"wall-clock medians {statistics.median(walls[name]) * 1e3:.0f} ms ÷ {statistics.median(walls[anchor]) * 1e3:.0f} ms = {ratio:.2f}"

    def ms(name: str) -> tuple[float, float]:
        value, spread = _median_iqr(times[name])
        return value * 1e3, spread * 1e3

    rows = []
    imp, attrs_ = ms("import"), ms("attrs")
    rows.append(
        Row(
            "cold `import cuba_iran_relations` (CPU time)",
            *imp,
            "ms",
            "`import attrs`",
            attrs_[0],
            "ratio ≤ 0.3",
            note=wall_ratio("import", "attrs"),
        )
    )
    first, both = ms("first query"), ms("attrs+cattrs")
    rows.append(
        Row(
            "cold first query `events_between('2006', '2008')` (CPU time)",
            *first,
            "ms",
            "`import attrs, cattrs`",
            both[0],
            "ratio ≤ 1.6",
            note=wall_ratio("first query", "attrs+cattrs"),
        )
    )
    rows.append(
        Row(
            "cold `cuba-iran-relations timeline` (CPU time)",
            *ms("timeline"),
            "ms",
            "cold first query",
            first[0],
            "ratio ≤ 1.25",
            note=wall_ratio("timeline", "first query"),
        )
    )
    rows.append(Row("  (interpreter start-up alone, `python -c pass`, CPU time)", *ms("python"), "ms"))
    rss = peaks["first query"]
    if rss is not None:
        rows.append(
            Row("peak RSS of the cold first query", rss, 0.0, "MiB", "`import attrs, cattrs`", peaks["attrs+cattrs"])
        )
    if "pycountry" in times:
        rows.append(
            Row("pycountry's first lookup (comparison, CPU time)", *ms("pycountry"), "ms", "cold first query", first[0])
        )
        if rss is not None and peaks["pycountry"] is not None:
            rows.append(
                Row(
                    "peak RSS of pycountry's first lookup",
                    peaks["pycountry"] or 0.0,
                    0.0,
                    "MiB",
                    "cold first query",
                    rss,
                )
            )
    for row in rows:
        if row.target.startswith("ratio ≤") and row.ratio is not None:
            row.holds = row.ratio <= float(row.target.split("≤")[1])
    return rows


# --- warm queries --------------------------------------------------------------------------------------------


def _per_call(function: Callable[..., object], arguments: Sequence[tuple[Any, ...]], rounds: int) -> list[float]:
    """Seconds per call, one sample per round, each round calling once per argument tuple (all different)."""
    samples = []
    for _ in range(rounds):
        gc.disable()
        start = time.process_time()
        for args in arguments:
            function(*args)
        samples.append((time.process_time() - start) / len(arguments))
        gc.enable()
    return samples


def _empty(*_: object) -> None:
    return None


def warm(rounds: int) -> list[Row]:
    """Warm queries, each beside pycountry's warm lookups timed in the same rounds (a data package's anchor)."""
    import pycountry

    cir.events_between("2006", "2008")  # load the bundled data first
    pycountry.countries.get(alpha_2="CU")  # and pycountry's
    years = [str(y) for y in range(1960, 2026)]
    months = [f"{y}-{m:02d}" for y in range(1990, 2026) for m in (1, 4, 7, 10)]
    days = [f"{y}-{m:02d}-{d:02d}" for y in range(1995, 2026) for m, d in ((1, 5), (2, 28), (6, 15), (11, 30))]
    bounds = sorted({*years, *months, *days})
    pairs = [(bounds[i], bounds[j]) for i in range(0, len(bounds), 3) for j in range(i, len(bounds), 37)]
    fields = [(f,) for f in cir.Field] + [(f.value,) for f in cir.Field] + [(f.name,) for f in cir.Field]
    odd_fields = [(f.value.replace("_", "-").title(),) for f in cir.Field]  # spellings that need normalizing
    names = [(name,) for person in cir.people() for name in (person.name, *person.aliases, person.name.split()[-1])]
    alpha2 = [c.alpha_2 for c in pycountry.countries][:200]
    country_names = [c.name for c in pycountry.countries][:200]

    def get(code: str) -> object:
        return pycountry.countries.get(alpha_2=code)

    codes = [(code,) for code in alpha2]
    lookups = [(name,) for name in country_names]
    between = _per_call(cir.events_between, pairs, rounds)
    anchor_get = _per_call(get, codes, rounds)
    by_field = _per_call(cir.agreements_by_field, fields, rounds * 10)
    odd = _per_call(cir.agreements_by_field, odd_fields, rounds * 10)
    person = _per_call(cir.find_person, names, rounds * 10)
    anchor_lookup = _per_call(pycountry.countries.lookup, lookups, rounds)
    rows = []
    for figure, samples, anchor_name, anchor, limit, guard in (
        (
            f"warm `events_between` with string bounds ({len(pairs)} different pairs)",
            between,
            "pycountry `countries.get(alpha_2=...)`",
            anchor_get,
            3.0,
            6.0,
        ),
        (
            f"warm `agreements_by_field` ({len(fields)} different Field members, values and names)",
            by_field,
            "pycountry `countries.get(alpha_2=...)`",
            anchor_get,
            1.0,
            2.0,
        ),
        (
            "warm `agreements_by_field`, spellings to normalize ('Sugar-Industry'; no target)",
            odd,
            "pycountry `countries.get(alpha_2=...)`",
            anchor_get,
            None,
            None,
        ),
        (
            f"warm `find_person` ({len(names)} names, aliases and surnames)",
            person,
            "pycountry `countries.lookup(name)`",
            anchor_lookup,
            1.5,
            3.0,
        ),
    ):
        value, spread = _median_iqr(samples)
        row = Row(
            figure,
            value * 1e6,
            spread * 1e6,
            "µs",
            anchor_name,
            statistics.median(anchor) * 1e6,
            f"ratio ≤ {limit}" if limit else "",
        )
        if limit and row.ratio is not None:
            row.holds = row.ratio <= limit
            row.guard = guard is not None and row.ratio <= guard
        rows.append(row)
    return rows


# --- scale ---------------------------------------------------------------------------------------------------


def _events(n: int) -> list[Any]:
    """``n`` synthetic events as records, built by the package's converter as ``load()`` builds them."""
    from cuba_iran_relations._convert import converter

    structure = converter.get_structure_hook(cir.Event)
    records: list[Any] = []
    chunk = 100_000  # the JSON-ready dicts of 10^6 events would take a gigabyte at once
    data: list[Any] = generate.events(n)
    for begin in range(0, n, chunk):
        records += [structure(item, cir.Event) for item in data[begin : begin + chunk]]
        data[begin : begin + chunk] = [None] * len(data[begin : begin + chunk])
    return records


def _repeat(function: Callable[[], object], times: int) -> None:
    for _ in range(times):
        function()


def _best(function: Callable[[], object], repeat: int, clock: Callable[[], float] = time.process_time) -> list[float]:
    """Times of ``repeat`` calls by ``clock`` (CPU time by default). Each result is kept until its call is timed:
    freeing what a call returns (10^5 records take about 0.1 s to free) is not part of the call; it happens when
    the caller drops it."""
    samples = []
    for _ in range(repeat):
        start = clock()
        result = function()
        samples.append(clock() - start)
        del result
    return samples


# The probe window of the generated data (1905), as day ordinals, for the scan and the pandas mask.
FIRST, LAST = date(1905, 1, 1).toordinal(), date(1905, 12, 31).toordinal()


def scale(
    sizes: Sequence[int], repeat: int, engine_sizes: Sequence[int] = ()
) -> tuple[list[Row], list[dict[str, Any]]]:
    """``events_between`` beside a scan and a pandas mask at each size; at ``engine_sizes``, also the way out to
    an engine (see ``engine_rows``)."""
    import pandas as pd

    curve = []
    rows = []
    fixed: dict[int, float] = {}
    for n in sizes:
        data = cir.Dataset(events=_events(n))
        events = data.events()
        spans = [(e.date.earliest.toordinal(), e.date.latest.toordinal()) for e in events]
        frame = pd.DataFrame(spans, columns=["start", "end"])

        def query(data: cir.Dataset = data) -> tuple[Any, ...]:
            return data.events_between(generate.PROBE_START, generate.PROBE_END)

        def scan(events: Sequence[Any] = events, spans: list[tuple[int, int]] = spans) -> tuple[Any, ...]:
            return tuple(events[i] for i, (s, e) in enumerate(spans) if s <= LAST and e >= FIRST)

        def mask(events: Sequence[Any] = events, frame: Any = frame) -> tuple[Any, ...]:
            hits = frame.index[(frame["start"] <= LAST) & (frame["end"] >= FIRST)]
            return tuple(events[i] for i in hits)

        expected = query()
        same = expected == scan() == mask() and len(expected) == len(generate.PROBES)
        correct = _random_queries_agree(data, spans, events, 40)
        inner = max(1, 20_000 // max(len(expected), 1))
        query_samples = [t / inner for t in _best(functools.partial(_repeat, query, inner), repeat)]
        scan_samples = _best(scan, max(3, repeat // 3))
        mask_samples = _best(mask, max(3, repeat // 3))
        q, q_spread = _median_iqr(query_samples)
        fixed[n] = q
        s = statistics.median(scan_samples)
        m = statistics.median(mask_samples)
        curve.append({"n": n, "query_us": q * 1e6, "scan_us": s * 1e6, "mask_us": m * 1e6, "k": len(expected)})
        rows.append(
            Row(
                f"n = {n:,}: `events_between` for 1905 (k = {len(expected)})",
                q * 1e6,
                q_spread * 1e6,
                "µs",
                "linear scan",
                s * 1e6,
                note=f"same events as scan and mask: {same}; random queries "
                f"with long and open-ended intervals agree with a scan: {correct}",
            )
        )
        rows[-1].holds = same and correct
        rows.append(Row(f"n = {n:,}: same query, pandas boolean mask", m * 1e6, 0.0, "µs", "`events_between`", q * 1e6))
        if n == max(sizes):
            scan_row = rows[-2]
            speed_scan, speed_mask = s / q, m / q
            wanted = 1000 if n >= 10**6 else None
            scan_row.target = "scan ≥ 1000 × slower at 10^6" if wanted else ""
            rows.append(
                Row(
                    f"n = {n:,}: linear scan ÷ `events_between`",
                    speed_scan,
                    0.0,
                    "×",
                    target="≥ 1000 at 10^6" if wanted else "",
                    holds=speed_scan >= 1000 if wanted else None,
                    guard=speed_scan >= 5,
                )
            )
            rows.append(
                Row(
                    f"n = {n:,}: pandas mask ÷ `events_between`",
                    speed_mask,
                    0.0,
                    "×",
                    target="≥ 100 at 10^6" if wanted else "",
                    holds=speed_mask >= 100 if wanted else None,
                    guard=speed_mask >= 2,
                )
            )
        if n in engine_sizes:
            rows += engine_rows(data, n, q, max(3, repeat // 3))
        del data, events, frame
        gc.collect()
    low, high = min(sizes), max(sizes)
    growth = fixed[high] / fixed[low]
    rows.append(
        Row(
            f"`events_between` at k fixed: time at n = {high:,} ÷ time at n = {low:,}",
            growth,
            0.0,
            "×",
            target="≤ 3 (10^6 vs 10^3)",
            holds=growth <= 3 if high >= 10**6 else None,
            guard=growth <= 4,
        )
    )
    return rows, curve


def engine_rows(data: cir.Dataset, n: int, query_seconds: float, repeat: int) -> list[Row]:
    """The way out for users who outgrow records in memory: ``to_arrow`` and a Parquet file of the events, and
    DuckDB answering the same date-range question over that file, beside ``events_between`` in memory. Timed by
    the wall clock: pyarrow and DuckDB work on several threads, and CPU time would add the threads' times up."""
    import duckdb
    import pyarrow.parquet as pq

    build = _best(lambda: cir.Dataset(events=data.events()), 1, time.perf_counter)
    to_arrow = _best(lambda: data.to_arrow("events"), repeat, time.perf_counter)
    table = data.to_arrow("events")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.parquet"
        write = _best(lambda: pq.write_table(table, path), repeat, time.perf_counter)
        megabytes = path.stat().st_size / 2**20
        sql = (
            f"SELECT id FROM read_parquet('{path}') "
            f"WHERE date_earliest <= DATE '{date.fromordinal(LAST)}' AND date_latest >= DATE '{date.fromordinal(FIRST)}'"
        )
        connection = duckdb.connect()
        found = {row[0] for row in connection.sql(sql).fetchall()}
        expected = {event.id for event in data.events_between(generate.PROBE_START, generate.PROBE_END)}
        duck = _best(lambda: connection.sql(sql).fetchall(), repeat * 3, time.perf_counter)
        connection.close()
    arrow_s, arrow_spread = _median_iqr(to_arrow)
    write_s, write_spread = _median_iqr(write)
    duck_s, duck_spread = _median_iqr(duck)
    same = found == expected
    return [
        Row(
            f"n = {n:,}: `to_arrow('events')` (wall clock)",
            arrow_s,
            arrow_spread,
            "s",
            "`Dataset(events=...)` from the same records",
            build[0],
        ),
        Row(
            f"n = {n:,}: write that table to Parquet, {megabytes:.1f} MiB (wall clock)",
            write_s,
            write_spread,
            "s",
            "`to_arrow('events')`",
            arrow_s,
        ),
        Row(
            f"n = {n:,}: DuckDB, events of 1905 from the Parquet file (wall clock) — same events as "
            f"`events_between`: {same}",
            duck_s * 1e3,
            duck_spread * 1e3,
            "ms",
            "`events_between` in memory",
            query_seconds * 1e3,
            holds=same,
            guard=same,
        ),
    ]


def _random_queries_agree(data: Any, spans: list[tuple[int, int]], events: Sequence[Any], count: int) -> bool:
    """Both modes of ``events_between`` equal a scan for windows of a day to decades, some after 2025."""
    import random

    rng = random.Random(n := len(events))
    for _ in range(count):
        start = date(rng.randint(1900, 2040), rng.randint(1, 12), rng.randint(1, 28))
        end = date.fromordinal(start.toordinal() + rng.choice((0, 1, 30, 365, 3650, 20000)))
        a, b = start.toordinal(), end.toordinal()
        if data.events_between(start, end) != tuple(events[i] for i, (s, e) in enumerate(spans) if s <= b and e >= a):
            return False
        within = tuple(events[i] for i, (s, e) in enumerate(spans) if s >= a and e <= b)
        if data.events_between(start, end, mode="within") != within:
            return False
    return n == len(spans)


# --- load(path) ---------------------------------------------------------------------------------------------


def load_rows(n: int, repeat: int) -> list[Row]:
    """``load(path)`` throughput at n events beside ``json.loads`` of the same file, and what its parts cost
    (each part timed on its own)."""
    import attrs

    from cuba_iran_relations import _load
    from cuba_iran_relations._convert import converter

    structure = converter.get_structure_hook(cir.Event)
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate.write(Path(tmp) / f"synthetic-{n}", n)
        raw = (folder / "events.json").read_bytes()
        totals = _best(lambda: cir.load(folder), repeat)
        plain = _best(lambda: json.loads(raw), repeat)
        # The parts are timed as they run inside load(), which pauses the cyclic garbage collector.
        gc.disable()
        try:
            checked_json = _best(lambda: _load._read_json(folder, "events.json", []), repeat)
            parsed = json.loads(raw)
            structured = _best(lambda: [structure(item, cir.Event) for item in parsed], repeat)
            attrs.validators.set_disabled(True)
            try:
                unvalidated = _best(lambda: [structure(item, cir.Event) for item in parsed], repeat)
            finally:
                attrs.validators.set_disabled(False)
            records = [structure(item, cir.Event) for item in parsed]
            indexing = _best(lambda: cir.Dataset(events=records), repeat)
        finally:
            gc.enable()
    total = statistics.median(totals)
    rate = n / total
    parse_plain = statistics.median(plain)
    parse = statistics.median(checked_json)
    structure_time = statistics.median(unvalidated)
    validation = statistics.median(structured) - structure_time
    index = statistics.median(indexing)
    rest = total - parse - structure_time - validation - index
    rows = [
        Row(
            f"`load(path)` at n = {n:,}: events per second",
            rate,
            0.0,
            "events/s",
            "`json.loads` of events.json",
            n / parse_plain,
            note="ratio: load time ÷ json.loads time",
        ),
    ]
    rows[-1].ratio = total / parse_plain
    rows[-1].guard = rows[-1].ratio <= 40
    for part, seconds in (
        ("JSON parse (with the repeated-key check)", parse),
        ("building records with the cattrs converter (validators off)", structure_time),
        ("validation (the attrs validators)", validation),
        ("indexing and sorting (`Dataset(...)`)", index),
        ("the rest (reference checks, other files)", rest),
    ):
        rows.append(Row(f"  {part}", seconds * 1e3, 0.0, "ms", note=f"{seconds / total:.0%} of load"))
    return rows


# --- memory --------------------------------------------------------------------------------------------------

_MEMORY_CHILD = """
import gc, sys, tracemalloc
sys.path.insert(0, {here!r})
import cuba_iran_relations as cir
from cuba_iran_relations import _api, _convert
n = {n}
structure = _convert.converter.get_structure_hook(cir.Event)
if n:
    import generate
    data = generate.events(n)
    gc.collect()
    tracemalloc.start()
    records = [structure(item, cir.Event) for item in data]
    del data
    dataset = cir.Dataset(events=records)
else:
    gc.collect()
    tracemalloc.start()
    dataset = cir.dataset()
gc.collect()
print(tracemalloc.get_traced_memory()[0])
"""


def memory(n: int) -> list[Row]:
    def traced(size: int) -> int:
        code = _MEMORY_CHILD.format(here=str(HERE), n=size)
        return int(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, text=True).stdout)

    bundled = traced(0) / 2**20
    per_event = traced(n) / n
    return [
        Row(
            "memory the loaded bundled dataset adds (tracemalloc)",
            bundled,
            0.0,
            "MiB",
            target="≤ 2 MiB",
            holds=bundled <= 2,
            guard=bundled <= 3,
        ),
        Row(f"memory per event at n = {n:,} (records, dates, index)", per_event, 0.0, "bytes"),
    ]


# --- report --------------------------------------------------------------------------------------------------


def _format(value: float | None, unit: str = "") -> str:
    if value is None:
        return ""
    if abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3g}"
    return f"{text} {unit}".strip()


def table(rows: Sequence[Row], quick: bool) -> str:
    head = ["figure", "median", "spread (IQR)", "anchor", "anchor median", "ratio", "target", "holds"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        holds = "" if row.holds is None else ("yes" if row.holds else "**no**")
        if quick and row.guard is not None:
            holds = (holds + " " if holds else "") + ("(guard ok)" if row.guard else "(**guard failed**)")
        cells = [
            row.figure + (f" — {row.note}" if row.note else ""),
            _format(row.value, row.unit),
            _format(row.spread, row.unit) if row.spread else "",
            row.anchor,
            _format(row.anchor_value, row.unit if row.anchor else ""),
            _format(row.ratio) if row.ratio is not None else "",
            row.target,
            holds,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(curve: Sequence[dict[str, Any]], path: Path) -> None:
    """A log-log plot of query time against n for the index, a linear scan and a pandas mask."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [point["n"] for point in curve]
    figure, axes = plt.subplots(figsize=(7, 4.2), layout="constrained")
    for key, label, marker in (
        ("query_us", "events_between (interval index)", "o"),
        ("mask_us", "pandas boolean mask", "s"),
        ("scan_us", "linear scan", "^"),
    ):
        axes.plot(sizes, [point[key] for point in curve], marker=marker, label=label)
    axes.set(
        xscale="log",
        yscale="log",
        xlabel="events in the dataset (n)",
        ylabel="time per query (µs)",
        title=f"One query returning the same k = {curve[0]['k']} events at every n",
    )
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run guarding the ratios (for CI)")
    parser.add_argument("--curve", type=Path, help="write the scaling measurements to this JSON file")
    parser.add_argument("--plot", type=Path, help="draw the scaling curve to this image file (needs matplotlib)")
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="only the load(path) figures and their breakdown (seconds, not minutes)",
    )
    arguments = parser.parse_args()
    quick = arguments.quick
    started = time.perf_counter()
    if arguments.load_only:
        print(table(load_rows(10**4 if quick else 10**5, 3 if quick else 5), quick))
        return 0
    rows = cold_rows(cold(11 if quick else 41))
    # Guards for CI: generous, so that a loaded machine does not fail them, but a regression does.
    rows[0].guard = rows[0].ratio is not None and rows[0].ratio <= 0.5
    rows[1].guard = rows[1].ratio is not None and rows[1].ratio <= 2.5
    timeline = next(row for row in rows if "timeline" in row.figure)
    timeline.guard = timeline.ratio is not None and timeline.ratio <= 1.6
    rows += warm(5 if quick else 25)
    scale_rows, curve = scale(
        (10**3, 10**4) if quick else (10**3, 10**4, 10**5, 10**6),
        5 if quick else 15,
        engine_sizes=(10**4,) if quick else (10**5, 10**6),
    )
    rows += scale_rows
    rows += load_rows(10**4 if quick else 10**5, 3 if quick else 5)
    rows += memory(10**4 if quick else 10**5)
    print(
        f"cuba_iran_relations {cir.__version__} — {'quick' if quick else 'full'} run, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )
    print(
        f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print()
    print(table(rows, quick))
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if arguments.curve:
        arguments.curve.write_text(json.dumps(curve, indent=2) + "\n", encoding="utf-8")
    if arguments.plot:
        plot(curve, arguments.plot)
    if quick:
        failed = [row.figure for row in rows if row.guard is False]
        for figure in failed:
            print(f"guard failed: {figure}", file=sys.stderr)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
