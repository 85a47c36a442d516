"""The example notebooks run top to bottom in a real Jupyter kernel and show the HTML tables and the plot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

DOCS = Path(__file__).resolve().parent.parent / "docs"

# On Windows, asyncio's default (Proactor) event loop has no add_reader, which the client's ZeroMQ sockets need:
# pyzmq then serves them from a selector thread and says so in a RuntimeWarning, which would fail the test.
pytestmark = pytest.mark.filterwarnings("ignore:Proactor event loop does not implement add_reader:RuntimeWarning")


def _outputs(name: str, folder: Path) -> list[Any]:
    """Every output of the notebook ``docs/<name>``, run top to bottom in a real kernel; none may be an error."""
    read: Any = nbformat.read  # untyped
    notebook = read(DOCS / name, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": folder}})
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return outputs


def test_example_notebook_executes_and_shows_html_tables_and_the_plot(tmp_path: Path) -> None:
    outputs = _outputs("example.ipynb", tmp_path)
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("cuba-iran-relations results" in h and "event:2008-iran-credit-line-to-cuba" in h for h in html)
    assert any("cuba-iran-relations record" in h and "agreement:2006-01-havana-cooperation-document" in h for h in html)
    assert any("<table" in h and "date_earliest" in h for h in html)  # a pandas DataFrame
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_first_queries_notebook_shows_tables_that_name_what_records_refer_to(tmp_path: Path) -> None:
    outputs = _outputs("example-first-queries.ipynb", tmp_path)
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    tables = [h for h in html if "cuba-iran-relations results" in h]
    assert len(tables) >= 5  # events, agreements, statements, relations, visits
    assert any('<span title="person:fidel-castro">Fidel Castro</span>' in h for h in tables)  # a speaker by name
    assert any("“Two years ago”, in a news report of 1 April 2025" in h for h in tables)
    assert any("cuba-iran-relations record" in h and "event:2023-raisi-visit-to-cuba" in h for h in html)
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "Event event:2023-raisi-visit-to-cuba\n  date" in printed  # print(record): aligned text
    assert "Results: " in printed
