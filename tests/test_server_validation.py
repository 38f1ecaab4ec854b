"""Bad requests get 400/413/415/422 with a message naming the field; CORS is opt-in."""
import pytest

from starlette.testclient import TestClient

from replylint.server import ServerSettings, create_app
from replylint.server.linters import Linters

SECRET = "Diane Mulberry-Hawthorne 4111 1111 1111 1111"


@pytest.fixture(scope="module")
def linters(tmp_path_factory):
    config = tmp_path_factory.mktemp("server") / "replylint.toml"
    config.write_text("")
    return Linters(str(config))


@pytest.fixture(scope="module")
def client(linters):
    with TestClient(create_app(ServerSettings(), linters=linters)) as client:
        yield client


def raw(client, body, path="/v1/check", content_type="application/json"):
    return client.post(path, content=body, headers={"content-type": content_type})


def error_of(response, status):
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["status"] == status and error["message"]
    return error


@pytest.mark.parametrize("body, message", [
    (b'{"text": "hi"', "malformed JSON"),
    (b"not json at all", "malformed JSON"),
    (b"", "empty"),
    (b'{"text": "\xff\xfe"}', "UTF-8"),
    (b"[" * 100000 + b"]" * 100000, "malformed JSON"),
])
def test_malformed_json_is_400(client, body, message):
    assert message in error_of(raw(client, body), 400)["message"]


def test_malformed_json_message_does_not_quote_the_body(client):
    error = error_of(raw(client, ('{"text": "' + SECRET + '" oops}').encode()), 400)
    assert "Diane" not in error["message"] and "4111" not in error["message"]


def test_json_sent_as_another_type_is_415(client):
    error = error_of(raw(client, b'{"text": "hi"}', content_type="text/plain"), 415)
    assert "application/json" in error["message"]
    error_of(client.post("/v1/check", data={"text": "hi"}), 415)   # an HTML form post


def test_content_type_with_charset_is_fine(client):
    assert raw(client, b'{"text": "hi"}', content_type="application/json; charset=utf-8").status_code == 200


@pytest.mark.parametrize("body, field, words", [
    ([], None, "JSON object"),
    ({}, "text", "required"),
    ({"text": 5}, "text", "must be a string"),
    ({"text": None}, "text", "must be a string"),
    ({"text": "hi", "txt": "x"}, "txt", "unknown field"),
    ({"text": "hi", "context": "email"}, "context", "must be an object"),
    ({"text": "hi", "context": {"customer": "Diane"}}, "context.customer", "unknown context field"),
    ({"text": "hi", "context": {"channel": "pigeon"}}, "context.channel", "unknown channel"),
    ({"text": "hi", "context": {"channel": 3}}, "context.channel", "must be a string"),
    ({"text": "hi", "context": {"public": "yes"}}, "context.public", "true, false or null"),
    ({"text": "hi", "context": {"history": "once"}}, "context.history", "list of strings"),
    ({"text": "hi", "profile": "strict"}, "profile", "unknown profile"),
    ({"text": "hi", "profile": 1}, "profile", "must be a string"),
    ({"text": "hi", "dismissed": {"code": "RL101"}}, "dismissed", "list"),
    ({"text": "hi", "dismissed": [{"code": "RL101", "hash": "abc", "reason": "r"}]},
     "dismissed[0].hash", "16 lower-case hex"),
    ({"text": "hi", "dismissed": [{"code": "RL101", "hash": "0123456789abcdef"}]},
     "dismissed[0].reason", "required"),
    ({"text": "hi", "dismissed": [{"code": "RL101", "hash": "0123456789abcdef", "reason": "   "}]},
     "dismissed[0].reason", "non-empty"),
    ({"text": "hi", "dismissed": [{"code": "RL101", "hash": "0123456789abcdef", "reason": "r" * 501}]},
     "dismissed[0].reason", "longer than 500"),
    ({"text": "hi", "dismissed": [{"code": "RL101", "hash": "0123456789abcdef", "reason": "r", "at": 3}]},
     "dismissed[0].at", "unknown field"),
])
def test_wrong_shapes_are_422_naming_the_field(client, body, field, words):
    error = error_of(client.post("/v1/check", json=body), 422)
    assert words in error["message"]
    assert error.get("field") == field


def test_lone_surrogate_is_422(client):
    error = error_of(raw(client, b'{"text": "hi \\ud83d there"}'), 422)
    assert error["field"] == "text" and "surrogate" in error["message"]


def test_batch_shapes(client):
    assert error_of(client.post("/v1/check/batch", json={"items": "x"}), 422)["field"] == "items"
    error = error_of(client.post("/v1/check/batch", json={"items": [{"text": "a"}, {"text": 1}]}), 422)
    assert error["field"] == "items[1].text"
    error = error_of(client.post("/v1/check/batch", json={"items": [{"text": "a", "id": True}]}), 422)
    assert error["field"] == "items[0].id"
    error = error_of(client.post("/v1/check/batch", json={"items": [{"text": "a"}] * 1001}), 422)
    assert "at most 1000" in error["message"]


def test_fix_takes_no_dismissals(client):
    error = error_of(client.post("/v1/fix", json={"text": "hi", "dismissed": []}), 422)
    assert error["field"] == "dismissed"


def test_rules_with_unknown_profile(client):
    assert error_of(client.get("/v1/rules", params={"profile": "x"}), 422)["field"] == "profile"


# ---------------------------------------------------------------- body limit
@pytest.fixture(scope="module")
def small(linters):
    with TestClient(create_app(ServerSettings(max_body=200), linters=linters)) as client:
        yield client


def test_default_limit_is_one_mebibyte(client):
    assert client.app.state.server.settings.max_body == 1024 * 1024
    text = "a" * (1024 * 1024 - 20)   # JSON under the limit
    assert client.post("/v1/check", json={"text": text}).status_code == 200
    over = b'{"text": "' + b"a" * (1024 * 1024) + b'"}'
    assert "1048576 bytes" in error_of(raw(client, over), 413)["message"]


def test_configured_limit_with_content_length(small):
    assert small.post("/v1/check", json={"text": "a" * 150}).status_code == 200
    error_of(small.post("/v1/check", json={"text": "a" * 250}), 413)


def test_configured_limit_with_chunked_body(small):
    def chunks():
        for _ in range(10):
            yield b"a" * 50

    response = small.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.request.headers.get("transfer-encoding") == "chunked"
    error_of(response, 413)


def test_chunked_body_under_the_limit_is_read_whole(small):
    def chunks():
        yield b'{"text": '
        yield b'"I\'m sorry you feel that way."}'

    response = small.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 200
    assert [f["code"] for f in response.json()["findings"]] == ["RL101"]


# ---------------------------------------------------------------- CORS
def test_no_cors_headers_unless_configured(client):
    response = client.options("/v1/check", headers={
        "origin": "https://desk.example", "access-control-request-method": "POST",
        "access-control-request-headers": "content-type"})
    assert "access-control-allow-origin" not in response.headers
    response = client.post("/v1/check", json={"text": "hi"}, headers={"origin": "https://desk.example"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_for_configured_origins_only(linters):
    settings = ServerSettings(cors_origins="https://desk.example, https://other.example/", max_body=100)
    assert settings.cors_origins == ("https://desk.example", "https://other.example")
    with TestClient(create_app(settings, linters=linters)) as client:
        preflight = client.options("/v1/check", headers={
            "origin": "https://desk.example", "access-control-request-method": "POST",
            "access-control-request-headers": "content-type"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://desk.example"
        allowed = client.post("/v1/check", json={"text": "hi"}, headers={"origin": "https://desk.example"})
        assert allowed.headers["access-control-allow-origin"] == "https://desk.example"
        # A 413 from an allowed origin is still readable by the browser.
        too_big = client.post("/v1/check", json={"text": "a" * 200}, headers={"origin": "https://desk.example"})
        assert too_big.status_code == 413
        assert too_big.headers["access-control-allow-origin"] == "https://desk.example"
        other = client.post("/v1/check", json={"text": "hi"}, headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_settings_reject_a_bad_limit():
    with pytest.raises(ValueError, match="max_body"):
        ServerSettings(max_body=0)


def test_settings_travel_through_the_environment():
    settings = ServerSettings(config_path="/x/replylint.toml", max_body=5000,
                              cors_origins=("https://a.example",))
    assert ServerSettings.from_env(settings.to_env()) == settings
    assert ServerSettings.from_env({}) == ServerSettings()


def test_settings_without_a_config_clear_one_left_in_the_environment():
    stale = {"REPLYLINT_SERVE_CONFIG": "/old/replylint.toml"}
    stale.update(ServerSettings().to_env())
    assert ServerSettings.from_env(stale).config_path is None
