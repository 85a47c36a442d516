"""CAMEO event codes: each code's root code, quad class and Goldstein score, from GDELT's published lookups.

The table is package data (``data/reference/cameo-gdelt.json``) with its provenance: GDELT's
``CAMEO.goldsteinscale.txt`` and ``CAMEO.eventcodes.txt``, not ICEWS's mapping (the two differ for some codes).
It holds only the codes the bundled events use and their root codes; a code it lacks gets ``None`` rather than
an estimate.
"""

from __future__ import annotations

import functools
import json
import re
from importlib.resources import files
from typing import Any

import attrs
from attrs import validators as v

__all__ = ["CameoCode", "cameo_code", "cameo_table"]

_CODE_RE = re.compile(r"[0-9]{2,4}", re.ASCII)


@attrs.frozen(kw_only=True)
class CameoCode:
    """A CAMEO event code with its root code, GDELT quad class and GDELT Goldstein score.

    ``name``, ``quad_class`` and ``goldstein`` are ``None`` where GDELT's table, as shipped, has no value.
    """

    code: str = attrs.field(validator=v.matches_re(r"[0-9]{2,4}"))
    name: str | None = attrs.field(validator=v.optional(v.instance_of(str)))
    root_code: str = attrs.field(validator=v.matches_re(r"[0-9]{2}"))
    root_name: str | None = attrs.field(validator=v.optional(v.instance_of(str)))
    quad_class: int | None = attrs.field(validator=v.optional(v.in_((1, 2, 3, 4))))
    goldstein: float | None = attrs.field(validator=v.optional(v.and_(v.instance_of(float), v.ge(-10.0), v.le(10.0))))

    @root_code.validator
    def _check_root(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not self.code.startswith(value):
            raise ValueError(f"root_code: got {value!r}; expected the first two digits of code {self.code!r}")


@functools.cache
def cameo_table() -> dict[str, Any]:
    """The shipped lookup table with its provenance, as read from ``data/reference/cameo-gdelt.json``."""
    text = files("cuba_iran_relations.data").joinpath("reference", "cameo-gdelt.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def cameo_code(code: str) -> CameoCode:
    """What GDELT's lookups say about CAMEO event code ``code`` (``"057"``).

    Raises ``TypeError`` if ``code`` is not a ``str`` and ``ValueError`` if it is not two to four digits. A
    well-formed code the table lacks gives ``None`` for what it cannot say; the root code is always its first two
    digits.
    """
    if not isinstance(code, str):
        raise TypeError(
            f"code: got {type(code).__name__} {code!r:.80}; expected a CAMEO event code string such as '057'"
        )
    if not _CODE_RE.fullmatch(code):
        raise ValueError(f"code: got {code!r:.80}; expected a CAMEO event code of two to four digits, such as '057'")
    return _looked_up(str(code))


@functools.cache
def _looked_up(code: str) -> CameoCode:
    """``cameo_code`` of a well-formed code, cached: events ask for the same few codes again and again."""
    table = cameo_table()
    root_code = code[:2]
    root = table["roots"].get(root_code, {})
    entry = table["codes"].get(code) or (root if code == root_code else {})
    goldstein = entry.get("goldstein")
    return CameoCode(
        code=code,
        name=entry.get("name"),
        root_code=root_code,
        root_name=root.get("name"),
        quad_class=root.get("quad_class"),
        goldstein=None if goldstein is None else float(goldstein),
    )
