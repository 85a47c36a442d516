"""Sphinx configuration for the cuba_iran_relations documentation.

The build must work offline (CI reaches only the package index), so nothing here fetches a URL at build time:
no intersphinx, no remote images.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

import cuba_iran_relations

sys.path.insert(0, str(Path(__file__).parent / "_ext"))  # the local extension that renders data tables

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains.python import PythonDomain
    from sphinx.environment import BuildEnvironment

project = "cuba_iran_relations"
author = "cuba_iran_relations developers"
copyright = "cuba_iran_relations developers; data CC BY-SA 4.0"
version = cuba_iran_relations.__version__
release = version

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "sphinxarg.ext",
    "sphinx_copybutton",
    "cir_tables",
]

# A code block's copy button copies the commands and the Python, not the prompts (">>> ", "... ", "$ ") nor
# the output lines after them.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# myst-nb parses Markdown pages (it includes myst-parser) and executes notebooks with a real Jupyter kernel.
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3
nb_execution_mode = "force"  # run every notebook on every build, so a broken example fails the docs
nb_execution_raise_on_error = True
nb_execution_timeout = 120

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints", "jupyter_execute"]

html_theme = "furo"
html_title = f"cuba_iran_relations {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]  # the sidebar shows the project's long name whole

autodoc_member_order = "bysource"
autodoc_typehints = "description"

# Without intersphinx (the build must not fetch inventories), references to the standard library cannot resolve;
# they are left as plain text rather than reported.
nitpick_ignore_regex = [
    (
        r"py:(class|mod|exc|func|data|obj)",
        r"(datetime|decimal|enum|os|pathlib|collections\.abc|importlib(\..*)?|typing)(\..*)?|Path",
    ),
    # The optional extras' types, named as the annotations name them.
    (r"py:class", r"(pd|pandas|pa|pyarrow|matplotlib)\..*|Axes"),
]

# Every doctest block starts with the package imported under its usual short name.
doctest_global_setup = "import cuba_iran_relations as cir"

nitpicky = True


def _resolve_public_name(app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element) -> Element | None:
    """Point references to a private module's class (how annotations name it) at its public, documented name."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target:
        return None
    name = target.rsplit(".", 1)[-1]
    domain = cast("PythonDomain", env.get_domain("py"))
    for candidate in (f"cuba_iran_relations.{name}", f"cuba_iran_relations._sentences.{name}"):
        if candidate in domain.objects and candidate != target:
            node["reftarget"] = candidate
            return domain.resolve_xref(env, node["refdoc"], app.builder, node["reftype"], candidate, node, contnode)
    return None


def setup(app: Sphinx) -> None:
    """Register the reference resolver above."""
    app.connect("missing-reference", _resolve_public_name)
