"""Load benchmark for ``replylint serve``: wrk on loopback against POST /v1/check.

Not a test: run it by hand on a quiet machine, and copy the table it prints into
docs/performance.md. It starts the server itself (one process per ``--workers``),
checks that every body below gets a 200, warms up, then runs wrk at each
connection count and prints throughput, p50/p90/p99 latency and errors.

    apt-get install -y wrk                 # Debian's wrk
    python benchmarks/load_server.py                       # 1, 16, 64 connections, 1 worker
    python benchmarks/load_server.py --workers 2 --duration 20
    python benchmarks/load_server.py --workers 2 --runs 5 --duration 10   # medians of 5 runs
    python benchmarks/load_server.py --workers 2 --unique  # a new word in every request
    python benchmarks/load_server.py --cpu-cost            # CPU per request, no wrk needed

wrk keeps every connection busy (a closed loop), so the latency at N connections
includes the time a request waits behind the N-1 others: at 16 connections it is
roughly 16 / throughput. The replies cycle through a realistic mix (chat lines,
social replies, long emails with quoted text, some with findings, some clean).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

# (text, context): what agent desks send while an agent types, longest about 1 kB.
REPLIES = [
    ("Hi Diane, thanks for your patience. I've refunded the $24.99 for the late order; you'll see it "
     "in 3-5 business days. Anything else, just reply here. Sam",
     {"channel": "email", "customer_name": "Diane", "agent_name": "Sam"}),
    ("I'm sorry you feel that way. Your card 4111 1111 1111 1111 is on file.",
     {"channel": "twitter"}),
    ("Thanks for waiting! Your replacement ships today and tracking is on its way by email.",
     {"channel": "chat", "customer_name": "Omar"}),
    ("@jrivera Sorry for the trouble with the app update. Could you DM us the phone model and app "
     "version so we can look into it right away?",
     {"channel": "twitter", "customer_handle": "@jrivera"}),
    ("Dear customer,\n\nThank you for contacting us. Please be advised that your request has been "
     "received and is being processed. Rest assured our team is working on it.\n\nKind regards,\n"
     "Support Team",
     {"channel": "email", "customer_name": "Priya", "inbound": "My order never arrived and nobody answers!"}),
    ("Hi Marta,\n\nI checked your account: the double charge of €49 on 3 March was our mistake, and "
     "I've reversed it. The refund shows as pending today and usually clears within five working days "
     "depending on your bank. I've also added a note so it can't happen again on renewal.\n\n"
     "If the refund isn't there by Friday, reply to this email and I'll chase it with our payments "
     "team directly.\n\nBest,\nAlex\n\nOn Tue, 4 Mar, Marta wrote:\n> You charged me twice this "
     "month. This is the second time. Fix it or I'm cancelling.\n> Marta",
     {"channel": "email", "customer_name": "Marta", "agent_name": "Alex",
      "inbound": "You charged me twice this month. This is the second time. Fix it or I'm cancelling."}),
    ("We apologize for any inconvenience this may have caused. Unfortunately that is our policy.",
     {"channel": "facebook", "customer_name": "Lee"}),
    ("Got it, Sofia. I've moved your delivery to Thursday between 8 and 12. You'll get a text the "
     "morning of.", {"channel": "sms", "customer_name": "Sofia"}),
    ("Hi Ken, you can reach me directly on 020 7946 0958 or at ken.support@example.com if the link "
     "doesn't work. 🙂", {"channel": "chat", "customer_name": "Ken"}),
    ("Hello,\n\nAs per my last email, the feature you're asking about is on our roadmap. While you "
     "wait, have you considered upgrading to Premium? It includes priority support and 2x storage.\n\n"
     "Thanks,\nJordan",
     {"channel": "email", "inbound": "Still no dark mode? I asked three months ago."}),
    ("Thanks so much for the kind words, Ayesha! I'll pass them on to the delivery team. 🎉",
     {"channel": "review", "customer_name": "Ayesha"}),
    ("Hi [Customer Name], your ticket {{ticket_id}} has been escalated to tier 2.",
     {"channel": "email"}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, workdir: str) -> subprocess.Popen:
    config = os.path.join(workdir, "replylint.toml")
    open(config, "w").close()          # defaults, not the config of the folder we run in
    code = ("from replylint.server.cli import serve_command; "
            f"serve_command('127.0.0.1', {port}, {config!r}, {workers}, 1048576, ())")
    log = open(os.path.join(workdir, "server.log"), "w")
    return subprocess.Popen([sys.executable, "-c", code], stdout=log, stderr=subprocess.STDOUT, cwd=workdir)


def wait_ready(port: int, process: subprocess.Popen, workers: int, timeout: float = 90) -> None:
    """Until every worker answers: each /healthz is a new connection, which the kernel
    gives to one of the listening workers, and the x-request-id header names its pid.
    (Measuring while a worker is still starting would put all the load on the others.)"""
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                seen.add(response.headers["x-request-id"].split("-")[0])
            if len(seen) >= workers:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"only {len(seen)} of {workers} workers answered within {timeout:.0f} s")


# --unique: every request's reply carries its own case number, so the server meets a
# word it has never seen on every request (new vocabulary, its periodic reset, and no
# reply-keyed memo to lean on), as when many agents type many different replies.
REFERENCE = "@@REF@@"


def with_reference(text: str) -> str:
    """``text`` with "(case QZ@@REF@@)" after its first sentence."""
    cut = text.find(". ")
    cut = len(text) if cut < 0 else cut + 1
    return f"{text[:cut]} (case QZ{REFERENCE}){text[cut:]}"


def request_bodies(unique: bool = False) -> list:
    return [json.dumps({"text": with_reference(text) if unique else text, "context": context})
            for text, context in REPLIES]


def sanity_check(port: int, bodies: list) -> list:
    """Every body answers 200; returns the findings count per body, for the report."""
    counts = []
    for body in bodies:
        body = body.replace(REFERENCE, "0")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/check", data=body.encode(),
                                         headers={"content-type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            counts.append(len(json.loads(response.read())["findings"]))
    return counts


def lua_script(bodies: list) -> str:
    """A wrk script that cycles through the bodies and prints a JSON summary."""
    def lua_string(value: str) -> str:
        return '"' + "".join(f"\\{b:03d}" for b in value.encode("utf-8")) + '"'

    listed = ",\n".join(lua_string(b) for b in bodies)
    return f"""
local bodies = {{
{listed}
}}
local counter = 0
local threads = 0
thread_id = 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  counter = counter + 1
  -- --unique bodies hold @@REF@@: a new case number per request (and per wrk thread)
  local body = bodies[(counter % #bodies) + 1]:gsub("@@REF@@", tostring(counter) .. "T" .. thread_id)
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p90": %d, "p99": %d, "max": %d}}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""


def run_wrk(wrk: str, port: int, script: str, connections: int, duration: int, threads: int) -> dict:
    threads = max(1, min(threads, connections))
    command = [wrk, "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
               "-s", script, f"http://127.0.0.1:{port}/v1/check"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    result["connections"] = connections
    result["command"] = " ".join(command)
    return result


def cpu_cost(rounds: int = 2400, unique: bool = False) -> None:
    """CPU time per request, in process: the engine alone, then the whole ASGI app.

    ``time.process_time`` counts only this process's CPU, so unlike wall-clock
    latency it is not inflated when other work is competing for the cores.
    """
    import asyncio
    import logging

    import replylint
    from replylint.server import ServerSettings, create_app

    with tempfile.TemporaryDirectory(prefix="replylint-cpu-") as workdir:
        config = os.path.join(workdir, "replylint.toml")
        open(config, "w").close()
        app = create_app(ServerSettings(config_path=config))
    log = logging.getLogger("replylint.server")   # the log line is part of the cost
    log.addHandler(logging.StreamHandler(open(os.devnull, "w")))
    log.setLevel(logging.INFO)
    log.propagate = False
    bodies = [body.encode() for body in request_bodies()]

    async def one(body):
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": "/v1/check", "raw_path": b"/v1/check", "query_string": b"",
                 "root_path": "", "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 8080),
                 "headers": [(b"content-type", b"application/json"),
                             (b"content-length", str(len(body)).encode())], "state": {}}
        sent = []

        async def receive():
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message):
            sent.append(message)

        await app(scope, receive, send)
        assert sent[0]["status"] == 200, sent[0]

    async def run(n):
        for i in range(n):
            await one(bodies[i % len(bodies)])

    linter = app.state.server.linters["pre-send"]
    contexts = [replylint.Context(**context) for _, context in REPLIES]
    asyncio.run(run(len(bodies) * 20))           # warm up
    texts = [with_reference(text) if unique else text for text, _ in REPLIES]
    started = time.process_time()
    for i in range(rounds):
        linter._limit_vocabulary()  # as the server does before each check
        linter.check(texts[i % len(texts)].replace(REFERENCE, str(i)), context=contexts[i % len(texts)])
    engine = (time.process_time() - started) / rounds
    # The server layer on its own: the same requests with the engine's answers
    # precomputed, so the two numbers do not have to be subtracted from each other.
    reports = {text: linter.check(text, context=context) for (text, _), context in zip(REPLIES, contexts)}
    linter.check = lambda text, context=None: reports[text]
    started = time.process_time()
    asyncio.run(run(rounds))
    layer = (time.process_time() - started) / rounds
    del linter.check
    print(f"CPU per request over {rounds} requests{' (--unique)' if unique else ''}: "
          f"engine {engine * 1000:.3f} ms, server layer "
          f"{layer * 1000:.3f} ms (Starlette, validation, JSON, masking, log line; "
          "uvicorn's HTTP parsing not included)")
    for (text, _), context in zip(REPLIES, contexts):
        started = time.process_time()
        for _ in range(200):
            linter.check(text, context=context)
        print(f"  {(time.process_time() - started) / 200 * 1000:.3f} ms  {len(text):4d} chars  {text[:48]!r}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", default="1,16,64", help="comma-separated (default 1,16,64)")
    parser.add_argument("--duration", type=int, default=15, help="seconds per run (default 15)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1; it shares the 2 cores)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default 1)")
    parser.add_argument("--wrk", default=shutil.which("wrk"), help="path to wrk")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--runs", type=int, default=1,
                        help="wrk runs per connection count; the table shows medians (default 1)")
    parser.add_argument("--unique", action="store_true",
                        help="a new case number in every request's reply (a new word each time)")
    parser.add_argument("--cpu-cost", action="store_true",
                        help="instead of wrk: CPU time per request in process (engine, server layer)")
    args = parser.parse_args(argv)
    if args.cpu_cost:
        cpu_cost(unique=args.unique)
        return 0
    if not args.wrk:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    connections = [int(c) for c in args.connections.split(",")]

    with tempfile.TemporaryDirectory(prefix="replylint-load-") as workdir:
        port = free_port()
        server = start_server(port, args.workers, workdir)
        try:
            wait_ready(port, server, args.workers)
            bodies = request_bodies(args.unique)
            findings = sanity_check(port, bodies)
            script = os.path.join(workdir, "bodies.lua")
            with open(script, "w") as handle:
                handle.write(lua_script(bodies))
            run_wrk(args.wrk, port, script, 16, 5, args.threads)     # warm up; not reported
            # Each wrk run opens its connections afresh, so runs also sample how the
            # kernel spreads them across workers.
            runs = {c: [run_wrk(args.wrk, port, script, c, args.duration, args.threads)
                        for _ in range(args.runs)] for c in connections}
        finally:
            server.terminate()
            server.wait(timeout=30)

    sizes = [len(b.encode()) for b in bodies]
    print(f"load average {os.getloadavg()[0]:.1f}; "
          f"{len(bodies)} replies, bodies {min(sizes)}-{max(sizes)} bytes, "
          f"{sum(findings)} findings across them ({sum(1 for f in findings if not f)} clean); "
          f"server workers: {args.workers}; wrk threads: {args.threads}; {args.duration}s per run; "
          f"{args.runs} run(s) per row{' (medians)' if args.runs > 1 else ''}; "
          f"{'a new case number per request; ' if args.unique else ''}{os.cpu_count()} CPUs")
    print()
    print("| connections | requests/s | p50 ms | p90 ms | p99 ms | p99 of each run | max ms | errors |")
    print("|---:|---:|---:|---:|---:|---|---:|---:|")
    results = [r for c in connections for r in runs[c]]
    for c in connections:
        rs = runs[c]
        errors = sum(r["errors"] for r in rs)
        kinds = ", ".join(f"{sum(r[k] for r in rs)} {k}" for k in ("connect", "read", "write", "status", "timeout")
                          if any(r[k] for r in rs))
        each = ", ".join(f"{r['p99'] / 1000:.1f}" for r in rs)
        print(f"| {c} | {statistics.median([r['rps'] for r in rs]):.0f} | {statistics.median([r['p50'] for r in rs]) / 1000:.2f} | "
              f"{statistics.median([r['p90'] for r in rs]) / 1000:.2f} | {statistics.median([r['p99'] for r in rs]) / 1000:.2f} | "
              f"{each} | {max(r['max'] for r in rs) / 1000:.2f} | {errors}{f' ({kinds})' if kinds else ''} |")
    print()
    print("wrk command:", results[0]["command"].replace(script, "bodies.lua"))
    if args.json:
        print(json.dumps(results, indent=2))
    return 0 if all(r["errors"] == 0 for r in results) else 1



if __name__ == "__main__":
    sys.exit(main())
