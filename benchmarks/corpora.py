"""Read the shared research corpora (never copied into the repo) as (id, text, Context, meta).

The corpora live beside the project in ../shared/corpora (override with
REPLYLINT_CORPORA). They are licensed for non-commercial research: benchmarks and
quality scripts may read them; nothing here writes their texts anywhere.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from replylint.model import Context

FILES = ("twcs/replies.jsonl", "tweetsumm/replies.jsonl")


def corpora_dir() -> Path:
    env = os.environ.get("REPLYLINT_CORPORA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


def load_replies(limit: "int | None" = None, with_context: bool = True) -> list:
    """Every agent reply of both corpora: dicts with id, company, text, context."""
    root = corpora_dir()
    missing = [f for f in FILES if not (root / f).is_file()]
    if missing:
        raise SystemExit(f"corpora not found under {root} (missing {', '.join(missing)}); "
                         "set REPLYLINT_CORPORA to the folder holding twcs/ and tweetsumm/")
    out = []
    for name in FILES:
        with open(root / name, encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)
                handle_ = rec.get("customer_name_or_handle") or None
                history = tuple(t.get("text", "") for t in rec.get("context") or ())
                context = Context(
                    channel=rec.get("channel") or "twitter",
                    customer_handle=handle_ if handle_ and handle_.startswith("@") else None,
                    inbound=rec.get("inbound") or None,
                    history=history,
                ) if with_context else Context(channel="twitter")
                out.append({"id": rec["id"], "company": rec.get("company") or "",
                            "text": rec["reply"], "context": context,
                            "signature": rec.get("agent_signature")})
                if limit and len(out) >= limit:
                    return out
    return out
