"""Test-suite settings shared by every test module: Hypothesis profiles.

The default profile, ``ci``, is what ``.ci/run`` and the README's test command use: derandomized (the same
examples on every run, so a failure reproduces), a bounded number of examples, no example database written into
the tree. ``HYPOTHESIS_PROFILE=thorough`` runs many more, randomized examples when hunting for bugs locally.
"""

from __future__ import annotations

import os

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
