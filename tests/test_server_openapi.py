"""The OpenAPI document describes every route, and real answers fit its schemas."""
import jsonschema
import pytest

from starlette.routing import Route
from starlette.testclient import TestClient

from replylint.server import ServerSettings, create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    config = tmp_path_factory.mktemp("server") / "replylint.toml"
    config.write_text("")
    with TestClient(create_app(ServerSettings(config_path=str(config)))) as client:
        yield client


@pytest.fixture(scope="module")
def document(client):
    response = client.get("/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def validator(document, name):
    # OpenAPI 3.1 schemas are JSON Schema 2020-12; resolve $refs inside the document.
    schema = {**document["components"]["schemas"][name], "components": document["components"]}
    return jsonschema.Draft202012Validator(schema)


def test_document_is_openapi_3_1_and_self_consistent(document):
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "replylint" and document["info"]["version"]
    jsonschema.Draft202012Validator.check_schema({"$defs": document["components"]["schemas"]})
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    for ref in refs:
        assert ref.split("/")[-1] in document["components"]["schemas"], ref


def test_every_route_is_described_and_nothing_else(client, document):
    routed = {(route.path, method.lower()) for route in client.app.routes if isinstance(route, Route)
              for method in route.methods if method != "HEAD" and route.path != "/"}
    described = {(path, method) for path, item in document["paths"].items() for method in item}
    assert routed == described


def test_check_answer_fits_the_schema(client, document):
    answer = client.post("/v1/check", json={"text": "🙂 I'm sorry you feel that way.",
                                            "context": {"channel": "twitter"}}).json()
    assert answer["findings"]
    validator(document, "CheckResult").validate(answer)


def test_batch_fix_rules_and_error_answers_fit(client, document):
    batch = client.post("/v1/check/batch", json={"items": [{"id": 1, "text": "I'm sorry you feel that way."}]})
    validator(document, "BatchResult").validate(batch.json())
    fix = client.post("/v1/fix", json={"text": "Dear customer, thanks."})
    validator(document, "FixResult").validate(fix.json())
    for rule in client.get("/v1/rules", params={"profile": "audit"}).json()["rules"]:
        validator(document, "Rule").validate(rule)
    error = client.post("/v1/check", json={"text": 1})
    validator(document, "Error").validate(error.json())


def test_requests_the_schema_accepts_the_server_accepts(client, document):
    request = {"text": "Hi", "profile": "audit", "context": {
        "channel": "email", "public": None, "customer_name": "Diane", "customer_handle": "@d",
        "agent_name": "Sam", "inbound": "Where is my order?", "history": ["earlier"], "locale": "en-GB"},
        "dismissed": [{"code": "RL101", "hash": "0123456789abcdef", "reason": "fine"}]}
    validator(document, "CheckRequest").validate(request)
    assert client.post("/v1/check", json=request).status_code == 200
    bad = {"text": "Hi", "context": {"customer": "Diane"}}
    assert not validator(document, "CheckRequest").is_valid(bad)
    assert client.post("/v1/check", json=bad).status_code == 422
