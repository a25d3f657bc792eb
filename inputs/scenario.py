"""The :class:`Scenario`: one validated configuration plus the tidy tables it runs on."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pandas as pd

from dualcarbon.inputs.config import ScenarioConfig


@dataclass(frozen=True)
class Scenario:
    """A planning scenario ready to be built into a model.

    Parameters
    ----------
    config : ScenarioConfig
        Policy numbers and switches.
    tables : Mapping[str, pandas.DataFrame]
        Validated tidy input tables by name (see ``docs/tables.md``), plus ``regions``: the
        registry rows of the regions in scope (``region``, ``key_region``, ``macro_region``, ...).
    origin : str, optional
        Where the scenario came from (a shipped name or a file path), for reports.
    """

    config: ScenarioConfig
    tables: Mapping[str, pd.DataFrame]
    origin: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    @property
    def name(self) -> str:
        """The scenario's name (``config.name``)."""
        return self.config.name

    def table(self, name: str) -> pd.DataFrame:
        """One input table by name; raises ``KeyError`` naming the tables that exist."""
        try:
            return self.tables[name]
        except KeyError:
            raise KeyError(f"no input table {name!r}; tables: {sorted(self.tables)}") from None

    def with_config(self, **changes: Any) -> Scenario:
        """A copy with top-level config fields replaced (validated again)."""
        data = self.config.model_dump()
        data.update(changes)
        return Scenario(ScenarioConfig.model_validate(data), self.tables, self.origin)

    def fingerprint(self) -> str:
        """SHA-256 of the configuration and every table's content, for result metadata."""
        digest = hashlib.sha256()
        digest.update(json.dumps(self.config.model_dump(mode="json"), sort_keys=True).encode())
        for name in sorted(self.tables):
            digest.update(name.encode())
            digest.update(
                pd.util.hash_pandas_object(self.tables[name], index=False).to_numpy().tobytes()
            )
        return digest.hexdigest()
