"""The README's examples run and print what it shows."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> str:
    return "\n".join(re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL))


def test_readme_examples_run_as_shown() -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(python_blocks(), {}, "README.md", str(README), 0)
    assert test.examples, "the README has no examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test)
    assert result.failed == 0
