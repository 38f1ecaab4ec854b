"""The HTTP API through Starlette's TestClient: shapes, offsets, dismissals, profiles."""
import json

import pytest

from starlette.testclient import TestClient

from replylint.server import ServerSettings, create_app
from replylint.server.dismissals import span_hash

NON_APOLOGY = "I'm sorry you feel that way."
CARD = "4111 1111 1111 1111"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    # An empty config file: the defaults, never the config of the folder tests run in.
    config = tmp_path_factory.mktemp("server") / "replylint.toml"
    config.write_text("")
    with TestClient(create_app(ServerSettings(config_path=str(config)))) as client:
        yield client


def check(client, **body):
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def only(findings, code):
    found = [f for f in findings if f["code"] == code]
    assert len(found) == 1, [f["code"] for f in findings]
    return found[0]


def test_check_returns_the_documented_fields(client):
    data = check(client, text=NON_APOLOGY, context={"channel": "email", "customer_name": "Diane"})
    assert data["ok"] is False
    assert data["suppressed"] == 0 and data["errors"] == []
    finding = only(data["findings"], "RL101")
    assert set(finding) >= {"code", "slug", "severity", "confidence", "message", "why", "start", "end",
                            "start_utf16", "end_utf16", "text", "suggestion", "applicability", "url",
                            "hash", "sensitive", "replacement"}
    assert finding["slug"] == "non-apology" and finding["severity"] == "error"
    assert NON_APOLOGY[finding["start"]:finding["end"]] == finding["text"]
    assert (finding["start_utf16"], finding["end_utf16"]) == (finding["start"], finding["end"])
    assert finding["hash"] == span_hash(finding["text"])


def test_a_clean_reply_is_ok(client):
    data = check(client, text="Hi Diane, your refund of $20 went out today and should arrive by Friday.\n\n"
                              "Thanks,\nSam",
                 context={"channel": "email", "customer_name": "Diane", "agent_name": "Sam"})
    assert data == {"ok": True, "findings": [], "suppressed": 0, "errors": []}


@pytest.mark.parametrize("prefix", [
    "🙂 ",                      # one astral emoji: two UTF-16 units
    "👩‍👩‍👧‍👦 ",                     # a ZWJ family: four astral people and three joiners
    "𝒯𝒽𝒶𝓃𝓀𝓈! ",                # mathematical script letters, all astral
    "Ça va? 日本 🇫🇷 ",          # BMP accents and CJK (one unit) beside a flag (two astral)
])
def test_utf16_offsets_slice_the_same_words_as_javascript(client, prefix):
    text = prefix + NON_APOLOGY
    finding = only(check(client, text=text)["findings"], "RL101")
    assert text[finding["start"]:finding["end"]] == "sorry you feel"
    # What JavaScript's text.slice(start_utf16, end_utf16) returns:
    units = text.encode("utf-16-le")
    js_slice = units[2 * finding["start_utf16"]:2 * finding["end_utf16"]].decode("utf-16-le")
    assert js_slice == "sorry you feel"
    astral = sum(1 for ch in prefix if ord(ch) > 0xFFFF)
    assert finding["start_utf16"] == finding["start"] + astral


def test_dismissal_suppresses_the_finding_and_unblocks(client):
    first = only(check(client, text=NON_APOLOGY)["findings"], "RL101")
    dismissed = [{"code": "RL101", "hash": first["hash"], "reason": "quoting the customer"}]
    again = check(client, text=NON_APOLOGY, dismissed=dismissed)
    assert again["ok"] is True
    assert again["suppressed"] == 1
    assert "RL101" not in [f["code"] for f in again["findings"]]


def test_dismissal_by_slug_works_too(client):
    first = only(check(client, text=NON_APOLOGY)["findings"], "RL101")
    again = check(client, text=NON_APOLOGY,
                  dismissed=[{"code": "non-apology", "hash": first["hash"], "reason": "ok"}])
    assert again["suppressed"] == 1


def test_dismissal_is_tied_to_the_words_and_the_rule(client):
    text = "I'm sorry you feel that way. I'm sorry it appears late."
    findings = check(client, text=text)["findings"]
    assert [f["text"] for f in findings if f["code"] == "RL101"] == ["sorry you feel", "sorry it appears"]
    dismissed = [{"code": "RL101", "hash": findings[0]["hash"], "reason": "quoting the customer"}]
    again = check(client, text=text, dismissed=dismissed)
    assert again["suppressed"] == 1
    assert [f["text"] for f in again["findings"] if f["code"] == "RL101"] == ["sorry it appears"]
    # The agent rewords: other words, another hash, so the finding is back.
    reworded = check(client, text="I'm sorry it appears that way.", dismissed=dismissed)
    assert reworded["suppressed"] == 0 and reworded["ok"] is False
    # Same words, another rule code: nothing suppressed.
    wrong_rule = check(client, text=NON_APOLOGY,
                       dismissed=[{"code": "RL201", "hash": findings[0]["hash"], "reason": "x"}])
    assert wrong_rule["suppressed"] == 0 and wrong_rule["ok"] is False


def test_dismissal_hash_is_documented_sha256_prefix():
    import hashlib
    assert span_hash("sorry you feel") == hashlib.sha256("sorry you feel".encode()).hexdigest()[:16]
    assert span_hash("🙂 é") == hashlib.sha256("🙂 é".encode("utf-8")).hexdigest()[:16]


def test_profiles_differ_and_default_is_pre_send(client):
    pre_send = client.get("/v1/rules").json()
    audit = client.get("/v1/rules", params={"profile": "audit"}).json()
    assert pre_send["profile"] == "pre-send" and audit["profile"] == "audit"
    assert {r["code"] for r in pre_send["rules"]} <= {r["code"] for r in audit["rules"]}
    assert all(r["confidence"] == "high" for r in pre_send["rules"])
    rule = next(r for r in audit["rules"] if r["code"] == "RL101")
    assert rule["slug"] == "non-apology" and rule["title"] and rule["why"] and rule["url"]
    assert set(rule) == {"code", "slug", "title", "severity", "confidence", "why", "url"}


def test_audit_profile_is_selectable_per_request(client):
    data = check(client, text=NON_APOLOGY, profile="audit")
    assert "RL101" in [f["code"] for f in data["findings"]]


def test_batch_keeps_order_ids_and_per_item_dismissals(client):
    first = only(check(client, text=NON_APOLOGY)["findings"], "RL101")
    response = client.post("/v1/check/batch", json={"items": [
        {"id": "a", "text": NON_APOLOGY},
        {"id": 7, "text": "Thanks Diane, the refund is done.", "context": {"customer_name": "Diane"}},
        {"text": NON_APOLOGY, "dismissed": [{"code": "RL101", "hash": first["hash"], "reason": "r"}]},
    ]})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["a", 7, None]
    assert results[0]["ok"] is False and results[1]["ok"] is True
    assert results[2]["suppressed"] == 1 and results[2]["ok"] is True


def test_fix_returns_text_and_edits_with_both_offsets(client):
    text = "🙂 Thanks! Your card " + CARD + " is on file."
    response = client.post("/v1/fix", json={"text": text, "context": {"channel": "twitter"}})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"text", "edits"}
    assert CARD not in data["text"], "the masking fix must be applied"
    assert data["edits"], "expected the card number to be masked by a safe fix"
    edit = data["edits"][0]
    assert text[edit["start"]:edit["end"]] == CARD
    assert edit["start_utf16"] == edit["start"] + 1
    assert data["text"] == text[:edit["start"]] + edit["replacement"] + text[edit["end"]:]


def test_fix_without_fixable_findings_returns_text_unchanged(client):
    data = client.post("/v1/fix", json={"text": NON_APOLOGY}).json()
    assert data == {"text": NON_APOLOGY, "edits": []}


def test_card_number_is_masked_and_never_echoed(client):
    text = f"Hi Diane, your card {CARD} is on file."
    response = client.post("/v1/check", json={"text": text, "context": {"channel": "twitter"}})
    assert response.status_code == 200
    card = only(response.json()["findings"], "RL801")
    assert card["sensitive"] is True and card["hash"] is None
    assert text[card["start"]:card["end"]] == CARD
    assert card["applicability"] == "safe" and card["replacement"]
    # Not as typed, not without spaces, not anywhere in the answer.
    assert CARD not in response.text and CARD.replace(" ", "") not in response.text


def test_card_number_is_masked_in_findings_that_quote_it(client):
    # A reply with no sign-off on a public channel: RL604 points at the last
    # sentence, which holds the card number RL801 found.
    text = f"I'm sorry you feel that way. Your card {CARD} is on file."
    response = client.post("/v1/check", json={"text": text, "context": {"channel": "twitter"}})
    findings = response.json()["findings"]
    card = only(findings, "RL801")
    covering = [f for f in findings if f["code"] != "RL801"
                and f["start"] < card["end"] and card["start"] < f["end"]]
    assert covering, "expected a finding whose span covers the card number"
    for f in covering:
        assert f["hash"] is None
        assert card["text"] in f["text"]
    assert CARD not in response.text and CARD.replace(" ", "") not in response.text


def test_personal_data_cannot_be_dismissed(client):
    text = f"Your card {CARD} is on file."
    first = only(check(client, text=text, context={"channel": "twitter"})["findings"], "RL801")
    # A client that computes the hash itself still cannot silence it.
    again = check(client, text=text, context={"channel": "twitter"}, dismissed=[
        {"code": "RL801", "hash": span_hash(text[first["start"]:first["end"]]), "reason": "r"}])
    assert again["suppressed"] == 0 and "RL801" in [f["code"] for f in again["findings"]]


def test_healthz(client):
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and set(data["profiles"]) == {"pre-send", "audit"}
    assert data["version"]


def test_compose_page_and_assets_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'src="static/compose.js"' in page.text and 'href="static/compose.css"' in page.text
    assert client.get("/static/compose.js").status_code == 200
    assert client.get("/static/compose.css").status_code == 200
    assert "http://" not in page.text and "https://" not in page.text  # no CDN


def test_page_channel_options_match_the_engine(client):
    from replylint.model import CHANNELS
    import re
    page = client.get("/").text
    options = re.findall(r'<option value="([^"]+)">', page.split('id="channel"')[1].split("</select>")[0])
    assert tuple(options) == CHANNELS


def test_security_headers_and_no_store(client):
    response = client.post("/v1/check", json={"text": "Hi"})
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    page = client.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert response.headers["x-request-id"]


def test_unknown_path_and_method_get_json_errors(client):
    missing = client.get("/v2/check")
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "no such endpoint"
    wrong = client.get("/v1/check")
    assert wrong.status_code == 405 and wrong.json()["error"]["status"] == 405


def test_answers_are_plain_json(client):
    response = client.post("/v1/check", json={"text": "Ça 🙂 " + NON_APOLOGY})
    assert response.headers["content-type"] == "application/json"
    json.loads(response.content.decode("utf-8"))


# ------------------------------------------------------------ response bytes
def test_orjson_renders_the_bytes_starlette_would():
    from starlette.responses import JSONResponse as StarletteJSONResponse

    from replylint.server.responses import JSONResponse

    payloads = [
        {"ok": True, "findings": [], "suppressed": 0, "errors": []},
        {"message": "\"I'm sorry you feel\" \\ café 🙂 \u2028 \x00\x1f\t\n", "start": 0, "end": -1,
         "nested": [None, False, True, {"k": ["é", "\U0001F600"]}], "big": 2 ** 53},
        {"error": {"status": 422, "message": "unknown context field(s): x", "field": "context"}},
    ]
    for payload in payloads:
        assert JSONResponse(payload).body == StarletteJSONResponse(payload).body
