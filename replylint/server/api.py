"""The HTTP endpoints. Each one: parse and validate, run the shared linter, present.

Checks run directly on the event loop rather than in a thread pool: a check is pure
CPU work under the GIL, so a thread would add a hop without adding throughput, and
the shared Linter never has to be thread-safe. Parallelism comes from ``--workers``
(processes). The 1 MiB body limit bounds how long one request can hold a worker.
"""
from __future__ import annotations

from starlette.requests import Request

from replylint._version import __version__
from replylint.server.dismissals import DismissalSet
from replylint.server.present import fix_json, report_json, rule_json
from replylint.server.responses import JSONResponse
from replylint.server.validation import (parse_batch, parse_check, parse_fix, parse_json,
                                         parse_profile_param)


async def _body(request: Request):
    return parse_json(await request.body(), request.headers.get("content-type"))


def _note(request: Request, **fields) -> None:
    """Counts and rule codes for the access-log line (see guard.py); never text."""
    request.state.log_extra = " ".join(f"{k}={v}" for k, v in fields.items())


def _codes(findings) -> str:
    return ",".join(sorted({f["code"] for f in findings})) or "-"


async def check(request: Request) -> JSONResponse:
    server = request.app.state.server
    req = parse_check(await _body(request), server.settings.default_profile)
    linter = server.linters[req.profile]
    linter._limit_vocabulary()  # a long-running server must not keep every word it saw
    report = linter.check(req.text, context=req.context)
    body = report_json(report, req.text, DismissalSet(req.dismissed))
    _note(request, profile=req.profile, chars=len(req.text), findings=len(body["findings"]),
          codes=_codes(body["findings"]), suppressed=body["suppressed"])
    return JSONResponse(body)


async def check_batch(request: Request) -> JSONResponse:
    server = request.app.state.server
    req = parse_batch(await _body(request), server.settings.default_profile)
    linter = server.linters[req.profile]
    results = []
    total = 0
    reports = []
    for item in req.items:
        linter._limit_vocabulary()
        reports.append(linter.check(item.text, context=item.context))
    for item, report in zip(req.items, reports):
        result = report_json(report, item.text, DismissalSet(item.dismissed))
        total += len(result["findings"])
        results.append({"id": item.id, **result})
    _note(request, profile=req.profile, items=len(results), findings=total)
    return JSONResponse({"results": results})


async def fix(request: Request) -> JSONResponse:
    server = request.app.state.server
    req = parse_fix(await _body(request), server.settings.default_profile)
    linter = server.linters[req.profile]
    linter._limit_vocabulary()
    result = linter.fix(req.text, req.context)
    _note(request, profile=req.profile, chars=len(req.text), edits=len(result.edits))
    return JSONResponse(fix_json(result, req.text))


async def rules(request: Request) -> JSONResponse:
    server = request.app.state.server
    profile = parse_profile_param(request.query_params.get("profile"), server.settings.default_profile)
    listed = [rule_json(rule) for rule in server.linters[profile].rules]
    _note(request, profile=profile, rules=len(listed))
    return JSONResponse({"profile": profile, "rules": listed})


async def healthz(request: Request) -> JSONResponse:
    server = request.app.state.server
    return JSONResponse({"status": "ok", "version": __version__,
                         "profiles": list(server.linters.profiles)})


async def openapi(request: Request) -> JSONResponse:
    return JSONResponse(request.app.state.server.openapi)
