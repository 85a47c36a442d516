"""The bundled data loads exactly once, however many threads make the first query at the same moment.

This is the one home of thread-safe loading. Each test runs in a fresh interpreter, so the bundled dataset is
not loaded yet, and counts the reads of the data with an audit hook (PEP 578): every open of the bundled
``events.json``. The hook also holds the first reader for a moment, so that the other threads reach the
dataset while it is being read.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import json, os, sys, threading, time
    from importlib.resources import as_file, files

    import cuba_iran_relations as cir

    with as_file(files("cuba_iran_relations.data").joinpath("events.json")) as path:
        EVENTS = os.path.realpath(path)
    reads = []

    def count_reads(event, args):
        if event == "open" and isinstance(args[0], str) and os.path.realpath(args[0]) == EVENTS:
            reads.append(threading.get_ident())
            time.sleep(0.2)  # widen the window in which other threads could start a second read

    sys.addaudithook(count_reads)
    QUERIES = {
        "events_between": lambda: cir.events_between("1975", "2025"),
        "agreements_by_field": lambda: cir.agreements_by_field("banking"),
        "events": lambda: cir.events(),
        "statements": lambda: cir.statements(speaker="country:cu"),
        "get": lambda: (cir.get("event:2008-iran-credit-line-to-cuba"),),
        "dataset": lambda: tuple(cir.dataset()),
    }
    query = QUERIES[sys.argv[1]]
    threads = 32
    barrier = threading.Barrier(threads)
    results = [None] * threads
    errors = []

    def worker(slot):
        barrier.wait()
        try:
            results[slot] = query()
        except BaseException as exc:
            errors.append(repr(exc))

    pool = [threading.Thread(target=worker, args=(slot,)) for slot in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    print(json.dumps({
        "reads": len(reads),
        "errors": errors,
        "same_objects": all(
            len(result) == len(results[0]) and all(a is b for a, b in zip(result, results[0])) for result in results
        ),
        "ids": [r.id for r in results[0]],
        "expected": [r.id for r in query()],
        "reads_after": len(reads),
    }))
    """
)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("query", ["events_between", "agreements_by_field", "events", "statements", "get", "dataset"])
def test_32_threads_making_the_first_query_at_once_load_the_data_once_and_agree(query: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, query], capture_output=True, text=True, timeout=100, check=False
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["errors"] == []
    assert outcome["reads"] == 1
    assert outcome["reads_after"] == 1  # a later query reads nothing either
    assert outcome["same_objects"]
    assert outcome["ids"]
    assert outcome["ids"] == outcome["expected"]
