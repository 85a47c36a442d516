"""The package as shipped: its data files and source texts, its public names, and its versions."""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import json
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

import cuba_iran_relations as cir

PACKAGE = files("cuba_iran_relations")
DATA = files("cuba_iran_relations.data")

# The sources' published SHA-256 hashes (shared/sources/README.md): the shipped texts must be byte for byte these.
PUBLISHED_SHA256 = {
    "texts/wikipedia-cuba-iran-relations.txt": "078176082fa74dd055ddd91adb259ed3e260fa54801549d2e784bc2fd53f6521",
    "texts/efe-14ymedio-2025-04-01.txt": "fff865bde93697ee16acd91bfe65f3add17134680bf94a4a2f2c059d6d4ac7b9",
}


def walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in folder.iterdir():
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from walk(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry


# --- the data files ---------------------------------------------------------------------------------------------


def test_every_shipped_data_file_is_readable_and_every_kind_has_its_record_file() -> None:
    shipped = dict(walk(DATA))
    assert set(PUBLISHED_SHA256) <= set(shipped)
    for name, entry in shipped.items():
        raw = entry.read_bytes()
        if name.endswith(".json"):
            json.loads(raw.decode("utf-8"))
        elif name.endswith(".txt"):
            raw.decode("utf-8")
    for kind in cir.KINDS:
        assert isinstance(json.loads(shipped[kind.file].read_bytes()), list), kind.file
    assert isinstance(json.loads(shipped["metadata.json"].read_bytes()), dict)
    assert len({kind.file for kind in cir.KINDS}) == len({kind.prefix for kind in cir.KINDS}) == len(cir.KINDS)


@pytest.mark.parametrize("text_file", sorted(PUBLISHED_SHA256))
def test_a_shipped_source_text_has_its_published_sha256(text_file: str) -> None:
    raw = DATA.joinpath(*text_file.split("/")).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == PUBLISHED_SHA256[text_file]


def test_each_source_record_names_its_text_and_published_hash() -> None:
    recorded = {source.text_file: source.sha256 for source in cir.sources()}
    assert recorded == PUBLISHED_SHA256
    for source in cir.sources():
        assert source.text == DATA.joinpath(*source.text_file.split("/")).read_text(encoding="utf-8")
        assert source.license
        assert source.attribution


def test_the_package_is_typed() -> None:
    assert PACKAGE.joinpath("py.typed").is_file()


# --- public names -----------------------------------------------------------------------------------------------


def isort_key(name: str) -> tuple[int, str]:
    """The order ruff (RUF022) keeps ``__all__`` in: CONSTANTS, then Classes, then everything else."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def test_all_is_sorted_and_unique() -> None:
    assert cir.__all__ == sorted(cir.__all__, key=isort_key)
    assert len(set(cir.__all__)) == len(cir.__all__)


def test_every_public_name_resolves_and_is_listed_by_dir() -> None:
    listed = dir(cir)
    for name in cir.__all__:
        assert getattr(cir, name) is not None, name
        assert name in listed, name


@pytest.mark.parametrize(
    "name", ["events", "events_between", "get", "find_person", "load", "verify", "dataset", "PartialDate", "Field"]
)
def test_the_specs_api_is_public(name: str) -> None:
    assert name in cir.__all__


def test_an_unknown_attribute_raises_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = cir.no_such_thing  # type: ignore[attr-defined]  # type checkers refuse it too: __getattr__ is hidden


def test_type_checkers_see_the_same_names_as_run_time() -> None:
    # The TYPE_CHECKING imports and the eager imports of __init__.py are what mypy and IDEs see.
    tree = ast.parse(Path(cir.__file__).read_text(encoding="utf-8"))
    seen: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            seen.update(alias.asname or alias.name for alias in node.names)
    assert seen == set(cir.__all__)


# --- versions ---------------------------------------------------------------------------------------------------


def version_file_constants() -> dict[str, str]:
    tree = ast.parse(PACKAGE.joinpath("_version.py").read_text(encoding="utf-8"))
    constants: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    constants[target.id] = node.value.value
    return constants


def test_version_is_the_one_in_version_py_and_in_the_installed_metadata() -> None:
    assert cir.__version__ == version_file_constants()["__version__"]
    assert cir.__version__ == importlib.metadata.version("cuba-iran-relations")


def test_data_version_is_the_one_in_version_py_and_metadata_json() -> None:
    metadata = json.loads(DATA.joinpath("metadata.json").read_text(encoding="utf-8"))
    assert version_file_constants()["DATA_VERSION"] == cir.DATA_VERSION
    assert metadata["data_version"] == cir.DATA_VERSION
    assert cir.dataset().data_version == cir.DATA_VERSION


ZIP_SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, sys.argv[1])
    import cuba_iran_relations as cir

    assert cir.__file__.startswith(sys.argv[1]), cir.__file__
    report = cir.verify()
    print(json.dumps({
        "records": {kind.name: cir.to_records(kind.name) for kind in cir.KINDS},
        "problems": report.problems,
        "checked": report.checked,
        "roots_on_disk": [isinstance(source.root, os.PathLike) for source in cir.sources()],
        "coverage": [[s.source_id, s.text, s.cited_by, s.reason] for s in cir.coverage_report()],
        "events_2006": [e.id for e in cir.events_between("2006", "2006")],
    }))
    """
)


def test_the_package_imported_from_a_zip_archive_reads_the_same_data_and_verifies(tmp_path: Path) -> None:
    """Zipped, the package reads its data through importlib.resources, not from a folder on disk: the records,
    the quotes' verification and the coverage report are those of the installed package."""
    archive = tmp_path / "cuba_iran_relations.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        for name, entry in walk(PACKAGE):
            if not name.endswith((".pyc", ".pyo")):
                packed.writestr(f"cuba_iran_relations/{name}", entry.read_bytes())
    done = subprocess.run(
        [sys.executable, "-I", "-c", ZIP_SCRIPT, str(archive)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    zipped = json.loads(done.stdout)
    assert zipped["records"] == {kind.name: cir.to_records(kind.name) for kind in cir.KINDS}
    assert zipped["problems"] == []
    assert zipped["checked"] == cir.verify().checked
    assert zipped["roots_on_disk"] == [False] * len(cir.sources())
    assert zipped["coverage"] == [[s.source_id, s.text, list(s.cited_by), s.reason] for s in cir.coverage_report()]
    assert zipped["events_2006"] == [e.id for e in cir.events_between("2006", "2006")]


def test_the_licenses_are_stated_alike_in_the_metadata_the_license_file_and_the_docs() -> None:
    project = Path(__file__).resolve().parents[1]
    expression = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]["license"]
    terms = set(expression.split(" AND "))
    license_data = (project / "LICENSE-DATA").read_text(encoding="utf-8")
    licensing_page = (project / "docs" / "license.md").read_text(encoding="utf-8")
    assert f"`{expression}`" in licensing_page
    for source in cir.sources():
        assert source.text_file in license_data  # each shipped text is licensed by name
        assert source.license in licensing_page
        if source.open_license:
            assert "CC BY-SA 4.0" in source.license
            assert "CC-BY-SA-4.0" in terms
        else:  # words under neither the code's nor the data's license: named as an exception everywhere
            assert any(term.startswith("LicenseRef-") for term in terms)
            assert f'"{source.id}"' in license_data
            assert "not licensed under CC BY-SA 4.0" in license_data
    assert terms == {"MIT", "CC-BY-SA-4.0", "LicenseRef-EFE-14ymedio"}
