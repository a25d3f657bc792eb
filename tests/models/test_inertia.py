"""C24 diffusion limits and C25 history on hand-checked toys.

Steel toys (see ``toys``): ``old`` costs 0.5 per Mt/yr to run and emits 2 tCO2/t; at a carbon
price of 1000 CNY/t it costs 0.5 + 5 × 2 = 10.5 per Mt/yr; ``clean`` costs 1 per Mt/yr built.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from toys import BASE_YEAR, OLD, assert_family_binds, build_and_solve, steel_toy, v

from dualcarbon.models.history import vintage_survival

A = "A"
P = 2025
PRICED = {"carbon_price_cny_per_t": {P: 1000.0}}
#: C24 alone: the first period starts from the base year (no observed years in these toys, so
#: C25 would hold the same rows)
BASE_START = {"optional_families": {"history": False}}


def diffusion(toy, technology, growth, seed, decline=float("nan")):
    return toy.add(
        "technology_diffusion",
        sector="steel",
        technology=technology,
        max_growth_pct_per_yr=growth,
        seed_mt_per_yr=seed,
        max_decline_pct_per_yr=decline,
    )


@pytest.mark.family("C24")
def test_c24_growth_limit_with_start_up_amount():
    """``clean`` made nothing in the base year; it may grow by 10 %/yr of nothing plus a
    start-up amount of 0.6 Mt/yr: 3 Mt in 2025. The rest, 6 Mt, stays on ``old``:
    3 × 1 + 6 × 10.5 = 66. Without C24 all 9 Mt switch: 9."""
    toy = diffusion(steel_toy(), "clean", growth=10.0, seed=0.6)
    model, objective = build_and_solve(toy.scenario(**PRICED, **BASE_START))
    assert_family_binds(model, "C24", objective)
    assert v(model.q[A, "steel", "clean", P]) == pytest.approx(3.0)
    assert objective == pytest.approx(66.0)


@pytest.mark.family("C24")
def test_c24_decline_limit():
    """``old`` (9 Mt in the base year) may fall by at most 10 %/yr: 9 × 0.9⁵ = 5.31441 Mt stay
    in 2025, 3.68559 Mt switch to ``clean``: 5.31441 × 10.5 + 3.68559 = 59.4869."""
    toy = diffusion(steel_toy(), "old", growth=100.0, seed=0.0, decline=10.0)
    model, objective = build_and_solve(toy.scenario(**PRICED, **BASE_START))
    assert_family_binds(model, "C24", objective)
    old = 9 * 0.9**5
    assert v(model.q[A, "steel", "old", P]) == pytest.approx(old)
    assert objective == pytest.approx(old * 10.5 + (9 - old))


def solar_toy():
    """A needs 43.8 TWh; gas runs at 5 per TWh; solar (cf 0.5, 1000 CNY/kW, life 50 → 0.1 per
    GW after salvage) is far cheaper, 4.38 TWh per GW."""
    toy = steel_toy()
    toy.power("gas", vom_cny_per_mwh=1000).plant(A, "gas", 100.0)
    toy.power("solar_pv", capex_cny_per_kw=1000, is_renewable=1, capacity_credit=0)
    toy.plant(A, "solar_pv", 0.0, potential=100.0)
    return toy.demand_twh(A, 43.8)


@pytest.mark.family("C24")
def test_c24_national_power_build_limit():
    """Solar could replace all gas (10 GW, 1.0) but the nation builds at most 1 GW/yr: 5 GW
    (0.5) make 21.9 TWh; gas makes the other 21.9 TWh (109.5): 110, plus 4.5 for the toy's 9 Mt
    of steel on ``old``. Without C24: 1 + 4.5."""
    toy = solar_toy().add(
        "power_national_build_limits", technology="solar_pv", max_build_gw_per_yr=1.0
    )
    model, objective = build_and_solve(toy.scenario(**BASE_START))
    assert_family_binds(model, "C24", objective)
    assert v(model.gnew[A, "solar_pv", P]) == pytest.approx(5.0)
    assert objective == pytest.approx(0.5 + 5 * 21.9 + 4.5)


@pytest.mark.family("C25")
def test_c25_observed_power_capacity_stands_in_the_first_period():
    """4 GW of solar observed in 2023 (none in 2020) stand in 2025 even where the plan would not
    build it: no demand, so without C25 nothing is built; with it 4 GW at 0.1: 0.4, plus 4.5
    for the toy's 9 Mt of steel on ``old``."""
    toy = steel_toy()
    toy.power("solar_pv", capex_cny_per_kw=1000, is_renewable=1, capacity_credit=0)
    toy.plant(A, "solar_pv", 0.0, potential=100.0)
    toy.add("power_capacity_history", region=A, technology="solar_pv", year=2023, capacity_gw=4.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C25", objective)
    assert v(model.gcap[A, "solar_pv", P]) == pytest.approx(4.0)
    assert objective == pytest.approx(0.4 + 4.5)


@pytest.mark.parametrize(
    ("years", "life", "age", "share"),
    [
        # coal-like: life 40, mean age 10, ages spread over [0, 20]: whole for 20 years
        (5, 40, 10, 1.0),
        (20, 40, 10, 1.0),
        (25, 40, 10, 0.75),
        (40, 40, 10, 0.0),
        # ages over the whole life (mean age = life / 2): the straight line 1 - t / life
        (5, 50, 25, 0.9),
        # older than half its life on average: the spread stops at the lifetime
        (5, 50, 40, 0.9),
        # a fleet of one age retires at once at the end of its life
        (49, 50, 0, 1.0),
        (50, 50, 0, 0.0),
    ],
)
def test_power_fleet_survives_until_its_units_reach_their_life(years, life, age, share):
    assert vintage_survival(np.array([years]), np.array([life]), np.array([age]))[0] == (
        pytest.approx(share)
    )


@pytest.mark.family("C25")
def test_c25_a_young_base_fleet_stands_whole_in_the_first_period():
    """10 GW of 2020 coal, 5 years old on average of a 50-year life, all observed again in 2023:
    no unit reaches its life by 2025, so all 10 GW stand (the straight line over the mean
    remaining life, 1 - 5/45, left 8.9 GW) and supply the 43.8 TWh at cf 0.5 without the 10
    CNY/kW new coal: the objective is the steel toy's 4.5 alone."""
    toy = steel_toy()
    toy.power("coal", lifetime_years=50, fleet_age_years=5)
    toy.plant(A, "coal", 10.0).demand_twh(A, 43.8)
    toy.power("new_coal", lifetime_years=10, capex_cny_per_kw=1000).plant(A, "new_coal", 0.0)
    toy.add("power_capacity_history", region=A, technology="coal", year=2023, capacity_gw=10.0)
    model, objective = build_and_solve(toy.scenario())
    assert v(model.gcap[A, "coal", P]) == pytest.approx(10.0)
    assert v(model.gcap[A, "new_coal", P]) == pytest.approx(0.0, abs=1e-6)


@pytest.mark.family("C25")
def test_c25_first_period_build_rate_opens_only_the_unobserved_years():
    """A may build 1 GW/yr of solar (C9). Observed: 2 GW in 2024, none in 2020. 2021-2024 are
    history, so 2025 adds at most 1 GW: 3 GW make 13.14 TWh, gas 30.66 TWh at 5 (153.3), plus
    0.3 for the solar and 4.5 for the toy's steel: 158.1. Were the whole period open to the
    rate, 5 GW would be built: 0.5 + 21.9 × 5 + 4.5 = 114.5."""
    toy = solar_toy().add(
        "power_build_limits", region=A, technology="solar_pv", max_build_gw_per_yr=1.0
    )
    toy.add("power_capacity_history", region=A, technology="solar_pv", year=2024, capacity_gw=2.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C25", objective)
    assert v(model.gcap[A, "solar_pv", P]) == pytest.approx(3.0)
    assert objective == pytest.approx(0.3 + 30.66 * 5 + 4.5)
    # with history off the period starts from the base year and C9 alone opens all five years
    model, objective = build_and_solve(toy.scenario(**BASE_START))
    assert v(model.gcap[A, "solar_pv", P]) == pytest.approx(5.0)
    assert objective == pytest.approx(0.5 + 21.9 * 5 + 4.5)


@pytest.mark.family("C25")
def test_c25_capacity_added_in_the_observed_first_year_produces_for_half_of_it():
    """National solar observed at 2 GW at the end of 2024 and 6 GW at the end of 2025 (the first
    period): C25 pins 6 GW, of which on average (2 + 6) / 2 = 4 GW were in service during 2025,
    a share 2/3. Solar makes 6 × 4.38 × 2/3 = 17.52 TWh; gas the other 26.28 TWh at 5: 131.4;
    plus 0.6 for the solar and 4.5 for the toy's steel: 136.5. Counting the year-end 6 GW for
    the whole year: 26.28 TWh of solar, 17.52 of gas: 87.6 + 0.6 + 4.5 = 92.7."""
    from toys import solve

    toy = solar_toy()
    for year, gw in ((2024, 2.0), (P, 6.0)):
        toy.add(
            "power_capacity_history",
            region="China",
            technology="solar_pv",
            year=year,
            capacity_gw=gw,
        )
    model, objective = build_and_solve(toy.scenario())
    assert v(model.in_service_share["solar_pv"]) == pytest.approx(2 / 3)
    assert v(model.gcap[A, "solar_pv", P]) == pytest.approx(6.0)
    assert v(model.gen[A, "solar_pv", P]) == pytest.approx(17.52)
    assert objective == pytest.approx(136.5)
    model.in_service_share["solar_pv"] = 1.0
    assert solve(model) == pytest.approx(92.7)


@pytest.mark.family("C25")
def test_c25_first_period_output_starts_from_the_last_observed_year():
    """Base year 2020: all 9 Mt on ``old``. Observed 2023: 9 Mt, half of it (route share 0.5)
    on ``clean``. With no growth allowed (0 %/yr, no start-up amount), 2025 may make at most the
    observed 4.5 Mt of ``clean``: 4.5 × 1 + 4.5 × 10.5 = 51.75. From the base year (history
    off) ``clean`` would be held at 0: 94.5; without any limit all switch: 9."""
    toy = diffusion(steel_toy(), "clean", growth=0.0, seed=0.0)
    toy.add("industry_production", region=A, sector="steel", year=2023, output_mt=9.0)
    for year, share in ((BASE_YEAR, 0.0), (2023, 0.5)):
        toy.add(
            "industry_route_shares",
            region="China",
            sector="steel",
            technology="clean",
            year=year,
            share=share,
        )
    model, objective = build_and_solve(toy.scenario(**PRICED))
    assert_family_binds(model, "C25", objective)
    assert v(model.q[A, "steel", "clean", P]) == pytest.approx(4.5)
    assert objective == pytest.approx(51.75)
    _, from_base = build_and_solve(toy.scenario(**PRICED, optional_families={"history": False}))
    assert from_base == pytest.approx(94.5)


def test_route_shares_split_base_output():
    """A has 10 Mt/yr each of ``old`` and ``clean``, B 10 of ``old``; both made 9 Mt. A national
    route share of 1/6 on ``clean`` (3 of 18 Mt) can only be made in A: A 3 clean + 6 old, B 9
    old, where a split by capacity would have given A 4.5 + 4.5."""
    from dualcarbon.models import build_model
    from dualcarbon.models.build import model_data

    toy = steel_toy({A: False, "B": False})
    toy.capacity(A, "steel", "clean", 10.0)
    toy.add(
        "industry_route_shares",
        region="China",
        sector="steel",
        technology="clean",
        year=BASE_YEAR,
        share=1 / 6,
    )
    q0 = model_data(build_model(toy.scenario())).rsk["q0_mt"]
    assert q0[A, "steel", "clean"] == pytest.approx(3.0)
    assert q0[A, "steel", "old"] == pytest.approx(6.0)
    assert q0["B", "steel", "old"] == pytest.approx(9.0)


def test_c25_survival_follows_observed_output():
    """``old`` (10 Mt/yr in 2020) is 40 years old of a 50-year life: straight-line survival
    leaves 0.7 of it in 2023 and 0.5 in 2025. The 9 Mt observed in 2023 need 9 Mt/yr
    (utilisation 1): the fleet lived longer than assumed (or was renewed), and what produced in
    2023 still stands in the first period, so 2025's survival is scaled by 9/5 to 0.9. With
    history off the assumed survival stays."""
    from dualcarbon.models import build_model
    from dualcarbon.models.build import model_data

    toy = steel_toy()
    toy.industry_techs["steel", "old"]["fleet_age_years"] = 40
    toy.add("industry_production", region=A, sector="steel", year=2023, output_mt=9.0)
    alpha = model_data(build_model(toy.scenario())).alpha
    assert alpha[A, "steel", "old", P] == pytest.approx(0.5 * 9 / 5)
    plain = model_data(build_model(toy.scenario(**BASE_START))).alpha
    assert plain[A, "steel", "old", P] == pytest.approx(0.5)


def test_c25_output_of_retired_backward_stock_stays_on_its_route():
    """A has 10 Mt/yr of ``old`` (survival 0.5 in 2025, as above) and 10 Mt/yr of backward
    ``bwd``, phased out by 2025. The 8 Mt observed in 2023 split 4 + 4 by capacity. C4 retires
    ``bwd`` by the first period, by retrofit or replacement: its 4 Mt stay on the route, so
    ``old`` must keep 8 Mt/yr standing, survival 0.5 × 8/5 = 0.8. Were the backward share lost
    with the stock, ``old``'s 4 Mt would fit in the 5 Mt/yr left and survival would stay 0.5."""
    from dualcarbon.models import build_model
    from dualcarbon.models.build import model_data

    toy = steel_toy()
    toy.industry_techs["steel", "old"]["fleet_age_years"] = 40
    toy.tech("steel", "bwd", **OLD, is_backward=1, phase_out_year=P)
    toy.capacity(A, "steel", "bwd", 10.0)
    toy.add("industry_production", region=A, sector="steel", year=2023, output_mt=8.0)
    data = model_data(build_model(toy.scenario()))
    assert data.alpha[A, "steel", "old", P] == pytest.approx(0.8)
    assert any("bwd is retired by 2025" in note for note in data.notes)


def gas_observed(toy, generation_twh, decline_pct, year=2023):
    return toy.add(
        "power_generation_inertia",
        technology="gas",
        observed_year=year,
        observed_generation_twh=generation_twh,
        max_decline_pct_per_yr=decline_pct,
    )


@pytest.mark.family("C25")
def test_c25_first_period_generation_falls_no_faster_than_observed():
    """Gas generated 20 TWh in 2023 and has never fallen faster than 10 %/yr: 2025 keeps
    20 × 0.9² = 16.2 TWh of gas at 5 (81). Solar makes the other 27.6 TWh with 27.6 / 4.38 =
    6.30137 GW at 0.1; plus 4.5 for the toy's steel: 86.130137. Without the floor solar makes all
    43.8 TWh with 10 GW: 1 + 4.5 = 5.5."""
    toy = gas_observed(solar_toy(), 20.0, 10.0)
    model, objective = build_and_solve(toy.scenario())
    assert_family_binds(model, "C25", objective)
    assert v(model.gen[A, "gas", P]) == pytest.approx(16.2)
    assert objective == pytest.approx(81 + 27.6 / 4.38 * 0.1 + 4.5)
    _, without = build_and_solve(toy.scenario(optional_families={"history": False}))
    assert without == pytest.approx(5.5)


def test_c25_generation_floor_only_where_a_fall_was_bounded():
    """δ = 100 %/yr (no fall observed) sets no floor; an observation in the first period's own
    year floors it at the observed value; unplanned technologies get no row."""
    from dualcarbon.models.history import generation_floors

    observed = pd.DataFrame(
        {
            "technology": ["gas", "coal", "hydro", "biomass"],
            "observed_year": [2023, 2023, 2025, 2023],
            "observed_generation_twh": [20.0, 50.0, 30.0, 5.0],
            "max_decline_pct_per_yr": [10.0, 100.0, 5.0, 1.0],
        }
    )
    floors = generation_floors(observed, 2025, {"gas", "coal", "hydro"})
    assert floors == pytest.approx({"gas": 16.2, "hydro": 30.0})
