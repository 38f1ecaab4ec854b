"""``serve --workers N``: N uvicorn worker processes, each on its own listening socket.

Uvicorn's own ``workers=N`` shares one socket, and a worker woken by a burst of new
connections accepts all of them: measured with wrk at 16 keep-alive connections on
2 cores, all 16 landed on one worker in 3 of 18 runs (half the throughput, p99 13-15
ms against ~9). With one SO_REUSEPORT socket per worker the kernel spreads the
connections by hash instead, and no worker sat idle in 10 runs.
"""
from __future__ import annotations

import errno
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import threading
import time

import uvicorn

from replylint.server.logs import lighten_log_records

log = logging.getLogger("replylint.server")

START_FAILURES = 3    # workers in a row that die before serving: the app itself is broken
STOP_TIMEOUT = 10.0   # seconds the workers get to finish their requests on a stop


class WorkersError(Exception):
    """The workers cannot be started: the address is taken, or they die at start."""


def run_workers(app: str, host: str, port: int, workers: int, options: dict) -> None:
    """Serve the app factory ``app`` ("module:function") with ``workers`` processes.

    Returns when stopped by SIGINT or SIGTERM; raises WorkersError if the address
    cannot be bound or the workers keep dying before they serve.
    """
    if not hasattr(socket, "SO_REUSEPORT"):   # Windows: uvicorn's shared socket
        uvicorn.run(app, factory=True, host=host, port=port, workers=workers, **options)
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET   # as uvicorn binds
    with _reserve(family, host, port) as reserved:
        port = reserved.getsockname()[1]   # the port chosen, if 0 was asked for
        log.info("listening on http://%s with %d workers, one socket each (Press CTRL+C to quit)",
                 _address(host, port), workers)
        _Supervisor(app, family, host, port, workers, options).run()


def _address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _reuseport_socket(family: int, host: str, port: int) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # past TIME_WAIT, as uvicorn
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _reserve(family: int, host: str, port: int) -> socket.socket:
    """Bind (never listen on) the address for as long as the server runs.

    A bound socket that does not listen gets no connections, but keeps any other
    program from taking the port between worker restarts.
    """
    try:
        # Another server of the same user would share a SO_REUSEPORT port silently
        # (a second `replylint serve`, say): a plain bind fails on any listener.
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
        return _reuseport_socket(family, host, port)
    except OSError as exc:
        reason = ("address already in use" if exc.errno == errno.EADDRINUSE
                  else (exc.strerror or str(exc)).lower())
        raise WorkersError(f"cannot listen on {_address(host, port)}: {reason}") from None


class _Server(uvicorn.Server):
    """Tells the parent once it listens, so the parent can tell a crash from a failed start."""

    def __init__(self, config: uvicorn.Config, parent) -> None:
        super().__init__(config)
        self._parent = parent

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            try:
                self._parent.send(True)
            except OSError:   # the parent is gone: _stop_with_parent stops this worker
                pass


def _stop_with_parent(parent) -> None:
    # The parent never sends anything: this returns when the parent's end closes,
    # i.e. it was killed without stopping its workers, which would keep the port.
    try:
        parent.recv()
    except (EOFError, OSError):
        pass
    os.kill(os.getpid(), signal.SIGTERM)


def _serve_one(app: str, family: int, host: str, port: int, options: dict, parent) -> None:
    """The body of a worker process; ``parent`` is its pipe to the supervisor."""
    threading.Thread(target=_stop_with_parent, args=(parent,), daemon=True).start()
    lighten_log_records()
    config = uvicorn.Config(app, factory=True, host=host, port=port, **options)
    try:
        sock = _reuseport_socket(family, host, port)
    except OSError as exc:
        log.error("worker cannot bind %s: %s", _address(host, port), exc.strerror or exc)
        raise SystemExit(3) from None
    _Server(config, parent).run(sockets=[sock])


class _Worker:
    def __init__(self, context, args: tuple) -> None:
        self.ready = False
        # Held open while the worker runs: the worker says "ready" on it, and takes
        # its end-of-file as the parent's death.
        self.pipe, child_end = context.Pipe()
        self.process = context.Process(target=_serve_one, args=args + (child_end,),
                                       name="replylint-worker")
        self.process.start()
        child_end.close()   # so the pipe sees EOF if the worker dies

    def became_ready(self) -> bool:
        """True once, when the worker has just reported that it listens."""
        if self.ready or self.pipe.closed:
            return False
        try:
            if not self.pipe.poll():
                return False
            self.ready = bool(self.pipe.recv())
        except (EOFError, OSError):   # died before it was ready
            self.pipe.close()
        return self.ready

    def describe_exit(self) -> str:
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit code {code}"


class _Supervisor:
    def __init__(self, app, family, host, port, workers, options) -> None:
        self.args = (app, family, host, port, options)
        self.count = workers
        self.context = multiprocessing.get_context("spawn")
        self.pool: list[_Worker] = []
        self.stopping = False

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def run(self) -> None:
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for _ in range(self.count):
                self.pool.append(_Worker(self.context, self.args))
            self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _watch(self) -> None:
        failures = 0   # workers in a row that died before they served
        while not self.stopping:
            multiprocessing.connection.wait([w.process.sentinel for w in self.pool], timeout=0.5)
            for index, worker in enumerate(self.pool):
                if worker.became_ready():
                    failures = 0
                if self.stopping or worker.process.exitcode is None:
                    continue
                if not worker.ready:
                    failures += 1
                    log.error("worker %d exited before it started serving (%s)",
                              worker.process.pid, worker.describe_exit())
                    if failures >= START_FAILURES:
                        raise WorkersError(f"{failures} workers in a row exited before they "
                                           "started serving; see the log above")
                worker.pipe.close()
                replacement = _Worker(self.context, self.args)
                self.pool[index] = replacement
                if worker.ready:
                    log.warning("worker %d stopped unexpectedly (%s); worker %d started in its place",
                                worker.process.pid, worker.describe_exit(), replacement.process.pid)
                else:
                    log.info("worker %d started in its place", replacement.process.pid)

    def _stop_all(self) -> None:
        if self.stopping:
            log.info("stopping %d workers", len(self.pool))
        # SIGTERM lets uvicorn finish the requests in flight and close the connections.
        for worker in self.pool:
            if worker.process.exitcode is None:
                worker.process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for worker in self.pool:
            worker.process.join(max(0.0, deadline - time.monotonic()))
        for worker in self.pool:
            if worker.process.exitcode is None:
                log.warning("worker %d did not stop within %.0f s; killing it",
                            worker.process.pid, STOP_TIMEOUT)
                worker.process.kill()
                worker.process.join()
        for worker in self.pool:
            worker.pipe.close()
