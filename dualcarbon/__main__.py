"""``python -m dualcarbon`` runs the command-line interface."""

from dualcarbon.cli import main

raise SystemExit(main())
