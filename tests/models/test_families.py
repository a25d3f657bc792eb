"""FAMILIES is complete, every family has a hand-checked test, and names match the model."""

from __future__ import annotations

import ast
from pathlib import Path

import pyomo.environ as pyo
import pytest
from test_emissions import import_toy
from toys import SOURCE, steel_toy

from dualcarbon.models import CONSTRAINTS, FAMILIES, SWEEPABLE, build_model, policy_rows, set_policy

HERE = Path(__file__).parent


def _marked_families() -> set[str]:
    """Family codes in ``@pytest.mark.family("Cn")`` decorators of this folder's tests."""
    codes = set()
    for path in HERE.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "family"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(node.args[0].value)
    return codes


def test_every_family_has_a_test():
    """Calliope style: a family in FAMILIES without a marked test fails here."""
    marked = _marked_families()
    assert set(FAMILIES) == {f"C{n}" for n in range(1, 26)}
    assert set(FAMILIES) - marked == set(), "families without a test"
    assert marked - set(FAMILIES) == set(), "tests marked with unknown families"


def test_family_constraints_exist_with_their_index_names():
    toy = steel_toy().add(
        "retrofit_measures",
        measure="m",
        sector="steel",
        carrier="coal",
        tranche=1,
        max_share=0.1,
        cost_cny_per_unit_saved=1,
        lifetime_years=10,
        source=SOURCE,
    )
    model = build_model(toy.scenario())
    for code, family in FAMILIES.items():
        for info in family.constraints:
            component = model.component(info.name)
            assert isinstance(component, pyo.Constraint), f"{code}: {info.name} missing"
            assert component.dim() == len(info.index), f"{info.name}: index {info.index}"
    cons = {c.name for c in model.component_objects(pyo.Constraint)}
    assert cons == set(CONSTRAINTS), "a constraint of the model is not in FAMILIES"
    assert "C16_national_cap" in policy_rows() and "C12_electricity_balance" not in policy_rows()


def test_every_sweepable_name_is_accepted():
    model = build_model(import_toy().scenario())
    samples = {
        "transfer_policy": "strict",
        "regional_cap_share": {},
        "intensity_cap_t_per_10k_cny": {},
        "national_capacity_ceiling_mt": {},
        "national_cap_share": 1.0,
    }
    for name, spec in SWEEPABLE.items():
        value = samples.get(name, True if spec["value"] == "bool" else 0.0)
        set_policy(model, name, value)


def test_optional_tables_may_be_absent():
    """Without the optional tables (retrofits, ratios, security, circular, border, build
    limits, potentials) the model builds and solves: 9 Mt of stock at 0.5 → 4.5."""
    from toys import solve

    from dualcarbon.inputs.scenario import Scenario

    scenario = steel_toy().scenario()
    optional = {
        "retrofit_measures",
        "replacement_ratios",
        "supply_security",
        "circular_resources",
        "carbon_border",
        "power_build_limits",
        "renewable_potential",
    }
    tables = {k: t for k, t in scenario.tables.items() if k not in optional}
    model = build_model(Scenario(scenario.config, tables))
    assert solve(model) == pytest.approx(4.5)
