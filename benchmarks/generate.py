"""Write a synthetic dataset folder in the package's own schema, with n events, for the scale benchmarks.

The folder holds every record file ``load()`` requires. Sources (with their texts and SHA-256), countries,
places, organizations, people and missions are copied from the bundled data, so every reference and citation
resolves and ``verify()`` passes; the events are synthetic and cite real quotes. Their dates mix precisions as
the real data does, with long and open-ended intervals so that an index assuming short events would fail:

- 45 % a day (``2006-01-15``), 25 % a month (``2006-01``), 20 % a year (``2006``), 1 % approximate (``2006~``);
- 6 % an interval of one to forty years (``1975/1979``, ``2006-01/2008-06``);
- 3 % open-ended (``1979/..``).

No event covers any day of 1905 except ten probe events (``PROBE_START`` to ``PROBE_END``: days, months, the
year and an interval): a query for 1905 returns the same ten events at every n, which is how the benchmarks
measure a query's cost at a fixed result size k while n grows.

Usage: ``python benchmarks/generate.py OUT_DIR --events 100000 [--seed 1]``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path
from typing import Any

import cuba_iran_relations

BUNDLED = Path(cuba_iran_relations.__file__).parent / "data"
COPIED = ("sources.json", "countries.json", "organizations.json", "places.json", "missions.json", "people.json")
EMPTY = ("agreements.json", "statements.json", "figures.json", "facts.json", "relations.json")
FIRST_YEAR, LAST_YEAR = 1950, 2025  # long intervals reach back 40 years, to 1910 at the earliest
PROBE_START, PROBE_END = "1905", "1905"
PROBES: tuple[str, ...] = (
    *("1905-01-10", "1905-03-02", "1905-03-02", "1905-07-31", "1905-12-31"),
    *("1905-02", "1905-11", "1905", "1905~", "1905-06/1905-09"),
)
KINDS = ("meeting", "visit", "agreement_signing", "credit_grant")


def _date(rng: random.Random) -> str:
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    month = rng.randint(1, 12)
    roll = rng.random()
    if roll < 0.45:
        return f"{year}-{month:02d}-{rng.randint(1, 28):02d}"
    if roll < 0.70:
        return f"{year}-{month:02d}"
    if roll < 0.90:
        return f"{year}"
    if roll < 0.91:
        return f"{year}~"
    if roll < 0.97:
        span = rng.randint(1, 40)
        if rng.random() < 0.5:
            return f"{year - span}/{year}"
        return f"{year - span}-{month:02d}/{year}-{rng.randint(1, 12):02d}"
    return f"{year}/.."


def events(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """``n`` synthetic events as JSON-ready objects, each citing a real quote of a bundled source."""
    rng = random.Random(seed)
    citations = _short_citations()
    result = []
    for i in range(n):
        event: dict[str, Any] = {
            "id": f"event:s-{i}",
            "date": PROBES[i] if i < len(PROBES) else _date(rng),
            "kind": rng.choice(KINDS),
            "participants": ["country:cu", "country:ir"],
            "summary": f"Synthetic event {i}.",
            "citations": [rng.choice(citations)],
        }
        if rng.random() < 0.5:
            event["location"] = "place:havana"
        if rng.random() < 0.5:
            event["cameo"] = rng.choice(("036", "040", "057"))
        result.append(event)
    return result


def _short_citations() -> list[dict[str, Any]]:
    """Citations of single words of the bundled sources ("Cuba", "Iran", "Havana") at their real offsets.

    Short quotes keep the files compact: ``load()`` refuses data files over ``MAX_FILE_BYTES``.
    """
    citations = []
    for source in json.loads((BUNDLED / "sources.json").read_text(encoding="utf-8")):
        text = (BUNDLED / source["text_file"]).read_text(encoding="utf-8")
        for word in ("Cuba", "Iran", "Havana"):
            start = text.find(word)
            if start >= 0:
                citations.append({"source_id": source["id"], "quote": word, "start": start, "end": start + len(word)})
    return citations


def write(folder: Path, n: int, seed: int = 1) -> Path:
    """Write a dataset folder with ``n`` synthetic events to ``folder`` (created or replaced); return it."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copytree(BUNDLED / "texts", folder / "texts")
    for name in COPIED:
        shutil.copyfile(BUNDLED / name, folder / name)
    for name in EMPTY:
        (folder / name).write_text("[]\n", encoding="utf-8")
    (folder / "metadata.json").write_text(json.dumps({"format": 2, "data_version": f"synthetic-{n}"}), encoding="utf-8")
    with (folder / "events.json").open("w", encoding="utf-8") as file:
        json.dump(events(n, seed), file, ensure_ascii=False, separators=(",", ":"))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--events", type=int, required=True, help="number of events")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    write(arguments.folder, arguments.events, arguments.seed)
    print(f"wrote {arguments.events} events to {arguments.folder}")


if __name__ == "__main__":
    main()
