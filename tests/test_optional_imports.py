"""Optional dependencies stay optional: importing the package, or reaching its data-ecosystem names, imports none."""

from __future__ import annotations

import subprocess
import sys

OPTIONAL = (
    *("pandas", "numpy", "matplotlib", "pyarrow", "polars", "frictionless", "jsonschema", "duckdb", "nbclient"),
    *("IPython", "attrs"),
)


def _imported_after(code: str) -> list[str]:
    script = f"""
import sys
{code}
print(' '.join(sorted(m for m in {OPTIONAL!r} if m in sys.modules)))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.split()


def test_importing_the_package_imports_no_optional_dependency() -> None:
    assert _imported_after("import cuba_iran_relations") == []


def test_reaching_the_data_ecosystem_functions_imports_neither_pandas_nor_matplotlib() -> None:
    code = """
import cuba_iran_relations as cir
cir.to_pandas, cir.to_records, cir.to_gdelt, cir.plot_timeline, cir.json_schema, cir.Results, cir.cameo_code
cir.to_arrow, cir.search, cir.write_site
records = cir.to_records("events")
html = cir.events()._repr_html_() + cir.events()[0]._repr_html_() + str(cir.events())
rows = cir.to_gdelt()
found = cir.search("sugar")
"""
    imported = _imported_after(code)
    for heavy in ("pandas", "numpy", "matplotlib", "pyarrow", "polars", "frictionless", "jsonschema", "duckdb"):
        assert heavy not in imported
