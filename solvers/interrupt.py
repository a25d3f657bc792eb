"""Ctrl-C during a HiGHS solve.

highspy stops a solve on SIGINT but swallows the ``KeyboardInterrupt`` and returns a generic error
status, which reads as "numerical trouble". :func:`watch_interrupt` records the signal, so that the
solve can raise ``KeyboardInterrupt`` as any Python code interrupted by Ctrl-C does.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def watch_interrupt() -> Iterator[dict[str, bool]]:
    """Record a Ctrl-C during the block and pass it on to the handler in force before.

    Yields
    ------
    dict
        ``{"interrupted": bool}``, set to True when SIGINT arrived inside the block. Outside the
        main thread (where Python cannot install signal handlers) it stays False.
    """
    seen = {"interrupted": False}
    if threading.current_thread() is not threading.main_thread():
        yield seen
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        seen["interrupted"] = True
        if callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, handler)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)
