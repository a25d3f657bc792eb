"""A self-contained HTML report of one planning result: headline figures, tables and maps.

The report reads a result only through its tidy tables (``result.tables``), its metadata
(``result.metadata``) and ``result.summary()``; any object with those three attributes works.
Images are embedded as base64 PNG data URIs, so the single HTML file can be mailed or
published as it is. Sections whose tables are absent say so instead of failing.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from dualcarbon.outputs import maps

if TYPE_CHECKING:
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

#: Statuses under which results are reported without a warning banner.
_OK_STATUSES = {"optimal"}
#: At most this many periods are drawn as small multiples (first and last always included).
MAX_MAP_PANELS = 6
#: Rows of the ranked tables (provinces, corridors, leakage).
TOP_ROWS = 10


class ResultLike(Protocol):
    """What :func:`write_report` needs from a result."""

    tables: Mapping[str, pd.DataFrame]
    metadata: Mapping[str, Any]

    def summary(self) -> str: ...


# --- HTML pieces ----------------------------------------------------------------------------


def _figure_html(fig: Figure, caption: str, dpi: int) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    text = html.escape(caption)
    return (
        f'<figure><img src="data:image/png;base64,{encoded}" alt="{text}">'
        f"<figcaption>{text}</figcaption></figure>"
    )


def _table_html(frame: pd.DataFrame, caption: str, *, index: bool = False) -> str:
    body = frame.to_html(
        index=index, border=0, escape=True, na_rep="–", float_format=lambda x: f"{x:,.4g}"
    )
    return f"<h3>{html.escape(caption)}</h3>\n{body}"


def _note(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


def _table(tables: Mapping[str, pd.DataFrame], name: str, columns: Sequence[str]):
    """The table if present with the columns needed, else ``None`` and a note why."""
    frame = tables.get(name)
    if frame is None:
        return None, _note(f"Table '{name}' is not in this result.")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        return None, _note(f"Table '{name}' lacks columns {missing}.")
    if frame.empty:
        return None, _note(f"Table '{name}' is empty.")
    return frame, ""


def pick_periods(periods: Sequence[int], n: int = MAX_MAP_PANELS) -> list[int]:
    """At most ``n`` evenly spaced periods, the first and the last always included."""
    ordered = sorted(pd.Series(periods).drop_duplicates().tolist())  # plain Python scalars
    if len(ordered) <= n:
        return ordered
    positions = np.unique(np.linspace(0, len(ordered) - 1, n).round().astype(int))
    return [ordered[i] for i in positions]


# --- sections -------------------------------------------------------------------------------


def _identity(result: ResultLike) -> tuple[str, str, float | None]:
    """Scenario name, status and objective of a result.

    A :class:`~dualcarbon.solvers.result.Result` holds them as attributes (``Result.load`` takes
    them out of ``metadata.json``); other result-like objects may keep them in ``metadata``.
    """
    meta = result.metadata
    scenario = getattr(result, "scenario", None) or meta.get("scenario") or "unnamed scenario"
    status = getattr(result, "status", None) or meta.get("status") or "unknown"
    status = getattr(status, "value", status)  # SolveStatus is a StrEnum: its plain value
    objective = getattr(result, "objective_bn_cny", None)
    if objective is None:
        objective = meta.get("objective_bn_cny")
    return str(scenario), str(status), objective


def _headline(result: ResultLike, tables: Mapping[str, pd.DataFrame]) -> str:
    meta = result.metadata
    scenario, status, objective = _identity(result)
    items: list[tuple[str, str]] = [("Scenario", scenario), ("Solver status", status)]
    if objective is not None:
        items.append(("Total discounted cost", f"{objective:,.1f} bn CNY"))
    national, _ = _table(tables, "national", ["period", "emissions_mtco2"])
    if national is not None:
        national = national.sort_values("period").set_index("period")
        emissions = national["emissions_mtco2"]
        first, last, peak = emissions.index[0], emissions.index[-1], emissions.idxmax()
        items += [
            (f"Emissions {first}", f"{emissions.loc[first]:,.0f} MtCO2/yr"),
            (f"Emissions {last}", f"{emissions.loc[last]:,.0f} MtCO2/yr"),
            ("Peak period (modelled)", f"{peak} ({emissions.loc[peak]:,.0f} MtCO2/yr)"),
        ]
        if "cap_shadow_price_cny_per_t" in national.columns:
            price = national.loc[last, "cap_shadow_price_cny_per_t"]
            if pd.notna(price):
                items.append((f"Cap shadow price {last}", f"{price:,.0f} CNY/tCO2"))
    cards = "".join(
        f'<div><div class="label">{html.escape(k)}</div><div class="value">{html.escape(v)}</div></div>'
        for k, v in items
    )
    parts = ["<h2>Headline</h2>", f'<div class="headline">{cards}</div>']
    timings = meta.get("timings_s", meta.get("timings"))
    if isinstance(timings, Mapping) and timings:
        frame = pd.DataFrame({"step": list(timings), "seconds": list(timings.values())})
        parts.append(_table_html(frame, "Timings (s)"))
    summary = result.summary()
    if summary:
        parts.append(f"<h3>Summary</h3><pre>{html.escape(summary)}</pre>")
    return "\n".join(parts)


def _pathway_figure(national: pd.DataFrame) -> Figure:
    from matplotlib.figure import Figure

    national = national.sort_values("period")
    fig = Figure(figsize=(7.5, 3.8), layout="constrained")
    ax = fig.add_subplot()
    ax.plot(national["period"], national["emissions_mtco2"], marker="o", label="Emissions")
    if "cap_mtco2" in national.columns and national["cap_mtco2"].notna().any():
        ax.plot(
            national["period"], national["cap_mtco2"], ls="--", marker="_", label="National cap"
        )
    ax.set_ylabel("MtCO2/yr")
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    handles, labels = ax.get_legend_handles_labels()
    if (
        "cap_shadow_price_cny_per_t" in national.columns
        and national["cap_shadow_price_cny_per_t"].notna().any()
    ):
        twin = ax.twinx()
        twin.plot(
            national["period"],
            national["cap_shadow_price_cny_per_t"],
            color="tab:red",
            ls=":",
            marker="s",
            label="Cap shadow price (dual of the cap)",
        )
        twin.set_ylabel("CNY/tCO2")
        twin.set_ylim(bottom=0)
        more_handles, more_labels = twin.get_legend_handles_labels()
        handles, labels = handles + more_handles, labels + more_labels
    ax.legend(handles, labels, loc="best", frameon=False)
    ax.set_title("National emissions pathway")
    return fig


def _national(tables, dpi: int) -> str:
    parts = ["<h2>National pathway</h2>"]
    national, note = _table(tables, "national", ["period", "emissions_mtco2"])
    if national is None:
        return "\n".join([*parts, note])
    parts.append(_figure_html(_pathway_figure(national), "National emissions pathway", dpi))
    parts.append(
        _table_html(national.sort_values("period"), "National emissions, cap and carbon price")
    )
    return "\n".join(parts)


def _emissions(tables, dpi: int) -> str:
    parts = ["<h2>Provincial emissions</h2>"]
    columns = ["region", "period", "production_mtco2"]
    emissions, note = _table(tables, "emissions", columns)
    if emissions is None:
        return "\n".join([*parts, note])
    periods = pick_periods(emissions["period"].unique())
    first, last = periods[0], periods[-1]
    shown = emissions[emissions["period"].isin(periods)]
    fig = maps.plot_small_multiples(
        shown,
        "production_mtco2",
        facet="period",
        unit="MtCO2/yr",
        scheme="quantiles",
        title="Production-based CO2 emissions",
    )
    parts.append(
        _figure_html(fig, f"Production-based emissions, {', '.join(map(str, periods))}", dpi)
    )
    if first != last:
        a = emissions[emissions["period"] == first]
        b = emissions[emissions["period"] == last]
        fig = maps.plot_difference_map(
            a, b, "production_mtco2", unit="MtCO2/yr", title=f"Change {first}→{last}"
        )
        parts.append(
            _figure_html(fig, f"Change in production-based emissions, {first} to {last}", dpi)
        )
    final = emissions[emissions["period"] == last]
    if "consumption_mtco2" in emissions.columns:
        net = final.assign(net_mtco2=final["consumption_mtco2"] - final["production_mtco2"])
        fig = maps.plot_difference_map(
            net,
            None,
            "net_mtco2",
            unit="MtCO2/yr",
            title=f"Consumption minus production emissions, {last}",
        )
        parts.append(
            _figure_html(
                fig, f"Consumption minus production emissions in {last} (> 0: net importer)", dpi
            )
        )
    ranked = final.drop(columns="period").sort_values("production_mtco2", ascending=False)
    parts.append(_table_html(ranked.head(TOP_ROWS), f"Largest emitters in {last} (MtCO2/yr)"))
    return "\n".join(parts)


def _economy(tables, dpi: int) -> str:
    parts = ["<h2>Economy</h2>"]
    economy, note = _table(
        tables, "economy", ["region", "period", "carbon_intensity_t_per_10k_cny"]
    )
    if economy is None:
        return "\n".join([*parts, note])
    last = economy["period"].max()
    final = economy[economy["period"] == last]
    fig = maps.plot_map(
        final,
        "carbon_intensity_t_per_10k_cny",
        unit="tCO2 per 10,000 CNY",
        scheme="quantiles",
        cmap="magma_r",
        title=f"Carbon intensity of GDP, {last}",
    )
    parts.append(_figure_html(fig, f"Carbon intensity of GDP by province, {last}", dpi))
    if "gdp_bn_cny" in economy.columns:
        totals = economy.groupby("period", as_index=False)[["gdp_bn_cny"]].sum()
        parts.append(_table_html(totals, "National GDP (bn CNY, base-year prices)"))
    return "\n".join(parts)


def _flow_section(
    tables,
    name: str,
    value_col: str,
    *,
    heading: str,
    unit: str,
    dpi: int,
    group: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> str:
    parts = [f"<h2>{html.escape(heading)}</h2>"]
    flows, note = _table(tables, name, ["from_region", "to_region", "period", value_col])
    if flows is None:
        return "\n".join([*parts, note])
    last = flows["period"].max()
    final = flows[flows["period"] == last]
    final = (
        final.groupby(["from_region", "to_region"], as_index=False)[value_col].sum()
        if group is None
        else group(final)
    )
    fig = maps.plot_flow_map(final, value_col, unit=unit, title=f"{heading}, {last}")
    parts.append(_figure_html(fig, f"{heading}, {last}", dpi))
    ranked = final.sort_values(value_col, ascending=False).head(TOP_ROWS)
    parts.append(_table_html(ranked, f"Largest {heading.lower()}, {last} ({unit})"))
    return "\n".join(parts)


def _leakage(tables) -> str:
    parts = ["<h2>Carbon leakage</h2>"]
    leakage, note = _table(tables, "leakage", ["region", "sector", "period", "leakage_mtco2"])
    if leakage is None:
        return "\n".join([*parts, note])
    by_sector = leakage.pivot_table(
        index="sector", columns="period", values="leakage_mtco2", aggfunc="sum"
    )
    parts.append(_table_html(by_sector, "Leakage by sector (MtCO2/yr)", index=True))
    last = leakage["period"].max()
    ranked = (
        leakage[leakage["period"] == last]
        .drop(columns="period")
        .sort_values("leakage_mtco2", key=np.abs, ascending=False)
        .head(TOP_ROWS)
    )
    parts.append(_table_html(ranked, f"Largest provincial leakage, {last} (MtCO2/yr)"))
    return "\n".join(parts)


def _sector_tables(tables) -> str:
    parts = ["<h2>Power, industry and costs</h2>"]
    specs = [
        ("power", "technology", "capacity_gw", "Installed power capacity by technology (GW)"),
        ("power", "technology", "generation_twh", "Power generation by technology (TWh/yr)"),
        ("industry", "sector", "production_mt", "Industrial production by sector (Mt/yr)"),
        ("industry", "sector", "capacity_mt", "Industrial capacity by sector (Mt/yr)"),
        ("costs", "kind", "cost_bn_cny", "System costs by kind (bn CNY)"),
    ]
    for name, row, value, caption in specs:
        frame, note = _table(tables, name, [row, "period", value])
        if frame is None:
            parts.append(note)
            continue
        pivot = frame.pivot_table(index=row, columns="period", values=value, aggfunc="sum")
        parts.append(_table_html(pivot, caption, index=True))
    return "\n".join(parts)


def _quota_by_pair(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.groupby(["from_region", "to_region"], as_index=False)["quota_mt"].sum()


def write_report(
    result: ResultLike, path: str | os.PathLike[str], *, title: str | None = None, dpi: int = 110
) -> Path:
    """Write a self-contained HTML report of a planning result.

    Parameters
    ----------
    result : ResultLike
        A :class:`~dualcarbon.solvers.result.Result` (its ``scenario``, ``status`` and
        ``objective_bn_cny`` attributes and ``metadata["timings_s"]``), or any object with
        ``tables`` (dict of tidy DataFrames: ``emissions``, ``national``, ``industry``,
        ``power``, ``flows``, ``quota_transfers``, ``leakage``, ``economy``, ``costs``; any may
        be missing), ``metadata`` (there ``scenario``, ``status``, ``objective_bn_cny``,
        ``timings_s``) and ``summary()``.
    path : path-like
        Target ``.html`` file; written atomically (temporary file, then :func:`os.replace`).
    title : str, optional
        Default ``"dualcarbon report: <scenario>"``.
    dpi : int, default 110
        Resolution of the embedded PNG images.

    Returns
    -------
    pathlib.Path
        The written file. A result whose status is not optimal is still reported, under a
        warning banner, so that failed runs can be inspected.
    """
    from dualcarbon import __version__

    start = time.perf_counter()
    tables: Mapping[str, pd.DataFrame] = result.tables
    scenario, status, _ = _identity(result)
    title = title or f"dualcarbon report: {scenario}"
    body: list[str] = []
    if status.lower() not in _OK_STATUSES:
        body.append(
            f'<p class="warning"><strong>Solver status: {html.escape(status)}.</strong> '
            "The figures below are not an optimal plan; do not publish them.</p>"
        )
    body += [
        _headline(result, tables),
        _national(tables, dpi),
        _emissions(tables, dpi),
        _economy(tables, dpi),
        _flow_section(
            tables,
            "flows",
            "electricity_twh",
            heading="Inter-provincial electricity flows",
            unit="TWh/yr",
            dpi=dpi,
        ),
        _flow_section(
            tables,
            "flows",
            "embodied_co2_mt",
            heading="CO2 embodied in electricity flows",
            unit="MtCO2/yr",
            dpi=dpi,
        ),
        _flow_section(
            tables,
            "quota_transfers",
            "quota_mt",
            heading="Capacity-replacement quota transfers",
            unit="Mt capacity",
            dpi=dpi,
            group=_quota_by_pair,
        ),
        _leakage(tables),
        _sector_tables(tables),
    ]
    page = Template(
        resources.files("dualcarbon.outputs").joinpath("templates/report.html").read_text("utf-8")
    ).substitute(
        title=html.escape(title),
        version=html.escape(__version__),
        meta=html.escape(f"Scenario {scenario} · status {status}"),
        body="\n".join(body),
    )
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as f:
            f.write(page)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    logger.info("wrote report %s in %.1f s", target, time.perf_counter() - start)
    return target
