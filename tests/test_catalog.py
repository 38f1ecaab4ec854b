"""Catalog integrity: identities are unique and stable, every rule is complete."""
from pathlib import Path

import yaml

from replylint.checks import registered_checks
from replylint.rulefile import builtin_rules_dir, load_rule_packs
from replylint.severity import Confidence, Severity

RULES = load_rule_packs()


def test_codes_and_slugs_are_unique():
    codes = [r.code for r in RULES]
    slugs = [r.slug for r in RULES]
    assert len(codes) == len(set(codes))
    assert len(slugs) == len(set(slugs))
    assert not set(codes) & set(slugs)


def test_code_prefix_matches_its_pack():
    for pack_dir in builtin_rules_dir().iterdir():
        meta = yaml.safe_load((pack_dir / "pack.yaml").read_text())
        for rule_file in pack_dir.glob("RL*.yaml"):
            assert rule_file.name.startswith(meta["prefix"]), rule_file


def test_every_rule_is_complete():
    for rule in RULES:
        assert rule.title and rule.message and rule.why and rule.url, rule.code
        assert isinstance(rule.severity, Severity)
        assert isinstance(rule.confidence, Confidence)
        assert Path(rule.path).name == f"{rule.code}-{rule.slug}.yaml"
        assert rule.phrases or rule.patterns or rule.regexes or rule.check, rule.code


def test_check_functions_named_by_rules_exist():
    names = set(registered_checks())
    for rule in RULES:
        if rule.check:
            assert rule.check in names, rule.code


def test_the_foundation_rules_exist():
    codes = {r.code for r in RULES}
    assert {"RL101", "RL201", "RL203", "RL601"} <= codes
