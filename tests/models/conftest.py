"""Shared set-up of the model tests: the ``family`` marker and the toy helpers on ``sys.path``."""

from __future__ import annotations

import sys
from pathlib import Path

# Tests run with --import-mode=importlib, which puts no test folder on sys.path; the toy
# helpers are imported as a plain module from this folder.
_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "family(code): the MODEL.md constraint family (C1…C23) a test proves"
    )
