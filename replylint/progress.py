"""A progress bar on stderr for long audits, only when stderr is a terminal.

tqdm (already a dependency of spaCy) draws it; in CI logs and pipes nothing is
drawn, so machine-read output and logs stay clean.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def progress(enabled: "bool | None" = None, unit: str = "reply") -> Iterator[Callable[[], None]]:
    """Yield a ``tick()`` to call once per input item. ``enabled`` None: stderr is a TTY."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda: None
        return
    from tqdm import tqdm

    bar = tqdm(unit=unit, unit_scale=True, file=sys.stderr, leave=False, dynamic_ncols=True,
               mininterval=0.25)
    try:
        yield lambda: bar.update(1)
    finally:
        bar.close()
