"""Safe by construction: loading a user's folder and querying it writes nothing and touches no network; the
package's code never evaluates, executes or unpickles anything.

The first tests run the package in a fresh interpreter with Python's audit hooks (PEP 578) recording every
file opened for writing, every file-system change and every socket operation, with socket creation blocked
as well, and compare the user's folder and the temporary folder before and after. The last scans the
package's source for eval, exec, compile, pickle, marshal and network modules.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cuba_iran_relations as cir

PACKAGE = Path(cir.__file__).parent

WATCHER = textwrap.dedent(
    """
    import json, os, socket, sys
    sys.dont_write_bytecode = True  # the interpreter's own .pyc caching is not the package writing

    violations = []
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    CHANGES = ("os.mkdir", "os.remove", "os.rename", "os.rmdir", "os.symlink", "os.link", "os.truncate",
               "os.chmod", "os.chown", "os.utime", "os.mkfifo", "os.mknod", "shutil.", "tempfile.", "subprocess.",
               "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "pickle.", "urllib.", "http.",
               "ftplib.", "smtplib.", "socket.", "ctypes.")

    def watch(event, args):
        if event == "open":
            path, mode, flags = args
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITE_FLAGS
            )
            if writes and path not in (1, 2):
                violations.append(f"open for writing: {path!r} {mode!r} {flags!r}")
        elif event.startswith(CHANGES):
            violations.append(f"{event}: {args!r}"[:300])

    def no_socket(*args, **kwargs):
        violations.append("socket.socket called")
        raise OSError("network access is blocked in this test")

    socket.socket = no_socket
    socket.create_connection = no_socket
    sys.addaudithook(watch)

    import cuba_iran_relations as cir

    folder, broken = sys.argv[1], sys.argv[2]
    data = cir.load(folder)
    report = data.verify()
    results = [
        data.events_between(1970, 2030), data.events_between("2006", "2006", mode="within"),
        data.agreements_by_field("banking"), data.events(kind="agreement_signing"), data.statements(),
        data.facts(), data.figures(), data.people(), data.missions(), data.sources(), data.relations_history(),
        data.relations_status(1977), data.find_person("Raisi"), report, cir.coverage_report(data),
        [source.text for source in data.sources()], data.to_records("events"), data.to_gdelt(),
    ]
    try:
        cir.load(broken)
    except cir.DatasetError:
        pass
    bundled = [cir.events_between(1970, 2030), cir.verify(), cir.coverage_report(), cir.dataset().to_records("events")]
    print(json.dumps({"violations": violations, "records": len(data), "verified": report.ok}))
    """
)


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder below ``folder`` (itself included): size, modification time and content hash."""
    found = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        found[str(path.relative_to(folder))] = (info.st_size, info.st_mtime_ns, digest)
    return found


def test_loading_and_querying_a_users_folder_writes_nothing_and_opens_no_socket(tmp_path: Path) -> None:
    folder = tmp_path / "user-data"
    shutil.copytree(PACKAGE / "data", folder, ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    (broken / "events.json").write_text("[{", encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    before = snapshot(folder), snapshot(broken), snapshot(temp)
    environment = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    done = subprocess.run(
        [sys.executable, "-c", WATCHER, str(folder), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=environment,
        cwd=temp,
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome["violations"] == []
    # The watched run did read the whole folder and check every quote against the texts it read.
    assert outcome["records"] == len(cir.dataset())
    assert outcome["verified"]
    assert (snapshot(folder), snapshot(broken), snapshot(temp)) == before


def test_the_watcher_sees_writes_and_sockets(tmp_path: Path) -> None:
    """The audit hooks above would catch the package writing or connecting: show them catching both."""
    script = WATCHER.split("import cuba_iran_relations as cir")[0] + textwrap.dedent(
        f"""
        open({str(tmp_path / "written.txt")!r}, "w").close()
        try:
            socket.socket()
        except OSError:
            pass
        print(json.dumps(violations))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    violations = json.loads(done.stdout)
    assert any("written.txt" in v for v in violations)
    assert "socket.socket called" in violations


# What the package's code must never use: evaluation of text as code, deserializers that run code, and anything
# that reaches the network or starts processes.
FORBIDDEN_CALLS = {"eval", "exec", "compile", "breakpoint"}
FORBIDDEN_MODULES = {
    "pickle",
    "cPickle",
    "_pickle",
    "marshal",
    "shelve",
    "dill",
    "cloudpickle",
    "joblib",
    "yaml",
    "socket",
    "ssl",
    "urllib",
    "http",
    "ftplib",
    "smtplib",
    "requests",
    "httpx",
    "aiohttp",
    "asyncio",
    "subprocess",
    "ctypes",
}


def unsafe_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in FORBIDDEN_CALLS:
                found.append(f"{where}: {node.func.id}()")
            if node.func.id == "__import__":
                # Only constant module names, or the package's own submodules named in __init__'s fixed table.
                argument = node.args[0] if node.args else None
                constant = isinstance(argument, ast.Constant)
                own = path.name == "__init__.py" and isinstance(argument, ast.JoinedStr)
                if not (constant or own):
                    found.append(f"{where}: __import__ of a computed name")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            called = (node.value.id, node.attr)
            if called in {("os", "system"), ("os", "popen"), ("pickle", "loads")}:
                found.append(f"{where}: {node.value.id}.{node.attr}")
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        module = node.module if isinstance(node, ast.ImportFrom) and node.level == 0 else None
        if module and module.split(".")[0] in FORBIDDEN_MODULES:
            found.append(f"{where}: from {module} import ...")
    return found


def test_the_package_never_evaluates_executes_unpickles_or_reaches_the_network() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 5
    assert [problem for path in sources for problem in unsafe_uses(path)] == []


@pytest.mark.parametrize(
    "code",
    ["eval(text)", "exec(code)", "import pickle", "from marshal import loads", "import urllib.request", "os.system(x)"],
)
def test_the_source_scan_finds_each_forbidden_use(tmp_path: Path, code: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(f"import os\n{code}\n", encoding="utf-8")
    assert unsafe_uses(module) != []


def test_the_package_ships_no_pickled_or_compiled_data() -> None:
    shipped = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert [p for p in shipped if p.suffix in {".pkl", ".pickle", ".npy", ".joblib", ".marshal", ".db"}] == []
