"""``serve_command`` under real uvicorn, in a child process: logs, workers, config errors."""
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

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
