"""The bundled data loads exactly once, however many threads make the first query at the same moment.

Each test runs in a fresh interpreter, so the bundled dataset is not loaded yet, and counts calls to the loader.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import json, sys, threading, time
    import cuba_iran_relations as cir
    from cuba_iran_relations import _load

    calls = []
    real_load = _load.load_bundled

    def counting_load():
        calls.append(threading.get_ident())
        time.sleep(0.2)  # widen the window in which other threads could start a second load
        return real_load()

    _load.load_bundled = counting_load
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
        "calls": len(calls),
        "errors": errors,
        "distinct": len({tuple(r.id for r in result) for result in results}),
        "same_objects": all(result == results[0] and all(a is b for a, b in zip(result, results[0])) for result in results),
        "ids": [r.id for r in results[0]],
        "expected": [r.id for r in query()],
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
    assert outcome["calls"] == 1
    assert outcome["distinct"] == 1
    assert outcome["same_objects"]
    assert outcome["ids"] == outcome["expected"]
    assert outcome["ids"]
