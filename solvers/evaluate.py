"""Values of Pyomo expressions after a solve, each named sub-expression evaluated once.

The model's reporting expressions nest: ``emis_cons`` sums ``emis_prod``, which sums ``emis_ind``,
and so on. ``pyomo.environ.value`` walks every nested tree again for each expression that uses it,
so reading all reporting expressions of the default scenario walked about 370,000 nodes (0.9 s
of the 1.1 s a full table extraction took). :class:`ExpressionValues` evaluates a named expression
once and reuses its value wherever it appears, which is what lets a sweep read its metrics at the
solver's pace.
"""

from __future__ import annotations

from typing import Any

from pyomo.common.numeric_types import native_numeric_types


class ExpressionValues:
    """Memoised evaluation of expressions over the current variable and parameter values.

    Valid for one solution: make a new instance (or call :meth:`clear`) after the model's
    variables or mutable parameters change.

    Examples
    --------
    >>> values = ExpressionValues()  # doctest: +SKIP
    >>> {index: values(model.emis_prod[index]) for index in model.emis_prod}  # doctest: +SKIP
    """

    def __init__(self, linear: Any = None) -> None:
        self._named: dict[int, float] = {}
        #: optional ``named expression -> value or None`` (a compiled form, see
        #: :meth:`dualcarbon.solvers.persistent.PersistentPlan.linear_value`), tried first
        self._linear = linear

    def clear(self) -> None:
        """Forget every cached value (after a re-solve or a parameter change)."""
        self._named.clear()

    def __call__(self, expr: Any) -> float:
        """The value of ``expr`` (a number, variable, parameter or expression)."""
        return self._value(expr)

    def _value(self, node: Any) -> float:
        # one lookup per node class instead of two method calls per node: a sweep case walks
        # ~200,000 nodes for its metrics, and the calls were a third of that time
        kind = _KIND.get(node.__class__)
        if kind is None:
            kind = _KIND[node.__class__] = _kind(node)
        if kind is _EXPRESSION:
            return node._apply_operation([self._value(arg) for arg in node.args])
        if kind is _NUMBER:
            return node
        if kind is _NAMED:
            key = id(node)
            cached = self._named.get(key)
            if cached is None:
                if self._linear is not None:
                    cached = self._linear(node)
                if cached is None:
                    cached = self._value(node.expr)
                self._named[key] = cached
            return cached
        # variables, parameters and numeric constants; an unset variable raises here with
        # Pyomo's own message, as pyo.value would
        value = node.value
        if value is None:
            raise ValueError(f"No value for uninitialized object {node.name}")
        return value


_NUMBER, _LEAF, _NAMED, _EXPRESSION = "number", "leaf", "named", "expression"
#: node class -> how it is evaluated (a class answers is_expression_type() and
#: is_named_expression_type() the same way for all its instances)
_KIND: dict[type, str] = {}


def _kind(node: Any) -> str:
    if node.__class__ in native_numeric_types:
        return _NUMBER
    if not node.is_expression_type():
        return _LEAF
    return _NAMED if node.is_named_expression_type() else _EXPRESSION
