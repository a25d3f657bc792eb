"""dualcarbon: a province-by-province least-cost planner for China's dual-carbon goals.

The public API is small::

    import dualcarbon as dc
    scenario = dc.load_scenario("default")
    result = dc.solve(scenario)
    result.table("emissions")
    result.plot_map("emissions_mtco2", period=2030)

Heavy modules (Pyomo, geopandas, matplotlib, dask) load on first use, so ``import dualcarbon``
stays fast.
"""

from __future__ import annotations

import importlib
import importlib.util
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("dualcarbon")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

# Imported straight from a source checkout (e.g. `python -m dualcarbon` run in the repository root,
# which puts the root first on sys.path) only this shim is found, not the installed mapping of the
# root folders; let the sub-packages resolve to the folders beside it.
_checkout = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("dualcarbon.inputs") is None and (_checkout / "inputs").is_dir():
    __path__.append(str(_checkout))

# public name -> "module:attribute"; resolved lazily by __getattr__
_API = {
    "load_scenario": "dualcarbon.inputs.load:load_scenario",
    "Scenario": "dualcarbon.inputs.scenario:Scenario",
    "ScenarioConfig": "dualcarbon.inputs.config:ScenarioConfig",
    "build_model": "dualcarbon.models:build_model",
    "solve": "dualcarbon.solvers.solve:solve",
    "Result": "dualcarbon.solvers.result:Result",
    "diagnose": "dualcarbon.solvers.diagnose:diagnose",
    "sweep": "dualcarbon.solvers.sweep:sweep",
    "SweepResult": "dualcarbon.solvers.sweep:SweepResult",
    "mga": "dualcarbon.solvers.mga:mga",
    "MGAResult": "dualcarbon.solvers.mga:MGAResult",
    "uncertainty": "dualcarbon.solvers.uncertainty:uncertainty",
    "UncertaintyResult": "dualcarbon.solvers.uncertainty:UncertaintyResult",
    "compare": "dualcarbon.outputs.compare:compare",
    "show_versions": "dualcarbon._versions:show_versions",
}
_SUBPACKAGES = {"models", "regions", "inputs", "solvers", "outputs"}

__all__ = sorted([*_API, *_SUBPACKAGES, "__version__"])

if TYPE_CHECKING:  # pragma: no cover
    from dualcarbon import inputs, models, outputs, regions, solvers  # noqa: F401
    from dualcarbon.inputs.config import ScenarioConfig  # noqa: F401
    from dualcarbon.inputs.load import load_scenario  # noqa: F401
    from dualcarbon.inputs.scenario import Scenario  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"dualcarbon.{name}")
    if name in _API:
        module, attribute = _API[name].split(":")
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dualcarbon' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
