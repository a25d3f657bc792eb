"""Suite-wide set-up: headless plotting, the toy scenario helpers importable from every test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

# Tests run with --import-mode=importlib (so they import the installed package, not the bare
# root folders); the toy builders of tests/models are plain modules put on sys.path here.
_TOYS = str(Path(__file__).parent / "models")
if _TOYS not in sys.path:
    sys.path.insert(0, _TOYS)


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened, so figures never leak between tests."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def python_sigint():
    """Python's own SIGINT handler for the test's duration.

    A test runner started in the background (``nohup``, ``&`` in a script) inherits SIGINT
    ignored, and a Ctrl-C test would then test the launcher, not the code.
    """
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)
