"""Logging for ``replylint serve``: our access line on, uvicorn's access log off.

Uvicorn's access logger prints the request line as received, query string and all,
which is the one place a client's text could slip into the log; ``guard.py`` writes
a line per request that holds only counts, codes and a known path instead.
"""
from __future__ import annotations

LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain",
                   "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "replylint.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
