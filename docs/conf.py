"""Sphinx configuration for the cuba_iran_relations documentation.

The build must work offline (CI reaches only the package index), so nothing here fetches a URL at build time:
no intersphinx, no remote images.
"""

from __future__ import annotations

import cuba_iran_relations

project = "cuba_iran_relations"
author = "cuba_iran_relations developers"
copyright = "cuba_iran_relations developers; data CC BY-SA 4.0"  # noqa: A001 - the name Sphinx reads
version = cuba_iran_relations.__version__
release = version

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

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

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}

# Every doctest block starts with the package imported under its usual short name.
doctest_global_setup = "import cuba_iran_relations as cir"

nitpicky = True
