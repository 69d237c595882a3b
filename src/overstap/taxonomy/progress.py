"""A plain-text progress bar on stderr (no dependencies)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Callable ``(phase, done, total)`` that redraws one line per phase.

    On a terminal the line is redrawn in place with ``\\r``; otherwise (a log file, CI) a line
    is written when a phase starts and when it ends, so logs stay short.
    """

    width = 30

    def __init__(self, stream: TextIO | None = None, *, min_interval: float = 0.1) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interactive = bool(getattr(self.stream, "isatty", lambda: False)())
        self.min_interval = min_interval
        self._phase: str | None = None
        self._last_draw = 0.0
        self._finished = True

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self._phase:
            self._end_line()
            self._phase = phase
            self._finished = False
            self._last_draw = 0.0
            if not self.interactive:
                self.stream.write(f"{phase} …\n")
        complete = total == 0 or done >= total
        if self._finished and not complete:
            self._finished = False  # the same phase continues with a new part
        now = time.monotonic()
        if not complete and now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        if self.interactive:
            self.stream.write("\r" + self._line(phase, done, total))
            self.stream.flush()
        if complete and not self._finished:
            self._finished = True
            if self.interactive:
                self.stream.write("\n")
            else:
                self.stream.write(self._line(phase, done, total) + "\n")
            self.stream.flush()

    def _line(self, phase: str, done: int, total: int) -> str:
        fraction = 1.0 if total == 0 else min(done / total, 1.0)
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{phase:<16} [{bar}] {fraction:4.0%} ({done:,}/{total:,})"

    def _end_line(self) -> None:
        if self._phase is not None and not self._finished and self.interactive:
            self.stream.write("\n")

    def close(self) -> None:
        self._end_line()
        self._phase = None
