"""Names of constraint rows for people: family, component and labelled index.

The solver layer knows constraint *families*, not provinces: everything here comes from
:data:`dualcarbon.models.families.CONSTRAINTS`, so a renamed or new family needs no change here.
"""

from __future__ import annotations

from typing import Any

from dualcarbon.models.families import CONSTRAINTS, FAMILY_OF, ConstraintInfo

#: Index names that become their own columns in tidy tables; others are joined into ``detail``.
COLUMNS = ("region", "sector", "period")


def constraint_catalogue() -> dict[str, ConstraintInfo]:
    """Constraint component name -> :class:`~dualcarbon.models.families.ConstraintInfo`."""
    return dict(CONSTRAINTS)


def labelled_index(name: str, index: Any) -> dict[str, Any]:
    """``("C5_replacement", ("Hebei", "steel", 2030))`` -> ``{"region": "Hebei", ...}``."""
    info = CONSTRAINTS[name]
    values = index if isinstance(index, tuple) else (index,)
    if index is None:
        values = ()
    return dict(zip(info.index, values, strict=False))


def describe_row(row) -> dict[str, Any]:
    """A Pyomo constraint row as ``family``, ``constraint``, ``region``, ``sector``, ``period``,
    ``detail`` (any other index labels) and ``unit``."""
    component = row.parent_component()
    name = component.local_name
    info = CONSTRAINTS.get(name)
    if info is None:  # a row outside FAMILIES (should not happen): still name it
        return {
            "family": "",
            "constraint": name,
            "region": None,
            "sector": None,
            "period": None,
            "detail": str(row.index()),
            "unit": "",
        }
    labels = labelled_index(name, row.index())
    detail = ", ".join(f"{k}={v}" for k, v in labels.items() if k not in COLUMNS)
    return {
        "family": FAMILY_OF[name],
        "constraint": name,
        "region": labels.get("region"),
        "sector": labels.get("sector"),
        "period": labels.get("period"),
        "detail": detail,
        "unit": info.dual_unit.split(" per ")[-1] if " per " in info.dual_unit else info.dual_unit,
    }
