"""The ``cuba-iran-relations`` command line: list, query, verify and export the bundled dataset.

Exit codes: 0 success, 1 a failure (a failed ``verify``, an unwritable folder), 2 a usage error. Errors are
one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from ._version import DATA_VERSION, __version__

__all__ = ["main"]

PROG = "cuba-iran-relations"
LIST_FORMATS = ("text", "json", "csv")
EXPORT_FORMATS = ("csv", "json", "jsonl", "gdelt")


class UsageError(Exception):
    """Bad arguments: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Query the Cuba–Iran relations dataset.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__} (data {DATA_VERSION})")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def listing(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--format", choices=LIST_FORMATS, default="text", help="output format (default: text)")
        return sub

    listing("timeline", "every event, in chronological order")
    events = listing("events", "events between two dates (both inclusive)")
    events.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    events.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    events.add_argument("--mode", choices=("overlaps", "within"), default="overlaps", help="default: overlaps")
    agreements = listing("agreements", "agreements, optionally those covering one field of cooperation")
    agreements.add_argument("--field", metavar="FIELD", help="a field such as 'banking' or 'sugar industry'")
    listing("people", "everyone the sources name")
    listing("sources", "the source documents and their licenses")
    commands.add_parser("verify", help="check every quote and source hash", description="check every quote and hash")
    export = commands.add_parser("export", help="write every record kind to files in a folder")
    export.add_argument("folder", metavar="DIR", help="folder to write (created if missing)")
    export.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default="csv",
        help="file format (default: csv, with a Frictionless datapackage.json); gdelt: events with GDELT column names",
    )
    return parser


def _name(record_id: str) -> str:
    """The display name of the record with this id in the bundled dataset."""
    from . import _api

    return str(getattr(_api.get(record_id), "name", record_id))


def _text_line(record: Any) -> str:
    """One readable line for a record in ``--format text``."""
    from ._models import Agreement, Event, Person, Source

    if isinstance(record, Event):
        return f"{record.date.edtf:<12} {record.kind.value:<22} {record.summary}  [{record.id}]"
    if isinstance(record, Agreement):
        count = f" (stated count: {record.stated_count})" if record.stated_count else ""
        fields = ", ".join(sorted(f.value for f in record.fields)) or "-"
        return (
            f"{record.signed.edtf:<12} {record.kind.value:<28} {record.title}{count}; fields: {fields}  [{record.id}]"
        )
    if isinstance(record, Person):
        aliases = f" (also {', '.join(record.aliases)})" if record.aliases else ""
        roles = "; ".join(
            " ".join(filter(None, (role.qualifier, role.title, role.country and f"of {_name(role.country)}")))
            for role in record.roles
        )
        return f"{record.id:<30} {record.name}{aliases}: {roles}"
    if isinstance(record, Source):
        return f"{record.id:<42} {record.title} — {record.publisher}; license: {record.license}"
    raise TypeError(f"no text form for {type(record).__name__}")  # pragma: no cover - every listing is above


def _write_listing(records: Sequence[Any], record_type: type, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        from ._formats import json_text

        out.write(json_text(records))
    elif fmt == "csv":
        from ._formats import csv_text

        out.write(csv_text(records, record_type))
    else:
        out.writelines(_text_line(record) + "\n" for record in records)


def _export(folder: Path, fmt: str, out: TextIO) -> None:
    from . import _api
    from ._formats import csv_text, json_text, jsonl_text
    from ._models import KINDS

    data = _api.dataset()
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "gdelt":
        _export_gdelt(data.to_gdelt(), folder, out)
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
        out.write(f"wrote {path} ({len(records)} records)\n")
    if fmt == "csv":
        from ._datapackage import datapackage_text

        descriptor = folder / "datapackage.json"
        descriptor.write_text(datapackage_text(data.data_version), encoding="utf-8")
        out.write(f"wrote {descriptor} (Frictionless Data Package descriptor)\n")


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
    out.write(f"wrote {path} ({len(rows)} events)\n")


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from . import _api
    from ._models import Agreement, Event, Person, Source

    listings: dict[str, tuple[Callable[[], Sequence[Any]], type]] = {
        "timeline": (_api.events, Event),
        "events": (lambda: _api.events_between(args.start, args.end, mode=args.mode), Event),
        "agreements": (
            lambda: _api.agreements() if args.field is None else _api.agreements_by_field(args.field),
            Agreement,
        ),
        "people": (_api.people, Person),
        "sources": (_api.sources, Source),
    }
    if args.command in listings:
        query, record_type = listings[args.command]
        try:
            records = query()
        except (TypeError, ValueError, LookupError) as exc:
            raise UsageError(str(exc).splitlines()[0]) from None
        _write_listing(records, record_type, args.format, out)
        return 0
    if args.command == "verify":
        report = _api.verify()
        out.writelines(f"problem: {problem}\n" for problem in report.problems)
        out.write(f"{'ok' if report.ok else 'FAILED'}: {report.checked} checks, {len(report.problems)} problems\n")
        return 0 if report.ok else 1
    if not args.folder or "\0" in args.folder:
        raise UsageError(f"export: got folder {args.folder!r}; expected a non-empty path without NUL characters")
    _export(Path(args.folder), args.format, out)
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    if argv is not None and (isinstance(argv, str) or not all(isinstance(arg, str) for arg in argv)):
        raise TypeError(f"argv: got {argv!r}; expected None or a sequence of str arguments")
    try:
        # --help and --version print to ``out`` and end parsing with SystemExit: report that as the status.
        try:
            with contextlib.redirect_stdout(out):
                args = _build_parser().parse_args(argv)
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 0
        status = _run(args, out)
        out.flush()  # a closed pipe shows here, not at exit
        return status
    except UsageError as exc:
        err.write(f"{PROG}: error: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (``cuba-iran-relations timeline | head``): stop quietly, as other tools do, and
        # send what is still buffered for standard output nowhere, so that exiting does not report it either.
        if out is sys.stdout:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        err.write(f"{PROG}: error: {exc.strerror or exc}: {exc.filename or ''}\n".replace(": \n", "\n"))
        return 1
    except UnicodeEncodeError as exc:
        # Standard output cannot show the sources' characters (PYTHONIOENCODING=ascii, a legacy code page).
        err.write(
            f"{PROG}: error: the output encoding {exc.encoding!r} cannot write {exc.object[exc.start : exc.end]!a}; "
            "set PYTHONIOENCODING=utf-8\n"
        )
        return 1
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
