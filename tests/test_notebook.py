"""The example notebook runs top to bottom in a real Jupyter kernel and shows the HTML tables and the plot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "example.ipynb"


def test_example_notebook_executes_and_shows_html_tables_and_the_plot(tmp_path: Path) -> None:
    read: Any = nbformat.read  # untyped
    notebook = read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": tmp_path}})
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("cuba-iran-relations results" in h and "event:2008-iran-credit-line-to-cuba" in h for h in html)
    assert any("cuba-iran-relations record" in h and "agreement:2006-01-havana-cooperation-document" in h for h in html)
    assert any("<table" in h and "date_earliest" in h for h in html)  # a pandas DataFrame
    assert any("image/png" in o.get("data", {}) for o in outputs)
