"""A table of malformed inputs, by category: each is refused with one line that names the file and
the key (YAML) or row and column (CSV), and the value or what was expected; nothing is written.

Categories: ``number`` (NaN, infinity, implausible magnitudes), ``unit`` (the classic slips, with
their hint), ``structure`` (duplicate keys and list items, aliases, empty names, horizon),
``reference`` (names that do not exist, with a did-you-mean), ``encoding`` (bytes no supported
encoding reads), ``cli`` (options refused before any solve) and ``fault`` (inputs of the other
commands that are not what they claim to be). No case solves: they fail while loading or while
the command line is checked, so the module runs in seconds.

The cases are in ``malformed_cases_yaml`` and ``malformed_cases_files``; legal inputs that look
odd (other encodings, unusual values, relative paths) are in ``test_inputs_accepted.py``.
"""

from __future__ import annotations

import pytest
from malformed_case import Case, prepare_case, snapshot
from malformed_cases_files import FILE_CASES
from malformed_cases_yaml import YAML_CASES

from dualcarbon.cli import main
from dualcarbon.inputs.errors import InputError
from dualcarbon.inputs.load import load_scenario

CASES: list[Case] = [*YAML_CASES, *FILE_CASES]


def test_enough_cases_in_every_category():
    categories = {c.category for c in CASES}
    assert categories == {"number", "unit", "structure", "reference", "encoding", "cli", "fault"}
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.category}:{c.id}" for c in CASES])
def test_malformed_input_is_refused_in_one_line(case: Case, tmp_path, monkeypatch, capsys):
    folder = prepare_case(tmp_path, case)
    monkeypatch.chdir(folder)  # a stray results/ would show up in the snapshot
    before = snapshot(folder)
    if case.argv:
        argv = [a.replace("{dir}", str(folder)) for a in case.argv]
        assert main(argv) != 0
        out = capsys.readouterr()
        lines = out.err.strip().splitlines()
        assert len(lines) == 1, out.err
        message = lines[0]
        assert message.startswith("error:")
        assert "Traceback" not in out.err + out.out
    else:
        with pytest.raises(InputError) as info:
            load_scenario(
                folder / "scenario.yaml",
                data_dir=folder / "tables",
                registry=folder / "provinces.csv",
            )
        message = str(info.value)
        assert "\n" not in message
    for word in case.expect:
        assert word in message, f"{word!r} not in: {message}"
    assert snapshot(folder) == before, "something was written"
