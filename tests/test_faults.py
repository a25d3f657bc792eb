"""Faults: never delete what dualcarbon did not write, tidy what an interrupted write left behind,
lose and duplicate no sweep case when a Dask worker is killed, and write the same bytes twice.

The solves are toy LPs (tests/models/toys.py), a second or two each; the one default-scenario
comparison is marked ``slow``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from toys import steel_toy

import dualcarbon as dc
from dualcarbon.solvers.folders import (
    MARKER,
    STAGING_MARKER,
    OutputFolderError,
    check_target,
    clean_beside,
    default_folder,
    is_result_folder,
)

P = 2025
TOYS = str(Path(__file__).parent / "models")


def _toy_result(cap: float = 0.5) -> dc.Result:
    result = dc.solve(steel_toy().scenario(national_cap={"share_of_base": {P: cap}}))
    assert result.is_optimal
    return result


@pytest.fixture(scope="module")
def toy_result() -> dc.Result:
    return _toy_result()


def _dead_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(done.stdout)


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ------------------------------------------------------------------ what may be replaced


def test_foreign_folder_is_refused_and_kept(tmp_path, toy_result):
    out = tmp_path / "w"
    out.mkdir()
    (out / "notes.txt").write_text("k")
    with pytest.raises(OutputFolderError, match="folder of other files"):
        toy_result.to_folder(out)
    assert (out / "notes.txt").read_text() == "k"
    assert _hidden(tmp_path) == []  # no staging folder started either


def test_previous_result_is_replaced_without_leftovers(tmp_path, toy_result):
    out = tmp_path / "r"
    _toy_result(cap=0.8).to_folder(out)
    first = pd.read_parquet(out / "tables" / "national.parquet")
    toy_result.to_folder(out)
    second = pd.read_parquet(out / "tables" / "national.parquet")
    assert first["emissions_mtco2"].iloc[0] != pytest.approx(second["emissions_mtco2"].iloc[0])
    assert (out / MARKER).is_file() and not (out / STAGING_MARKER).exists()
    assert _hidden(tmp_path) == []


def test_empty_folder_is_used(tmp_path, toy_result):
    out = tmp_path / "empty"
    out.mkdir()
    toy_result.to_folder(out)
    assert is_result_folder(out)


def test_check_target_needs_force_for_a_previous_result(tmp_path, toy_result):
    out = tmp_path / "r"
    toy_result.to_folder(out)
    with pytest.raises(OutputFolderError, match="add --force"):
        check_target(out, replace=False)
    assert check_target(out, replace=True) == out.resolve()
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputFolderError, match="existing file"):
        check_target(tmp_path / "file", replace=True)


@pytest.mark.parametrize("name", ["", "  ", "../..", "/etc", "a/b", ".hidden", "..", "c:\\x"])
def test_names_that_would_leave_results_are_refused(tmp_path, name):
    with pytest.raises(OutputFolderError):
        default_folder(name, root=tmp_path / "results")


def test_names_are_sanitised_inside_results(tmp_path):
    folder = default_folder("cap 80%: strict", root=tmp_path / "results")
    assert folder.parent == (tmp_path / "results").resolve()
    assert folder.name == "cap_80___strict"


# ------------------------------------------------------------------ interrupted writes


def test_stray_staging_and_old_copies_are_tidied_by_the_next_write(tmp_path, toy_result):
    """A simulated interrupted write: what a kill left beside the target is cleaned (only the
    project's own, recognised by name and marker); a hidden old result whose target is missing
    is put back."""
    dead = _dead_pid()
    stray = tmp_path / ".res.k3j2h1.partial"  # killed while writing
    (stray / "tables").mkdir(parents=True)
    (stray / STAGING_MARKER).write_text(str(dead))
    (stray / "tables" / "national.parquet").write_bytes(b"half")
    unmarked_empty = tmp_path / ".res.aaaa11.partial"  # killed before its marker was written
    unmarked_empty.mkdir()
    lookalike = tmp_path / ".res.zzzz99.partial"  # the user's own folder with a similar name
    lookalike.mkdir()
    (lookalike / "mine.txt").write_text("keep")
    alive = tmp_path / ".res.live00.partial"  # another writer, still running (this process)
    alive.mkdir()
    (alive / STAGING_MARKER).write_text(str(os.getpid()))
    other = tmp_path / "other"  # killed between the two renames of a replace
    toy_result.to_folder(other)
    os.replace(other, tmp_path / f".other.dualcarbon-old-{dead}")

    toy_result.to_folder(tmp_path / "res")

    assert not stray.exists() and not unmarked_empty.exists()
    assert (lookalike / "mine.txt").read_text() == "keep"
    assert alive.exists()
    assert is_result_folder(other)  # restored under its name
    assert _hidden(tmp_path) == sorted([lookalike.name, alive.name])


def test_kill_during_replace_is_recovered(tmp_path):
    """``kill -9`` of a real writer between the two renames of a replace: the target is absent
    and the old result hidden; the next write beside it restores the old result."""
    target = tmp_path / "res"
    _toy_result(cap=0.8).to_folder(target)
    before = (target / "tables" / "national.parquet").read_bytes()
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {TOYS!r})
        from toys import steel_toy
        import dualcarbon as dc
        import dualcarbon.solvers.folders as folders
        real = os.replace
        def replace_then_die(src, dst):
            real(src, dst)
            if ".dualcarbon-old-" in str(dst):
                os.kill(os.getpid(), signal.SIGKILL)
        folders.os.replace = replace_then_die
        result = dc.solve(steel_toy().scenario(national_cap={{"share_of_base": {{{P}: 0.5}}}}))
        result.to_folder({str(target)!r})
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not target.exists()
    hidden = _hidden(tmp_path)
    assert any(".dualcarbon-old-" in h for h in hidden) and any(
        h.endswith(".partial") for h in hidden
    )

    clean_beside(tmp_path / "beside")  # what any later write into this folder does first
    assert (target / "tables" / "national.parquet").read_bytes() == before
    assert _hidden(tmp_path) == []


# ------------------------------------------------------------------ sweeps and determinism


def test_sweep_survives_kill_9_of_a_worker_with_every_case_once(tmp_path):
    """A Dask worker process is killed (SIGKILL) in the middle of a case: the sweep completes,
    every case is in the out folder exactly once, each optimal."""
    mark = tmp_path / "killed"
    driver = os.getpid()  # the driver solves its base case here: only a worker may be killed

    def kill_once(result):  # pickled by value to the workers
        if not mark.exists() and os.getpid() != driver:
            mark.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
        return 1.0

    scales = [0.4, 0.6, 0.8, 1.0, 1.2, 1.4]
    scenario = steel_toy().scenario(national_cap={"share_of_base": {P: 1.0}})
    result = dc.sweep(
        scenario,
        {"national_cap_scale": scales},
        workers=2,
        out=tmp_path / "sweep",
        metrics={"objective_bn_cny": "objective_bn_cny", "kill": kill_once},
        progress=False,
    )
    assert mark.exists()  # a worker was killed
    files = sorted(p.name for p in (tmp_path / "sweep" / "cases").glob("case=*.parquet"))
    assert len(files) == len(scales) == len(set(files))
    assert sorted(result.cases["case_id"]) == list(range(len(scales)))
    assert (result.cases["status"] == "optimal").all()
    assert sorted(result.cases["national_cap_scale"]) == scales


def _parquet_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "tables").glob("*.parquet"))}


def test_two_runs_write_byte_identical_parquet(tmp_path):
    _toy_result().to_folder(tmp_path / "a")
    _toy_result().to_folder(tmp_path / "b")
    first, second = _parquet_bytes(tmp_path / "a"), _parquet_bytes(tmp_path / "b")
    assert len(first) >= 10 and first == second


def _assert_two_runs_write_identical_parquet(scenario, folder: Path) -> None:
    for name in ("a", "b"):
        result = dc.solve(scenario)
        assert result.is_optimal, result.message
        result.to_folder(folder / name)
    first, second = _parquet_bytes(folder / "a"), _parquet_bytes(folder / "b")
    assert len(first) >= 10
    assert [n for n in first if first[n] != second.get(n)] == []


def test_two_runs_of_the_fixture_scenario_write_byte_identical_parquet(tmp_path):
    """The test fixture scenario on the shipped data (31 provinces, two periods, consumption
    accounting with its EFX fixed point): same input, same bytes."""
    scenario = dc.load_scenario(Path(__file__).parent / "data" / "fixture.yaml")
    _assert_two_runs_write_identical_parquet(scenario, tmp_path)


@pytest.mark.slow
def test_two_default_runs_write_byte_identical_parquet(tmp_path):
    _assert_two_runs_write_identical_parquet(dc.load_scenario("default"), tmp_path)
