"""Check that the built distributions hold what users and packagers need.

The wheel must ship the typing marker, every data file, the source texts and the reader's templates; the sdist must carry the tests, the
docs and the changelog so that others can rebuild and test it. Usage: ``python .ci/check_dists.py DIST_DIR``.
"""

from __future__ import annotations

import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "cuba_iran_relations"
# Folders of package files that are not Python: the dataset and the reader's templates and assets.
RESOURCE_FOLDERS = ("data", "site")


def main(dist_dir: str) -> int:
    """Report what each distribution lacks; return 1 if anything is missing."""
    wheels = sorted(Path(dist_dir).glob("*.whl"))
    sdists = sorted(Path(dist_dir).glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"expected one wheel and one sdist in {dist_dir}, found {wheels + sdists}", file=sys.stderr)
        return 1
    wheel_names = set(zipfile.ZipFile(wheels[0]).namelist())
    wanted_in_wheel = {"cuba_iran_relations/py.typed"} | {
        f"cuba_iran_relations/{path.relative_to(PACKAGE).as_posix()}"
        for folder in RESOURCE_FOLDERS
        for path in (PACKAGE / folder).rglob("*")
        if path.is_file() and path.suffix in {".json", ".txt", ".html", ".css", ".js"}
    }
    with tarfile.open(sdists[0]) as sdist:
        # Drop the leading "name-version/" folder.
        sdist_names = {PurePosixPath(*PurePosixPath(name).parts[1:]).as_posix() for name in sdist.getnames()}
    wanted_in_sdist = {"CHANGELOG.md", "CITATION.cff", "README.md", "pyproject.toml", "docs/conf.py", "docs/index.md"}
    wanted_in_sdist |= {path.relative_to(ROOT).as_posix() for path in (ROOT / "tests").glob("test_*.py")}
    missing = [f"{wheels[0].name}: {name}" for name in sorted(wanted_in_wheel - wheel_names)]
    missing += [f"{sdists[0].name}: {name}" for name in sorted(wanted_in_sdist - sdist_names)]
    for line in missing:
        print(f"missing {line}", file=sys.stderr)
    if not missing:
        print(f"{wheels[0].name}: {len(wanted_in_wheel)} required files present")
        print(f"{sdists[0].name}: {len(wanted_in_sdist)} required files present")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
