"""Logs never hold reply text or personal data, whatever the request does."""
import logging

import pytest

from starlette.testclient import TestClient

from replylint.server import ServerSettings, create_app

# Words that must never reach a log line; each is unusual enough not to occur by chance.
NAME = "Zebediah Quillfeather"
CARD = "4111 1111 1111 1111"
EMAIL = "zeb.quill@example.org"
PHRASE = "sorry you feel"
SECRETS = (NAME, "Zebediah", "Quillfeather", CARD, "4111111111111111", "1111 1111", EMAIL, PHRASE,
           "marmalade")
REPLY = f"Hi {NAME}, I'm sorry you feel that way. Your card {CARD} and {EMAIL} are on file. marmalade"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    config = tmp_path_factory.mktemp("server") / "replylint.toml"
    config.write_text("")
    with TestClient(create_app(ServerSettings(config_path=str(config), max_body=4096)),
                    raise_server_exceptions=False) as client:
        yield client


def server_log(caplog) -> str:
    # Every logger in the process except the test client's own (httpx logs the URLs
    # it requests, on the client side of the wire).
    return "\n".join(record.getMessage() for record in caplog.records
                     if not record.name.startswith(("httpx", "httpcore")))


def assert_clean(log: str):
    for secret in SECRETS:
        assert secret not in log, f"{secret!r} leaked into the log"


def test_every_endpoint_logs_a_line_without_text(client, caplog):
    caplog.set_level(logging.DEBUG)
    context = {"channel": "twitter", "customer_name": NAME, "inbound": f"{NAME} here, marmalade"}
    assert client.post("/v1/check", json={"text": REPLY, "context": context}).status_code == 200
    assert client.post("/v1/check/batch", json={"items": [{"text": REPLY, "context": context}]}).status_code == 200
    assert client.post("/v1/fix", json={"text": REPLY, "context": context}).status_code == 200
    assert client.post("/v1/check", json={"text": REPLY, "dismissed": [
        {"code": "RL101", "hash": "0123456789abcdef", "reason": f"{NAME} said marmalade"}]}).status_code == 200
    log = server_log(caplog)
    assert_clean(log)
    lines = [r.getMessage() for r in caplog.records if r.name == "replylint.server"]
    assert any(" POST /v1/check 200 " in line and "codes=" in line and "RL101" in line for line in lines)
    assert any(" POST /v1/check/batch 200 " in line for line in lines)
    assert any(" POST /v1/fix 200 " in line for line in lines)


def test_rejected_requests_log_no_text(client, caplog):
    caplog.set_level(logging.DEBUG)
    responses = [
        client.post("/v1/check", content=f'{{"text": "{REPLY}" oops'.encode(),
                    headers={"content-type": "application/json"}),
        client.post("/v1/check", json={"text": REPLY, "context": {"channel": f"{NAME}"}}),
        client.post("/v1/check", json={"text": REPLY, "profile": f"{NAME}"}),
        client.post("/v1/check", json={"text": REPLY * 50}),                       # 413
        client.post("/v1/check", content=REPLY.encode(), headers={"content-type": "text/plain"}),
        client.get(f"/{NAME}/{CARD}"),                                            # 404, words in the path
        client.get("/v1/rules", params={"profile": "audit", "q": REPLY}),        # words in the query
    ]
    assert [r.status_code for r in responses] == [400, 422, 422, 413, 415, 404, 200]
    log = server_log(caplog)
    assert_clean(log)
    assert " GET - 404 " in log   # an unknown path is logged as "-"


def test_an_engine_crash_is_500_and_logs_no_text(client, caplog, monkeypatch):
    linter = client.app.state.server.linters["pre-send"]

    def crash(text, context=None):
        raise ValueError(f"could not tokenise {text!r} for {context!r}")

    monkeypatch.setattr(linter, "check", crash)
    caplog.set_level(logging.DEBUG)
    response = client.post("/v1/check", json={"text": REPLY, "context": {"customer_name": NAME}})
    assert response.status_code == 500
    message = response.json()["error"]["message"]
    assert "internal error" in message and "request" in message
    assert_clean(response.text)
    log = server_log(caplog)
    assert_clean(log)
    assert "ValueError" in log and "crash" in log   # the type and where, for the operator


def test_the_plain_formatter_writes_what_the_standard_one_does():
    import logging

    from replylint.server.logs import PlainFormatter

    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    ours, standard = PlainFormatter(fmt), logging.Formatter(fmt)
    record = logging.LogRecord("replylint.server", logging.INFO, __file__, 1, "request %s", ("1a-2",), None)
    for created in (1_700_000_000.001, 1_700_000_000.999, 1_700_000_001.5, 1_700_000_000.25):
        record.created, record.msecs = created, (created - int(created)) * 1000
        assert ours.format(record) == standard.format(record)
