"""The command line: help on every command, one clear line and a non-zero exit on failure."""

from __future__ import annotations

import subprocess
import sys

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
