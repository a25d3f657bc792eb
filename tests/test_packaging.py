"""The repository layout installs as one `dualcarbon` package with its data."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

import dualcarbon as dc

ROOT = Path(__file__).resolve().parents[1]
ROOT_FOLDERS = ("models", "regions", "inputs", "solvers", "outputs")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_listed_in_pyproject():
    """A sub-package missing from `packages` works editable but is absent from the wheel."""
    setuptools = _pyproject()["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    mapping = setuptools["package-dir"]
    found = set()
    for top in ROOT_FOLDERS:
        assert mapping[f"dualcarbon.{top}"] == top
        for init in (ROOT / top).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT)
            found.add("dualcarbon." + ".".join(relative.parts))
    found.add("dualcarbon")
    # data-only folders (no __init__.py) are listed too, so that setuptools ships them unambiguously
    data_only = {name for name in listed - found if (ROOT / Path(*name.split(".")[1:])).is_dir()}
    assert found | data_only == listed, (
        f"missing from pyproject: {found - listed}; listed but absent: {listed - found - data_only}"
    )


def test_package_data_is_declared_for_every_data_folder():
    data = _pyproject()["tool"]["setuptools"]["package-data"]
    for package in (
        "dualcarbon.inputs.data",
        "dualcarbon.inputs.scenarios",
        "dualcarbon.regions.data",
    ):
        assert package in data


def test_tables_and_scenarios_are_readable_through_importlib_resources():
    tables = [
        p.name
        for p in resources.files("dualcarbon.inputs.data").iterdir()
        if p.name.endswith(".csv")
    ]
    scenarios = [p.name for p in resources.files("dualcarbon.inputs.scenarios").iterdir()]
    assert "economy.csv" in tables and "industry_capacity.csv" in tables
    assert "default.yaml" in scenarios
    assert (resources.files("dualcarbon.regions.data") / "provinces.csv").is_file()


def test_imported_package_is_the_mapped_one_not_a_bare_folder():
    assert dc.models.__name__ == "dualcarbon.models"
    assert "models" not in sys.modules or sys.modules["models"] is not dc.models


def test_version_and_lazy_api():
    assert dc.__version__ and dc.__version__ != "0+unknown"
    for name in ("load_scenario", "solve", "Result", "compare", "sweep", "diagnose"):
        assert callable(getattr(dc, name))


def test_import_is_light():
    """`import dualcarbon` must not pull in Pyomo, geopandas or matplotlib."""
    code = (
        "import sys, dualcarbon; heavy = [m for m in ('pyomo', 'geopandas', 'matplotlib', 'dask') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
