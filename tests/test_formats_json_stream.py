"""The JSON document streams: results as they come, input errors through a spool that
moves to disk past 1 MB, the summary last; the text is the same either way."""
import io
import json

from replylint.audit import Summary
from replylint.errors import InputError
from replylint.formats import RenderOptions
from replylint.formats import json_document
from replylint.formats.json_document import JsonRenderer


def _document(errors: int) -> str:
    out = io.StringIO()
    renderer = JsonRenderer(out, RenderOptions(tool_version="0"))
    summary = Summary()
    renderer.begin()
    for i in range(errors):
        error = InputError(f"invalid JSON é “{i}”", "in.jsonl", i + 1)
        summary.add_error(error)
        renderer.error(error)
    renderer.end(summary)
    return out.getvalue()


def test_errors_spooled_to_disk_read_back_in_order(monkeypatch):
    small = _document(3)
    assert json.loads(small)["errors"][2] == {"source": "in.jsonl", "line": 3,
                                              "message": "invalid JSON é “2”"}
    many = _document(30000)   # ~2 MB of errors: past the in-memory spool
    document = json.loads(many)
    assert [e["line"] for e in document["errors"]] == list(range(1, 30001))
    assert document["summary"]["errors"] == 30000
    monkeypatch.setattr(json_document, "_SPOOL_IN_MEMORY", 1 << 30)
    assert _document(30000) == many


def test_no_errors_is_an_empty_list():
    text = _document(0)
    assert '"errors": [\n ]' in text
    assert json.loads(text)["errors"] == []
