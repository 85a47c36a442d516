"""Optional dependencies (the package's extras), imported only by the functions that need them."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["import_extra"]


def import_extra(module: str, *, feature: str, package: str, extra: str) -> Any:
    """Import ``module`` for ``feature``, or raise ``ImportError`` saying which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{feature} needs {package}, which is an optional extra: pip install 'cuba-iran-relations[{extra}]'"
        ) from exc
