"""The ``cuba-iran-relations`` command line: list, query, search, verify, check and export a dataset.

Every command that reads data reads the bundled dataset, or with ``--data DIR`` a folder of the user's in the
same layout. Exit codes: 0 success, 1 a failure (a failed ``verify`` or ``check``, a broken ``--data`` folder,
an unwritable folder), 2 a usage error. Errors are one line each on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ._version import DATA_VERSION, __version__

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["main"]

PROG = "cuba-iran-relations"
LIST_FORMATS = ("text", "json", "csv")
EXPORT_FORMATS = ("csv", "json", "jsonl", "gdelt", "parquet", "sqlite")
SQLITE_FILE = "cuba-iran-relations.sqlite"


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


class Failure(Exception):
    """A command that could not do its work (a broken ``--data`` folder): its lines are reported, exit status 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Query the Cuba–Iran relations dataset.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__} (data {DATA_VERSION})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    reads_data = _Parser(add_help=False)
    reads_data.add_argument(
        "--data",
        metavar="DIR",
        help="a dataset folder of your own, laid out like the package's (default: the bundled data)",
    )

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, description=help_text, parents=[reads_data])

    def listing(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = command(name, help_text)
        sub.add_argument("--format", choices=LIST_FORMATS, default="text", help="output format (default: text)")
        return sub

    listing("timeline", "every event, in chronological order")
    events = listing("events", "events between two dates (both inclusive)")
    events.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    events.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    events.add_argument("--mode", choices=("overlaps", "within"), default="overlaps", help="default: overlaps")
    agreements = listing("agreements", "agreements, optionally those covering one field of cooperation")
    agreements.add_argument("--field", metavar="FIELD", help="a field such as 'banking' or 'sugar industry'")
    statements = listing("statements", "statements, optionally those of one speaker or about one record")
    statements.add_argument("--speaker", metavar="ID", help="the id of a speaker, such as person:fidel-castro")
    statements.add_argument("--about", metavar="ID", help="the id of what they are about, such as country:us")
    facts = listing("facts", "facts: characterizations, claims, positions")
    facts.add_argument("--topic", metavar="TOPIC", help="a topic such as 'nuclear' or 'trade'")
    listing("figures", "trade volumes and credit lines")
    listing("people", "everyone the sources name")
    listing("missions", "the embassies")
    listing("sources", "the source documents and their licenses")
    search = listing("search", "every record whose words hold all the words of TEXT (accents and case ignored)")
    search.add_argument("text", metavar="TEXT", help="the words to look for, such as 'radio marti'")
    command("verify", "check every quote and source hash")
    check = commands.add_parser(
        "check",
        help="check a dataset folder: load it, verify it, and check the coverage of every sentence",
        description=(
            "Load a dataset folder, verify its quotes and source hashes, and check that every sentence of its "
            "sources is cited or given a reason in uncited.json. Every problem is printed on its own line as "
            "'file: $.json.path: message'; the status is 0 when there is none, 1 otherwise."
        ),
    )
    check.add_argument("folder", metavar="DIR", help="the dataset folder to check")
    export = command("export", "write every record kind to files in a folder")
    export.add_argument("folder", metavar="DIR", help="folder to write (created if missing)")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="csv",
        help=(
            "file format (default: csv, with a Frictionless datapackage.json); gdelt: events with GDELT column "
            f"names; parquet: typed columns (extra arrow); sqlite: one database file, {SQLITE_FILE}"
        ),
    )
    site = command("site", "write the static reader site (HTML pages, opened from file://) to a folder")
    site.add_argument("folder", metavar="DIR", help="folder to write (created if missing); open DIR/index.html")
    return parser


def _one_line(text: object) -> str:
    """``text`` on one line: a line break inside a file name or a message is shown as ``\\n``."""
    return str(text).replace("\r", "\\r").replace("\n", "\\n")


def _text_line(record: Any, data: Dataset) -> str:
    """One readable line for a record in ``--format text``: its date, kind and words, then its id."""
    from ._models import Person, Source, record_date
    from ._words import name_of

    if isinstance(record, Person):
        aliases = f" (also {', '.join(record.aliases)})" if record.aliases else ""
        roles = "; ".join(_role_text(role, data) for role in record.roles)
        return f"{record.id:<30} {record.name}{aliases}: {roles}"
    if isinstance(record, Source):
        return f"{record.id:<42} {record.title} — {record.publisher}; license: {record.license}"
    when = record_date(record)
    kind = getattr(record, "kind", None) or getattr(record, "topic", None) or getattr(record, "status", None)
    words = name_of(record)
    extra = ""
    count = getattr(record, "stated_count", None)
    if count is not None:
        extra += f" (stated count: {count})"
    fields = getattr(record, "fields", None)
    if fields is not None:
        extra += f"; fields: {', '.join(sorted(f.value for f in fields)) or '-'}"
    date_text = when.edtf if when is not None else ""
    kind_text = getattr(kind, "value", "")
    speakers = getattr(record, "speakers", None)
    if speakers is not None:  # a statement: who said it
        words = f"{', '.join(str(getattr(data.get(s), 'name', s)) for s in speakers)}: {words}"
    return f"{date_text:<12} {kind_text:<22} {words}{extra}  [{record.id}]"


def _role_text(role: Any, data: Dataset) -> str:
    """A person's role with the name of its country: "former President of Cuba"."""
    country = role.country and getattr(data.get(role.country), "name", role.country)
    return " ".join(filter(None, (role.qualifier, role.title, country and f"of {country}")))


def _write_listing(records: Sequence[Any], record_type: type, fmt: str, out: TextIO, data: Dataset) -> None:
    if fmt == "json":
        from ._formats import json_text

        out.write(json_text(records))
    elif fmt == "csv":
        from ._formats import csv_text

        out.write(csv_text(records, record_type) if record_type is not object else _found_csv(records))
    else:
        out.writelines(_text_line(record, data) + "\n" for record in records)


def _found_csv(records: Sequence[Any]) -> str:
    """Records of any kinds (what ``search`` found) as CSV: each one's id, kind and label."""
    import csv

    from ._models import kind_of
    from ._words import name_of

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "kind", "label"])
    writer.writerows([record.id, kind_of(type(record)).name, name_of(record)] for record in records)
    return buffer.getvalue()


def _export(data: Dataset, folder: Path, fmt: str, out: TextIO) -> None:
    from ._formats import csv_text, json_text, jsonl_text
    from ._models import KINDS

    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        _export_gdelt(data.to_gdelt(), folder, out)
        return
    if fmt == "sqlite":
        from ._sqlite import write_sqlite

        path = folder / SQLITE_FILE
        tables = write_sqlite(data, path)
        out.write(f"wrote {_one_line(path)} ({len(tables)} tables, {dict(tables)['records']} records)\n")
        return
    if fmt == "parquet":
        from ._arrow import write_parquet

        for path, rows in write_parquet(data, folder):
            out.write(f"wrote {_one_line(path)} ({rows} records)\n")
        return
    for kind in KINDS:
        records = data.of_kind(kind.name)
        if fmt == "csv":
            text = csv_text(records, kind.cls)
        elif fmt == "jsonl":
            text = jsonl_text(records)
        else:
            text = json_text(records)
        path = folder / f"{kind.name}.{fmt}"
        path.write_text(text, encoding="utf-8", newline="")
        out.write(f"wrote {_one_line(path)} ({len(records)} records)\n")
    if fmt == "csv":
        from ._datapackage import datapackage_text

        descriptor = folder / "datapackage.json"
        descriptor.write_text(datapackage_text(data), encoding="utf-8", newline="\n")
        out.write(f"wrote {_one_line(descriptor)} (Frictionless Data Package descriptor)\n")
    if fmt == "json":
        # The rest of a dataset folder's layout, so that the export loads with --data once texts/ is beside it.
        from ._convert import unstructure
        from ._load import METADATA_FILE, REDIRECTS_FILE, UNCITED_FILE
        from ._models import FORMAT, Metadata

        metadata = Metadata(format=FORMAT, data_version=data.data_version)
        for name, value in (
            (METADATA_FILE, unstructure(metadata)),
            (UNCITED_FILE, unstructure(data.uncited())),
            (REDIRECTS_FILE, unstructure(data.redirects())),
        ):
            path = folder / name
            path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
            out.write(f"wrote {_one_line(path)}\n")


def _export_gdelt(rows: list[dict[str, Any]], folder: Path, out: TextIO) -> None:
    """Write ``events-gdelt.csv``: events with a CAMEO code, in GDELT event-table columns."""
    import csv
    import io

    from ._gdelt import GDELT_COLUMNS

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GDELT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = folder / "events-gdelt.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    out.write(f"wrote {_one_line(path)} ({len(rows)} events)\n")


def _dataset(folder: str | None) -> Dataset:
    """The bundled dataset, or the one in ``--data DIR``."""
    from . import _api
    from ._errors import DatasetError

    if folder is None:
        return _api.dataset()
    try:
        return _api.load(folder)
    except DatasetError as exc:
        raise Failure(*exc.problems) from None
    except (TypeError, ValueError, OSError) as exc:
        raise UsageError(f"--data: {exc}") from None


def _listings(args: argparse.Namespace, data: Dataset) -> dict[str, tuple[Callable[[], Sequence[Any]], type]]:
    """Each listing command's query of ``data`` and the type of record it lists."""
    from ._models import Agreement, Event, Fact, Figure, Mission, Person, Source, Statement

    return {
        "timeline": (data.events, Event),
        "events": (lambda: data.events_between(args.start, args.end, mode=args.mode), Event),
        "agreements": (
            lambda: data.agreements() if args.field is None else data.agreements_by_field(args.field),
            Agreement,
        ),
        "statements": (lambda: data.statements(speaker=args.speaker, about=args.about), Statement),
        "facts": (lambda: data.facts(topic=args.topic), Fact),
        "figures": (data.figures, Figure),
        "people": (data.people, Person),
        "missions": (data.missions, Mission),
        "sources": (data.sources, Source),
        "search": (lambda: data.search(args.text), object),
    }


def _check(folder: str, out: TextIO) -> int:
    """``check DIR``: every problem of the folder on its own line; 0 when there is none, 1 otherwise."""
    from . import _api
    from ._errors import DatasetError
    from ._sentences import coverage_problems

    try:
        data = _api.load(folder)
    except DatasetError as exc:
        problems = list(exc.problems)
    except (TypeError, ValueError, OSError) as exc:
        raise UsageError(f"check: {exc}") from None
    else:
        problems = [*data.verify().problems, *coverage_problems(data)]
    out.writelines(f"{_one_line(problem)}\n" for problem in problems)
    count = len(problems)
    verdict = "ok" if not count else f"{count} problem{'s' if count != 1 else ''}"
    out.write(f"{_one_line(folder)}: {verdict}\n")
    return 1 if count else 0


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.command in ("export", "check", "site") and (not args.folder or "\0" in args.folder):
        raise UsageError(
            f"{args.command}: got folder {args.folder!r}; expected a non-empty path without NUL characters"
        )
    if args.command == "check":
        return _check(args.folder, out)
    data = _dataset(args.data)
    listings = _listings(args, data)
    if args.command in listings:
        query, record_type = listings[args.command]
        try:
            records = query()
        except (TypeError, ValueError, LookupError) as exc:
            raise UsageError(str(exc.args[0] if exc.args else exc).splitlines()[0]) from None
        _write_listing(records, record_type, args.format, out, data)
        return 0
    if args.command == "verify":
        report = data.verify()
        out.writelines(f"problem: {_one_line(problem)}\n" for problem in report.problems)
        out.write(f"{'ok' if report.ok else 'FAILED'}: {report.checked} checks, {len(report.problems)} problems\n")
        return 0 if report.ok else 1
    if args.command == "site":
        from ._site import write_site

        written = write_site(data, args.folder)
        out.write(f"wrote {len(written)} files; open {_one_line(Path(args.folder) / 'index.html')}\n")
        return 0
    _export(data, Path(args.folder), args.format, out)
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    err = sys.stderr if err is None else err
    if argv is not None and (isinstance(argv, str) or not all(isinstance(arg, str) for arg in argv)):
        raise TypeError(f"argv: got {argv!r}; expected None or a sequence of str arguments")
    if out is None:
        if sys.stdout is None:  # started with standard output closed (``cuba-iran-relations timeline >&-``)
            _report(err, "standard output is closed")
            return 1
        out = sys.stdout
    try:
        # --help and --version print and end parsing with SystemExit: report that as the status, once what they
        # printed is written to ``out`` (argparse would ignore a failed write, to a full disk say).
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                args = _build_parser().parse_args(argv)
        except SystemExit as exc:
            out.write(printed.getvalue())
            out.flush()
            return exc.code if isinstance(exc.code, int) else 0
        status = _run(args, out)
        out.flush()  # a closed pipe or a full disk shows here, not at exit
        return status
    except UsageError as exc:
        _report(err, exc)
        return 2
    except Failure as exc:
        for problem in exc.args:
            _report(err, problem)
        return 1
    except BrokenPipeError:
        # The reader went away (``cuba-iran-relations timeline | head``): stop quietly, as other tools do, and
        # send what is still buffered for standard output nowhere, so that exiting does not report it either.
        _silence(out)
        return 1
    except OSError as exc:
        _silence(out)
        if os.name == "nt" and exc.errno == errno.EINVAL and out is sys.stdout:
            return 1  # how Windows reports a pipe whose reader went away (not as BrokenPipeError)
        _report(err, f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else ""))
        return 1
    except UnicodeEncodeError as exc:
        # Standard output cannot show the sources' characters (PYTHONIOENCODING=ascii, a legacy code page), or
        # a name holds a character no encoding writes (an undecodable file name, as a lone surrogate).
        wanted = exc.object[exc.start : exc.end]
        advice = "" if exc.encoding.replace("-", "").lower() == "utf8" else "; set PYTHONIOENCODING=utf-8"
        _report(err, f"the output encoding {exc.encoding!r} cannot write {wanted!a}{advice}")
        return 1
    except ValueError as exc:  # writing to a closed stream
        _report(err, exc)
        return 1
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130


def _report(err: TextIO, message: object) -> None:
    """One line on standard error, if there is one to write to."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        err.write(f"{PROG}: error: {_one_line(message)}\n")
        err.flush()


def _silence(out: TextIO) -> None:
    """Send what is still buffered for standard output nowhere, so that exiting does not fail on it again."""
    if out is sys.stdout:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
