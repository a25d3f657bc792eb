"""Inputs that look odd but are legal load: Excel's encodings (UTF-8 with BOM, GBK, UTF-16), an
unusual value (loaded with a warning naming the key), a relative scenario path with relative
tables; and the alias bomb is refused fast, before anything is expanded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from malformed_case import ALIAS_BOMB, Case, prepare_case

from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.load import load_scenario


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8-sig", b""), ("gbk", b""), ("utf-16", b"")]
)
def test_excel_encodings_are_read(encoding, prefix, tmp_path):
    """UTF-8 with BOM, GBK (Excel on Chinese Windows) and UTF-16 with BOM read the same."""
    folder = prepare_case(tmp_path, Case("ok", "encoding", ()))
    path = folder / "tables" / "fuels.csv"
    text = path.read_text(encoding="utf-8").replace(
        "assumption: test fixture, not real data", "假设：测试数据"
    )
    path.write_bytes(prefix + text.encode(encoding))
    scenario = load_scenario(
        folder / "scenario.yaml", data_dir=folder / "tables", registry=folder / "provinces.csv"
    )
    assert "假设：测试数据" in set(scenario.tables["fuels"]["source"])


def test_unusual_but_legal_values_warn(tmp_path, caplog):
    """A growth floor of 0.02 %/yr is legal but looks like a share; it loads, with a warning
    naming the key."""
    folder = prepare_case(tmp_path, Case("warn", "unit", (), "growth_floor: {pct_per_yr: 0.02}\n"))
    load_scenario(
        folder / "scenario.yaml", data_dir=folder / "tables", registry=folder / "provinces.csv"
    )
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("key growth_floor.pct_per_yr" in w and "looks like a share" in w for w in warned)


def test_alias_bomb_is_refused_within_a_second(tmp_path):
    import time

    (tmp_path / "bomb.yaml").write_text(ALIAS_BOMB + "\nname: bomb\n", encoding="utf-8")
    assert len((tmp_path / "bomb.yaml").read_bytes()) < 1000
    started = time.perf_counter()
    with pytest.raises(InputError, match="aliases"):
        load_scenario(tmp_path / "bomb.yaml")
    assert time.perf_counter() - started < 1.0


def test_relative_scenario_path_with_relative_tables(tmp_path, monkeypatch):
    """A scenario loaded by a relative path whose ``tables:`` are relative: the folder is
    joined once (it was joined twice)."""
    folder = prepare_case(tmp_path / "work", Case("rel", "structure", ()))
    (folder / "sub").mkdir()
    shutil.move(folder / "scenario.yaml", folder / "sub" / "s.yaml")
    with open(folder / "sub" / "s.yaml", "a", encoding="utf-8") as f:
        f.write("tables: {fuels: ../tables/fuels.csv}\n")
    monkeypatch.chdir(folder)
    scenario = load_scenario(
        Path("sub/s.yaml"), data_dir=folder / "tables", registry=folder / "provinces.csv"
    )
    assert len(scenario.tables["fuels"]) == 3
