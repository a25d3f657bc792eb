"""The planning LP of MODEL.md (families C1–C23), built from a :class:`~dualcarbon.inputs.scenario.Scenario`.

``build_model`` is the entry point; ``FAMILIES`` names every constraint family and its rows;
``set_policy`` changes sweepable policy numbers of a built model without rebuilding it.
"""

from __future__ import annotations

from dualcarbon.models.build import build_model, model_data
from dualcarbon.models.calibration import base_year_emissions, calibration_report
from dualcarbon.models.emissions import carbon_leakage
from dualcarbon.models.families import CONSTRAINTS, FAMILIES, FAMILY_OF, policy_rows
from dualcarbon.models.policy import SWEEPABLE, set_policy

__all__ = [
    "CONSTRAINTS",
    "FAMILIES",
    "FAMILY_OF",
    "SWEEPABLE",
    "base_year_emissions",
    "build_model",
    "calibration_report",
    "carbon_leakage",
    "model_data",
    "policy_rows",
    "set_policy",
]
