"""Set-up of the sweep tests: the toy backends importable, the toy fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from dualcarbon.inputs.config import ScenarioConfig
from dualcarbon.inputs.scenario import Scenario

# Tests run with --import-mode=importlib, which puts no test folder on sys.path; the toy
# backends are imported as a plain module from this folder.
_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

from sweep_toys import TOY_PERIODS, ToyBackend  # noqa: E402


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> ToyBackend:
    return ToyBackend(monkeypatch)


@pytest.fixture
def toy_scenario() -> Scenario:
    config = ScenarioConfig(name="toy", periods=list(TOY_PERIODS), transfer_policy="off")
    return Scenario(config, {"regions": pd.DataFrame({"region": ["a", "b"], "key_region": False})})
