"""``replylint init``: a commented replylint.toml that loads as it is."""
from __future__ import annotations

import json

_TEMPLATE = """\
# replylint configuration. Every key is optional; delete what you do not need.
# Docs: docs/configuration.md. Rules: `replylint rules --all`, `replylint explain RL101`.

# Rules to run: codes (RL101), prefixes (RL1) or slugs (non-apology). All when omitted.
{select}
# Rules to skip, same forms.
ignore = {ignore}

# "audit": every rule, for transcripts. "pre-send": high-confidence rules only.
profile = "audit"

# Exit code 1 when a finding is at or above: info | warning | error | never.
fail-on = "error"

# Folders of your own YAML rule packs (house style, banned phrases, competitor names).
rule-packs = []

# Change a rule's severity.
[severity]
# RL601 = "info"

# Words and contact details that are yours to publish, never flagged.
[allow]
phones = []      # e.g. ["0800 123 4567"]
emails = []      # e.g. ["help@example.com"]
words = []       # e.g. ["Rest Assured Insurance"]
"""


def config_template(select=(), ignore=()) -> str:
    select_line = (f"select = {json.dumps(list(select))}" if select
                   else '# select = ["RL1", "RL2", "RL6"]')
    return _TEMPLATE.format(select=select_line, ignore=json.dumps(list(ignore)))
