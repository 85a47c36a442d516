"""What every test module shares: Hypothesis profiles, and ``folder``, a copy of the bundled data to change.

The default profile, ``ci``, is what ``.ci/run`` and the README's test command use: derandomized (the same
examples on every run, so a failure reproduces), a bounded number of examples, no example database written into
the tree. ``HYPOTHESIS_PROFILE=thorough`` runs many more, randomized examples when hunting for bugs locally.
"""

from __future__ import annotations

import os
import shutil
from importlib.resources import as_file, files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled data folder at ``tmp_path/data``, for a test to change and load. (The limits and
    corruption suites define a folder of their own.)"""
    target = tmp_path / "data"
    with as_file(files("cuba_iran_relations.data")) as bundled:
        shutil.copytree(bundled, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target
