"""The command line: help on every command, one clear line and a non-zero exit on failure."""

from __future__ import annotations

import subprocess
import sys

import click
import click.testing
import pytest

from dualcarbon.cli import main

COMMANDS = ["run", "validate", "data", "map", "compare", "sweep", "diagnose", "report"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_useful_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert f"Usage: dualcarbon {command}" in out
    assert len(out.splitlines()) > 4


def test_missing_scenario_file_is_one_clear_line():
    """Run as a real process: the exit status and stderr a user sees."""
    done = subprocess.run(
        [sys.executable, "-m", "dualcarbon", "run", "/no/such.yaml"], capture_output=True, text=True
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error:") and "/no/such.yaml" in lines[0]
    assert "Traceback" not in done.stderr


def test_debug_shows_the_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "dualcarbon", "--debug", "run", "/no/such.yaml"],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "Traceback" in done.stderr


def test_validate_shipped_default(capsys):
    assert main(["validate", "default"]) == 0
    assert capsys.readouterr().out.startswith("ok: scenario 'default' is valid")


def test_data_prints_coverage_and_sources(capsys):
    assert main(["data", "--sources"]) == 0
    out = capsys.readouterr().out
    for table in ("economy", "emissions_inventory", "industry_capacity", "power_capacity"):
        assert table in out
    assert "CEADs" in out or "Shan" in out


def test_sweep_without_grid_is_a_usage_error(capsys):
    assert main(["sweep", "default", "--out", "unused"]) != 0
    assert "--set" in capsys.readouterr().err


# ---------------------------------------------------------------- options checked before the solve


def _block_solve(monkeypatch) -> None:
    """Make any solve fail loudly: these options must be refused before one starts."""
    import dualcarbon as dc
    import dualcarbon.solvers.solve as solve_module

    def refuse(*args, **kwargs):
        raise AssertionError("the solve started before the options were checked")

    # the public name first: resolving it lazily after the module is patched would record
    # the patched function as the one to restore
    monkeypatch.setattr(dc, "solve", refuse)
    monkeypatch.setattr(solve_module, "solve", refuse)


@pytest.fixture
def no_solve(monkeypatch):
    _block_solve(monkeypatch)


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("error:") and "Traceback" not in err[0]
    return err[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--time-limit", "-5"], ["--time-limit", "-5", "> 0"]),
        (["--time-limit", "0"], ["--time-limit", "> 0"]),
        (["--time-limit", "nan"], ["--time-limit", "finite"]),
        (["--threads", "-4"], ["--threads", "-4"]),
        (["--threads", "0"], ["--threads"]),
        (["--period", "2031"], ["--period", "2031", "2030"]),
        (["--method", "magic"], ["--method", "magic"]),
    ],
)
def test_run_options_refused_before_the_solve(args, words, no_solve, capsys):
    assert main(["run", "default", *args]) != 0
    line = _one_line_error(capsys)
    for word in words:
        assert word in line


def test_out_refuses_a_folder_of_other_files(tmp_path, no_solve, capsys):
    out = tmp_path / "w"
    out.mkdir()
    (out / "notes.txt").write_text("k")
    assert main(["run", "default", "--out", str(out), "--force"]) != 0
    assert "folder of other files" in _one_line_error(capsys)
    assert (out / "notes.txt").read_text() == "k"


def test_out_refuses_the_input_folder_and_the_current_folder(
    tmp_path, no_solve, capsys, monkeypatch
):
    scenario = tmp_path / "mine.yaml"
    scenario.write_text("extends: default\nname: mine\n")
    assert main(["run", str(scenario), "--out", str(tmp_path)]) != 0
    assert str(tmp_path) in _one_line_error(capsys)
    monkeypatch.chdir(tmp_path)
    assert main(["run", "mine.yaml", "--out", "."]) != 0
    assert "--out ." in _one_line_error(capsys)
    assert scenario.read_text().startswith("extends")


def test_a_previous_result_needs_force(tmp_path, monkeypatch, capsys):
    from toys import steel_toy

    import dualcarbon as dc

    out = tmp_path / "r"
    dc.solve(steel_toy().scenario()).to_folder(out)
    _block_solve(monkeypatch)
    assert main(["run", "default", "--out", str(out)]) != 0
    assert "--force" in _one_line_error(capsys)


@pytest.mark.parametrize("name", ["../../escape", "/tmp/abs", "''"])
def test_scenario_name_that_escapes_results_is_refused(
    name, tmp_path, no_solve, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.yaml").write_text(f"extends: default\nname: {name}\n")
    assert main(["run", "s.yaml"]) != 0
    line = _one_line_error(capsys)
    assert "name" in line
    assert not (tmp_path / "results").exists() and not (tmp_path.parent / "escape").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--workers", "0", "--set", "tau=0,0.1"], ["--workers"]),
        (["--workers", "-2", "--set", "tau=0,0.1"], ["--workers"]),
        (["--scheduler", "localhost", "--set", "tau=0"], ["--scheduler", "tcp://"]),
        (["--time-limit", "-1", "--set", "tau=0"], ["--time-limit"]),
        (["--workers", "2", "--scheduler", "tcp://a:1", "--set", "tau=0"], ["--workers"]),
    ],
)
def test_sweep_options_refused_before_solving(args, words, tmp_path, capsys):
    assert main(["sweep", "default", "--out", str(tmp_path / "s"), *args]) != 0
    line = _one_line_error(capsys)
    for word in words:
        assert word in line
    assert not (tmp_path / "s").exists()


def test_sweep_with_failed_cases_exits_non_zero_and_retries_only_those(tmp_path, monkeypatch):
    """Cases that fail are reported with exit status 2; --retry-failed solves only those."""
    from toys import CLEAN, steel_toy

    import dualcarbon as dc

    toy = steel_toy()
    toy.tech("steel", "clean", **CLEAN, available_from_year=2030)  # not before 2030 under C22
    scenario = toy.scenario(national_cap={"share_of_base": {2025: 0.5}})
    monkeypatch.setattr(dc, "load_scenario", lambda ref: scenario)
    out = tmp_path / "s"
    # with C22 on, a 50 % cap cannot be met in 2025: one of the two cases is infeasible
    grid = ["--set", "technology_availability=false,true"]
    assert main(["sweep", "toy", "--out", str(out), *grid]) == 2
    first = dc.SweepResult.load(out).cases.set_index("case_id")
    assert (first["status"] != "optimal").sum() == 1
    seen = []
    real = dc.sweep

    def spy(*args, **kwargs):
        seen.append(kwargs["rerun_failed"])
        return real(*args, **kwargs)

    monkeypatch.setattr(dc, "sweep", spy)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "cases").glob("case=*.parquet")}
    assert main(["sweep", "toy", "--out", str(out), *grid, "--retry-failed"]) == 2
    assert seen == [True]
    again = {p.name: p.stat().st_mtime_ns for p in (out / "cases").glob("case=*.parquet")}
    failed = {f"case={i:04d}.parquet" for i in first.index[first["status"] != "optimal"]}
    assert {n for n in stamps if again[n] != stamps[n]} == failed  # only those solved again


def test_run_is_quiet_when_piped_and_shows_stages_on_a_terminal():
    """No stage lines when stderr is not a terminal; the stage helper writes them otherwise."""
    from dualcarbon.cli import _Progress

    done = subprocess.run(
        [sys.executable, "-m", "dualcarbon", "run", "default", "--period", "2031"],
        capture_output=True,
        text=True,
    )
    assert "load default …" not in done.stderr
    runner = click.testing.CliRunner()

    @click.command()
    def staged():
        progress = _Progress(True)
        with progress.stage("load x"):
            pass
        with progress.stage("build and solve (HiGHS)", tick=True):
            pass

    shown = runner.invoke(staged).output
    assert "load x …" in shown and "load x: " in shown and "build and solve (HiGHS): " in shown


def test_readme_python_tour_is_a_script_with_a_main_guard():
    """Saved as a script, the tour must not re-run its solves in each Dask worker process
    (workers=2 imports the script again): everything but imports is under the guard."""
    import ast
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    code = re.search(r"### Python\n\n```python\n(.*?)```", readme, re.S).group(1)
    tree = ast.parse(code)
    top = [type(node).__name__ for node in tree.body]
    assert set(top) <= {"Import", "ImportFrom", "If"} and top.count("If") == 1
    guard = next(node for node in tree.body if isinstance(node, ast.If))
    assert ast.unparse(guard.test) == "__name__ == '__main__'"
    namespace = {"__name__": "dask_worker_import"}
    exec(compile(tree, "README.md", "exec"), namespace)  # as a worker imports it: no solve
    assert "result" not in namespace


def test_ctrl_c_is_reported_as_interrupted(python_sigint):
    """HiGHS ends a solve cancelled by Ctrl-C with an error status; the CLI's watch sees the
    SIGINT and passes it on, and HiGHS' interrupt codes map to ``interrupted``."""
    import os
    import signal

    from dualcarbon.cli import _watch_interrupt
    from dualcarbon.solvers.status import ADVICE, SolveStatus, from_highs_status

    with pytest.raises(KeyboardInterrupt), _watch_interrupt() as seen:
        os.kill(os.getpid(), signal.SIGINT)
    assert seen["interrupted"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored
    assert from_highs_status("kInterrupt") is SolveStatus.INTERRUPTED
    assert "interrupted" in ADVICE[SolveStatus.INTERRUPTED]
    assert "numerical" not in ADVICE[SolveStatus.INTERRUPTED]


def test_interrupted_run_exits_130_and_writes_nothing(tmp_path, monkeypatch, capsys):
    import dualcarbon as dc
    import dualcarbon.solvers.solve as solve_module

    def interrupted_solve(*args, **kwargs):
        raise KeyboardInterrupt

    # the public name first: resolving it lazily after the module is patched would record
    # the patched function as the one to restore
    monkeypatch.setattr(dc, "solve", interrupted_solve)
    monkeypatch.setattr(solve_module, "solve", interrupted_solve)
    status = main(["run", "default", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 130, err
    assert len(err) == 1 and err[0].startswith("interrupted:") and "nothing was written" in err[0]
    assert not (tmp_path / "out").exists()
