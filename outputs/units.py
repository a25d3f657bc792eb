"""Units carried by result column names (``production_mtco2`` -> ``MtCO2/yr``), for axis labels."""

from __future__ import annotations

#: Column-name suffix -> unit, checked in this order (``_mtco2`` before ``_mt``).
SUFFIX_UNITS = {
    "_mtco2": "MtCO2/yr",
    "_mt": "Mt/yr",
    "_gw": "GW",
    "_twh": "TWh/yr",
    "_bn_cny": "bn CNY",
    "_cny_per_t": "CNY/tCO2",
    "_t_per_10k_cny": "tCO2 per 10k CNY",
    "_mtce": "Mtce/yr",
    "_share": "share",
}


def unit_of(column: str) -> str:
    """The unit a column name carries, or "" if its suffix names none.

    Parameters
    ----------
    column : str
        A result column name, e.g. ``"production_mtco2"``.

    Returns
    -------
    str
        e.g. ``"MtCO2/yr"``.
    """
    for suffix, unit in SUFFIX_UNITS.items():
        if column.endswith(suffix):
            return unit
    return ""
