"""The self-contained HTML report, on a small fake result for the 31 provinces."""

from __future__ import annotations

import base64
import re
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from dualcarbon.outputs.report import pick_periods, write_report
from dualcarbon.regions import province_table

PERIODS = [2020, 2030, 2060]
REGIONS = province_table(planned_only=True)["region"].tolist()
IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">')


@pytest.fixture(autouse=True)
def _no_pyplot_leaks():
    yield
    leaked = plt.get_fignums()
    plt.close("all")
    assert leaked == [], "the report registered figures with pyplot"


def _fake_tables() -> dict[str, pd.DataFrame]:
    """Tidy tables with the names and columns of the result contract, deterministic values."""
    rng = np.random.default_rng(0)
    index = pd.MultiIndex.from_product([REGIONS, PERIODS], names=["region", "period"]).to_frame(
        index=False
    )
    decline = index["period"].map({2020: 1.0, 2030: 1.1, 2060: 0.1})
    production = rng.gamma(2.0, 150.0, len(index)) * decline
    emissions = index.assign(
        production_mtco2=production,
        consumption_mtco2=production * rng.uniform(0.8, 1.2, len(index)),
    )
    national = (
        emissions.groupby("period", as_index=False)["production_mtco2"]
        .sum()
        .rename(columns={"production_mtco2": "emissions_mtco2"})
        .assign(
            cap_mtco2=[np.nan, 12_000.0, 1_500.0], cap_shadow_price_cny_per_t=[0.0, 80.0, 450.0]
        )
    )
    economy = index.assign(
        gdp_bn_cny=rng.uniform(500, 12_000, len(index)),
        va_industry_bn_cny=rng.uniform(100, 4_000, len(index)),
    )
    economy["carbon_intensity_t_per_10k_cny"] = (
        emissions["production_mtco2"] * 100 / economy["gdp_bn_cny"]
    )
    flows = pd.DataFrame(
        {
            "from_region": ["Inner Mongolia", "Sichuan", "Yunnan", "Xinjiang"] * 3,
            "to_region": ["Beijing", "Jiangsu", "Guangdong", "Henan"] * 3,
            "period": np.repeat(PERIODS, 4),
            "electricity_twh": np.arange(1.0, 13.0) * 20,
        }
    )
    flows["embodied_co2_mt"] = flows["electricity_twh"] * 0.5
    quota = pd.DataFrame(
        {
            "from_region": ["Hebei", "Hebei", "Shandong"],
            "to_region": ["Guangxi", "Guangxi", "Yunnan"],
            "sector": ["steel", "cement", "steel"],
            "period": [2030, 2030, 2030],
            "quota_mt": [5.0, 3.0, 2.0],
        }
    )
    leakage = pd.DataFrame(
        {
            "region": ["Guangxi", "Yunnan", "Hebei"] * 2,
            "sector": ["steel", "steel", "cement"] * 2,
            "period": [2030] * 3 + [2060] * 3,
            "leakage_mtco2": [4.2, 1.1, -2.5, 0.7, 0.2, -0.4],
        }
    )
    power = pd.DataFrame(
        {
            "region": np.repeat(REGIONS[:2], 4),
            "technology": ["coal", "solar_pv"] * 4,
            "period": [2020, 2020, 2060, 2060] * 2,
            "capacity_gw": [10.0, 2.0, 0.0, 30.0] * 2,
            "new_build_gw": [0.0, 0.0, 0.0, 28.0] * 2,
            "generation_twh": [50.0, 2.5, 0.0, 40.0] * 2,
        }
    )
    industry = pd.DataFrame(
        {
            "region": ["Hebei", "Hebei"],
            "sector": ["steel", "steel"],
            "technology": ["bf_bof", "eaf"],
            "period": [2020, 2020],
            "capacity_mt": [250.0, 20.0],
            "new_build_mt": [0.0, 0.0],
            "early_retirement_mt": [0.0, 0.0],
            "production_mt": [220.0, 15.0],
        }
    )
    costs = pd.DataFrame(
        {
            "kind": ["capex", "fuel", "capex"],
            "period": [2020, 2020, 2030],
            "cost_bn_cny": [1.0, 2.0, 3.0],
        }
    )
    return {
        "emissions": emissions,
        "national": national,
        "economy": economy,
        "flows": flows,
        "quota_transfers": quota,
        "leakage": leakage,
        "power": power,
        "industry": industry,
        "costs": costs,
    }


def _fake_result(
    status: str = "optimal", scenario: str = "test <scenario>", **drop
) -> SimpleNamespace:
    tables = {k: v for k, v in _fake_tables().items() if k not in drop}
    return SimpleNamespace(
        tables=tables,
        metadata={
            "scenario": scenario,
            "status": status,
            "objective_bn_cny": 123_456.7,
            "timings": {"build": 1.5, "solve": 12.25},
        },
        summary=lambda: "Scenario test: optimal, 3 periods",
    )


def test_report_embeds_every_map_and_chart_as_png(tmp_path):
    path = write_report(_fake_result(), tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    images = IMG.findall(text)
    captions = [alt for _, alt in images]
    # pathway chart, 3 emission maps, carbon intensity, electricity, embodied CO2, quota flows
    assert len(images) == 8, captions
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data, _ in images)
    assert captions[0] == "National emissions pathway"
    assert "Consumption minus production emissions in 2060 (&gt; 0: net importer)" in captions
    assert "Capacity-replacement quota transfers, 2030" in captions
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_report_tables_and_headline(tmp_path):
    result = _fake_result()
    text = write_report(result, tmp_path / "r.html").read_text(encoding="utf-8")
    national = result.tables["national"]
    peak = national.loc[national["emissions_mtco2"].idxmax(), "period"]
    assert f'Peak period (modelled)</div><div class="value">{peak} (' in text
    assert "123,456.7 bn CNY" in text and "450 CNY/tCO2" in text
    # leakage by sector and period; the largest provincial leakage in 2060 first
    leakage_section = text[text.index("<h2>Carbon leakage</h2>") :]
    assert "Leakage by sector (MtCO2/yr)" in leakage_section
    ranked = leakage_section[leakage_section.index("Largest provincial leakage, 2060") :]
    assert ranked.index("Guangxi") < ranked.index("Hebei") < ranked.index("Yunnan")
    for caption in (
        "Installed power capacity by technology (GW)",
        "Industrial production by sector (Mt/yr)",
        "System costs by kind (bn CNY)",
        "Timings (s)",
    ):
        assert caption in text
    # timings, national, emitters, GDP, 3 flow rankings, 2 leakage, 5 sector pivots
    assert text.count("<table") == 14
    # the scenario name is escaped, never injected as markup
    assert "test &lt;scenario&gt;" in text and "<scenario>" not in text
    assert "<pre>Scenario test: optimal, 3 periods</pre>" in text
    assert 'class="warning"' not in text


def test_report_warns_on_non_optimal_status(tmp_path):
    text = write_report(_fake_result(status="infeasible"), tmp_path / "r.html").read_text()
    assert 'class="warning"' in text and "Solver status: infeasible" in text


def test_report_notes_missing_tables_instead_of_failing(tmp_path):
    result = _fake_result(flows=True, leakage=True, economy=True)
    text = write_report(result, tmp_path / "r.html").read_text()
    assert "Table &#x27;flows&#x27; is not in this result." in text
    assert "Table &#x27;leakage&#x27; is not in this result." in text
    # no intensity map, no electricity and no embodied-CO2 flow map
    assert len(IMG.findall(text)) == 8 - 3


def test_pick_periods_keeps_first_and_last():
    assert pick_periods([2020, 2030]) == [2020, 2030]
    picked = pick_periods(list(range(2020, 2065, 5)), n=4)
    assert picked[0] == 2020 and picked[-1] == 2060 and len(picked) == 4


def test_report_of_a_real_result_reads_its_metadata(tmp_path):
    """A solved toy written and loaded back: the report names the scenario, its status and
    cost as the result holds them (not "unnamed scenario" / "unknown")."""
    from toys import steel_toy

    import dualcarbon as dc

    toy = steel_toy(regions={"Hebei": False})  # a real province, so that maps draw
    solved = dc.solve(toy.scenario(name="toy-capped", national_cap={"share_of_base": {2025: 0.5}}))
    solved.to_folder(tmp_path / "result")
    loaded = dc.Result.load(tmp_path / "result")
    for result in (solved, loaded):
        page = write_report(result, tmp_path / "report.html").read_text(encoding="utf-8")
        assert "dualcarbon report: toy-capped" in page
        assert "Scenario toy-capped · status optimal" in page
        assert "unnamed scenario" not in page and "Solver status: " not in page
        assert "6.8 bn CNY" in page  # the toy's hand-checked objective, 6.75 bn CNY
        assert "do not publish" not in page
