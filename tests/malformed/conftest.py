"""Set-up of the malformed-input tests: the case modules importable."""

from __future__ import annotations

import sys
from pathlib import Path

# Tests run with --import-mode=importlib, which puts no test folder on sys.path; the case table
# and its set-up are imported as plain modules from this folder.
_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
