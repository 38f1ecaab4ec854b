"""RL204 reused templates, as the report's table rows.

The CLI stores ``Linter.find_templates(records)`` groups in ``Summary.templates`` as
plain dicts (``to_dict()`` of each group). The report reads from each group:

* ``count``: replies in the group (else the length of ``ids`` / ``members``);
* ``agents``: who sent it, a list of names or a ``{name: count}`` mapping;
* ``example``: one reply of the group as sent (else ``template`` / ``text``, the
  normalised form);
* ``conversations``: in how many conversations, when known.

The example goes through the privacy recognisers like every text in the report.
"""
from __future__ import annotations

from replylint.report.masking import mask_text

SHOWN = 50
AGENTS_SHOWN = 8
_EXAMPLE_FIELDS = ("example", "template", "text")
_MEMBER_FIELDS = ("ids", "members", "records")


def template_rows(groups) -> "list | None":
    """Rows, most-sent first; None when template grouping did not run."""
    if groups is None:
        return None
    rows = [_row(group) for group in groups if isinstance(group, dict)]
    rows.sort(key=lambda row: (-row["count"], row["example"]))
    return rows[:SHOWN]


def _row(group: dict) -> dict:
    count = group.get("count")
    if not isinstance(count, int):
        count = next((len(group[k]) for k in _MEMBER_FIELDS if isinstance(group.get(k), list)), 0)
    agents = group.get("agents") or ()
    if isinstance(agents, dict):
        ranked = sorted(agents.items(), key=lambda kv: (-kv[1], str(kv[0])))
        agents = [f"{name} ({n})" for name, n in ranked]
    agents = [str(a) for a in agents]
    example = next((group[k] for k in _EXAMPLE_FIELDS if isinstance(group.get(k), str)), "")
    conversations = group.get("conversations")
    if isinstance(conversations, list):
        conversations = len(conversations)
    return {
        "count": count,
        "conversations": conversations if isinstance(conversations, int) else None,
        "agents": agents[:AGENTS_SHOWN],
        "more_agents": max(0, len(agents) - AGENTS_SHOWN),
        "example": mask_text(example),
    }
