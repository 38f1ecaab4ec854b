"""RL204 reused templates, as the report's table rows.

The CLI stores the groups of ``Linter.find_templates(records)`` in
``Summary.templates`` as plain dicts (``TemplateGroup.to_dict()``, see
``replylint/templates.py``): ``template`` (a representative reply, normalised, with
``<name>``-style placeholders), ``count``, ``conversations``, ``agents`` (how many
distinct), ``agent_names`` (most frequent first), ``variants`` and ``example_ids``.

The template is shown as the example: its placeholders already stand where names,
handles and numbers were, and it still goes through the privacy recognisers like
every text in the report.
"""
from __future__ import annotations

from replylint.report.masking import mask_text

SHOWN = 50
AGENTS_SHOWN = 8
IDS_SHOWN = 3


def template_rows(groups) -> "list | None":
    """Rows, most-sent first; None when template grouping did not run."""
    if groups is None:
        return None
    rows = [_row(group) for group in groups]
    rows.sort(key=lambda row: (-row["count"], row["example"]))
    return rows[:SHOWN]


def _row(group: dict) -> dict:
    names = [str(name) for name in group.get("agent_names") or ()]
    agents = max(int(group.get("agents") or 0), len(names))
    ids = [str(i) for i in group.get("example_ids") or ()]
    return {
        "count": int(group.get("count") or 0),
        "conversations": group.get("conversations"),
        "variants": group.get("variants"),
        "agents": agents,
        "agent_names": names[:AGENTS_SHOWN],
        "more_agents": max(0, agents - min(len(names), AGENTS_SHOWN)),
        "example": mask_text(str(group.get("template") or "")),
        "example_ids": ids[:IDS_SHOWN],
    }
