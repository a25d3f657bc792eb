"""Helpers shared by the family modules."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

import pyomo.environ as pyo


def checked(name: str, rule: Callable) -> Callable:
    """Wrap a constraint rule so that rows without any variable do not break construction.

    A row whose terms are all absent in the data (e.g. no surviving stock to retire) reduces to
    a Python bool: ``True`` rows are skipped; a ``False`` row means the data alone violate the
    family, which is reported with the row's name instead of failing later as "infeasible".
    """

    @wraps(rule)
    def wrapper(m, *index):
        row = rule(m, *index)
        if row is True:
            return pyo.Constraint.Skip
        if row is False:
            raise ValueError(
                f"{name}{list(index)} cannot hold: it has no decision variable and its data "
                "violate it; check the input tables for this row"
            )
        return row

    return wrapper
