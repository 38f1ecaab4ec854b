"""``serve_command`` under real uvicorn, in a child process: logs, workers, config errors."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from replylint.server.cli import _is_loopback

NAME = "Zebediah Quillfeather"
CARD = "4111 1111 1111 1111"
REPLY = f"Hi {NAME}, I'm sorry you feel that way. Your card {CARD} is on file."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(tmp_path, workers=1, max_body=1024 * 1024, config_text=""):
    config = tmp_path / "replylint.toml"
    config.write_text(config_text)
    port = free_port()
    log = open(tmp_path / "server.log", "w+")
    code = ("from replylint.server.cli import serve_command; "
            f"serve_command('127.0.0.1', {port}, {str(config)!r}, {workers}, {max_body}, ())")
    process = subprocess.Popen([sys.executable, "-c", code], stdout=log, stderr=subprocess.STDOUT,
                               cwd=tmp_path)
    return process, port, log


def wait_ready(process, port, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"server exited with {process.returncode}:\n{log.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("server did not come up")


def stop(process, log) -> str:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.seek(0)
    text = log.read()
    log.close()
    return text


def post(port, path, body, content_type="application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                     headers={"content-type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_real_server_answers_and_its_log_holds_no_text(tmp_path):
    process, port, log = start(tmp_path)
    try:
        wait_ready(process, port, log)
        status, data = post(port, "/v1/check", {"text": REPLY, "context": {
            "channel": "twitter", "customer_name": NAME}})
        assert status == 200 and "RL101" in [f["code"] for f in data["findings"]]
        assert post(port, "/v1/check", b'{"text": "' + REPLY.encode() + b'"')[0] == 400
        query = urllib.parse.quote(REPLY)
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{query}?text={query}", timeout=5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/rules?q={query}", timeout=5) as r:
            assert r.status == 200
    finally:
        output = stop(process, log)
    assert "linters ready" in output
    assert " POST /v1/check 200 " in output and " GET - 404 " in output
    for secret in (NAME, "Zebediah", CARD, "4111", "sorry you feel", "sorry%20you"):
        assert secret not in output, f"{secret!r} leaked into the server log:\n{output}"
    assert '"POST /v1/check HTTP/1.1"' not in output   # uvicorn's access log stays off


def test_workers_get_the_settings_through_the_environment(tmp_path):
    process, port, log = start(tmp_path, workers=2, max_body=300)
    try:
        wait_ready(process, port, log, timeout=90)
        for _ in range(6):
            status, data = post(port, "/v1/check", {"text": "I'm sorry you feel that way."})
            assert status == 200 and data["ok"] is False
        status, data = post(port, "/v1/check", {"text": "a" * 400})
        assert status == 413 and "300 bytes" in data["error"]["message"]
    finally:
        output = stop(process, log)
    assert output.count("linters ready") == 2, output


def test_a_bad_config_stops_the_start_with_exit_2(tmp_path):
    config = tmp_path / "replylint.toml"
    config.write_text('selct = ["RL1"]\n')
    code = ("import click\nfrom replylint.server.cli import serve_command\n"
            "@click.command()\ndef main():\n"
            f"    serve_command('127.0.0.1', {free_port()}, {str(config)!r}, 1, 1048576, ())\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("replylint: error: ")
    assert "replylint.toml:1" in result.stderr and "selct" in result.stderr
    assert "Traceback" not in result.stderr


def test_loopback_detection():
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("10.0.0.5") and not _is_loopback("desk.example")


def test_serve_options_become_settings():
    from replylint.server.cli import ServeError, build_settings, serve_command

    settings = build_settings(None, 2048, ("https://a.example,https://b.example/", "https://c.example"))
    assert settings.cors_origins == ("https://a.example", "https://b.example", "https://c.example")
    assert settings.max_body == 2048 and settings.config_path is None
    assert build_settings("x.toml", 10, ()).cors_origins == ()
    with pytest.raises(ServeError, match="max_body"):
        build_settings(None, 0, ())
    with pytest.raises(ServeError, match="--workers must be at least 1"):
        serve_command("127.0.0.1", 8080, None, 0, 1024, ())


def test_serve_without_the_server_extra_says_which_extra(tmp_path):
    # Starlette made unimportable, as on an install without replylint[server].
    code = ("import sys\nsys.modules['starlette'] = None\nsys.modules['uvicorn'] = None\n"
            "import click\nfrom replylint.server.cli import serve_command\n"
            "@click.command()\ndef main():\n"
            f"    serve_command('127.0.0.1', {free_port()}, None, 1, 1048576, ())\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 2
    assert "pip install 'replylint[server]'" in result.stderr and "Traceback" not in result.stderr


# --- --workers N: one SO_REUSEPORT socket per worker (replylint/server/workers.py) ---

needs_reuseport = pytest.mark.skipif(
    not hasattr(socket, "SO_REUSEPORT") or not os.path.isdir("/proc/self"),
    reason="one socket per worker needs SO_REUSEPORT; the checks read /proc")


def _proc_stat(pid):
    """(state, parent pid) of a process, or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[0], int(fields[1])


def alive(pid) -> bool:
    stat = _proc_stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")   # a zombie has exited


def worker_pids(parent) -> set:
    """The live worker processes of a server: its children started by multiprocessing's spawn."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        stat = _proc_stat(entry.name)
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if stat and stat[1] == parent and stat[0] != "Z" and b"spawn_main" in command:
            found.add(int(entry.name))
    return found


def wait_for(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def answering_pid(port) -> int:
    """The pid of the worker that answers a request on a new connection (from x-request-id)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
        assert response.status == 200
        return int(response.headers["x-request-id"].split("-")[0], 16)


def serving_workers(process, port, count=2, timeout=90) -> set:
    """The server's worker pids, once each of them has answered (so each one listens)."""
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        seen |= {answering_pid(port) for _ in range(20)}
        workers = worker_pids(process.pid)
        if len(workers) == count and seen >= workers:
            return workers
        time.sleep(0.1)
    pytest.fail(f"not every worker answered: saw {seen}, workers {worker_pids(process.pid)}")


def listening_sockets(port) -> int:
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if local.endswith(f":{port:04X}") and state == "0A":   # 0A: LISTEN
            count += 1
    return count


@contextmanager
def two_workers(tmp_path):
    """A server with 2 workers, every one answering; ``run["output"]`` is its log once
    stopped. When the body fails, workers still alive are killed, so none outlives it."""
    process, port, log = start(tmp_path, workers=2)
    run = {"process": process, "port": port, "workers": set()}
    try:
        wait_ready(process, port, log, timeout=90)
        run["workers"] = serving_workers(process, port)
        yield run
    except BaseException:
        run["output"] = stop(process, log)
        for pid in run["workers"]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        raise
    run["output"] = stop(process, log)


@needs_reuseport
def test_each_worker_has_its_own_socket_and_gets_connections(tmp_path):
    with two_workers(tmp_path) as run:
        # The kernel picks a socket by a hash of each connection's addresses: 40 new
        # connections all on one of two workers would be a 1 in 2**39 chance.
        assert {answering_pid(run["port"]) for _ in range(40)} == run["workers"]
        assert listening_sockets(run["port"]) == 2
    assert "with 2 workers, one socket each" in run["output"]


@needs_reuseport
def test_sigterm_stops_the_server_and_every_worker(tmp_path):
    with two_workers(tmp_path) as run:
        workers = set(run["workers"])
    assert run["process"].returncode == 0, run["output"]
    wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to exit", timeout=20)
    assert "stopping 2 workers" in run["output"] and "Traceback" not in run["output"]


@needs_reuseport
def test_a_killed_worker_is_replaced(tmp_path):
    with two_workers(tmp_path) as run:
        process, port, before = run["process"], run["port"], run["workers"]
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        # Reaped, not only a zombie: the leader of a threaded process turns zombie while
        # its other threads still hold the listening socket for a moment.
        wait_for(lambda: _proc_stat(victim) is None, "the parent to reap the killed worker", timeout=20)
        for _ in range(10):   # the other worker answers meanwhile
            assert post(port, "/v1/check", {"text": "Thanks, the refund is done."})[0] == 200
        replacement = wait_for(lambda: worker_pids(process.pid) - before, "a new worker")
        assert len(replacement) == 1 and len(worker_pids(process.pid)) == 2
        wait_for(lambda: answering_pid(port) in replacement, "the new worker to answer", timeout=90)
    assert process.returncode == 0, run["output"]
    assert f"worker {victim} stopped unexpectedly (killed by SIGKILL); worker {min(replacement)} " \
           "started in its place" in run["output"]


@needs_reuseport
@pytest.mark.parametrize("reuseport", [False, True], ids=["plain-socket", "reuseport-socket"])
def test_a_port_in_use_stops_the_start_with_exit_2(tmp_path, reuseport):
    # With SO_REUSEPORT on both sides, a second server of the same user (another
    # `replylint serve`, say) would silently share the port: it must be refused too.
    config = tmp_path / "replylint.toml"
    config.write_text("")
    with socket.socket() as holder:
        if reuseport:
            holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        code = ("import click\nfrom replylint.server.cli import serve_command\n"
                "@click.command()\ndef main():\n"
                f"    serve_command('127.0.0.1', {port}, {str(config)!r}, 2, 1048576, ())\n"
                "main()\n")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                timeout=120, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"replylint: error: cannot listen on 127.0.0.1:{port}: address already in use"]


@needs_reuseport
def test_workers_that_cannot_start_stop_the_server(tmp_path):
    code = ("import sys\nfrom replylint.server.workers import WorkersError, run_workers\n"
            "try:\n"
            f"    run_workers('replylint.server.app:no_such_factory', '127.0.0.1', {free_port()}, 2, {{}})\n"
            "except WorkersError as exc:\n"
            "    print('gave up:', exc, file=sys.stderr)\n"
            "    sys.exit(7)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 7, result.stderr
    assert "gave up: 3 workers in a row exited before they started serving" in result.stderr
    assert "exited before it started serving (exit code 3)" in result.stderr


@needs_reuseport
def test_workers_stop_when_the_server_process_is_killed(tmp_path):
    # Orphaned workers would go on serving and hold the port after a SIGKILL of the parent.
    with two_workers(tmp_path) as run:
        run["process"].kill()
        run["process"].wait(timeout=20)
        wait_for(lambda: not any(alive(pid) for pid in run["workers"]), "the orphaned workers to exit",
                 timeout=30)
    assert "Traceback" not in run["output"], run["output"]
