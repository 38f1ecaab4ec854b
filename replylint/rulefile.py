"""Reading rule packs: folders of YAML files, one rule per file.

A pack is a folder with a ``pack.yaml`` (``name``, ``prefix``, ``title``,
``description``) and rule files named ``<CODE>-<slug>.yaml``. Every problem is a
``RuleFileError`` naming the file and the line, so a support team editing YAML
sees exactly what to fix.
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Optional

import regex
import yaml

from replylint.errors import RuleFileError
from replylint.model import Context, context_from_mapping
from replylint.rule import Antipattern, Conditions, Example, Rule
from replylint.segment import INLINE_KINDS, REGION_KINDS
from replylint.severity import Applicability, Confidence, Severity

CODE_RE = regex.compile(r"^[A-Z]{2,8}[0-9]{3,4}$")
SLUG_RE = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_MARK = regex.compile(r"\[\[(.+?)\]\](?!\])", regex.DOTALL)
_ALTERNATIVES = regex.compile(r"\{([^{}]*\|[^{}]*)\}")

RULE_KEYS = {
    "code", "slug", "title", "severity", "confidence", "message", "why", "url", "suggestion",
    "scope", "when", "severity-when", "match", "unless", "options", "examples", "status",
    "case-sensitive", "notes", "quality", "supersedes",
}
MATCH_KEYS = {"phrases", "patterns", "regex", "check"}
UNLESS_KEYS = {"phrases", "regex", "window"}
WHEN_KEYS = {"channel", "not-channel", "public", "needs", "inbound-complaint"}
NEEDS = {"inbound", "customer_name", "customer_handle", "customer", "agent_name", "channel", "history"}
PACK_KEYS = {"name", "prefix", "title", "description"}


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader that remembers the line of every mapping key.

    Built on libyaml's parser when PyYAML has it: reading the ~40 built-in rule files
    took ~0.5 s with the pure-Python parser, most of a cold ``replylint check``'s
    own time. The constructors below (and so the result) are the same either way."""


def _construct_mapping(loader, node, deep=False):
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise RuleFileError(f"duplicate key {key!r}", None, key_node.start_mark.line + 1)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader, node, deep=False):
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.lines = [child.start_mark.line + 1 for child in node.value]
    items.line = node.start_mark.line + 1
    return items


class LineDict(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}
        self.line: Optional[int] = None


class LineList(list):
    lines: list = []
    line: Optional[int] = None


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def read_yaml(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"not UTF-8 (byte {exc.start})", path) from None
    except OSError as exc:
        raise RuleFileError(f"cannot read: {exc.strerror}", path) from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except RuleFileError as exc:
        raise RuleFileError(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or str(exc)
        raise RuleFileError(f"invalid YAML: {reason}", path, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"invalid YAML: {exc}", path) from None


def expand_phrase(phrase: str) -> list:
    """``"{we're|we are} sorry"`` -> ``["we're sorry", "we are sorry"]``; ``{a|}`` is optional."""
    parts = _ALTERNATIVES.split(phrase)
    # split() with one group alternates literal text and alternative lists.
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    out = {}  # an ordered set: the expansions keep their order, each once
    for combo in itertools.product(*choices):
        text = " ".join("".join(combo).split()).lower()
        if text:
            out[text] = None
    return list(out)


def parse_example(raw, path, line, allow_marks: bool) -> Example:
    context = Context()
    if isinstance(raw, dict):
        unknown = set(raw) - {"text", "context"}
        if unknown or "text" not in raw:
            raise RuleFileError("an example is a string, or a mapping with 'text' and optional "
                                "'context'", path, getattr(raw, "line", line))
        try:
            context = context_from_mapping(raw.get("context") or {})
        except (ValueError, TypeError) as exc:
            raise RuleFileError(f"example context: {exc}", path, getattr(raw, "line", line)) from None
        raw = raw["text"]
    if not isinstance(raw, str) or not raw:
        raise RuleFileError("an example must be a non-empty string", path, line)
    spans = []
    clean = []
    cursor = 0
    offset = 0
    for m in _MARK.finditer(raw):
        clean.append(raw[cursor:m.start()])
        offset += m.start() - cursor
        spans.append((offset, offset + len(m.group(1))))
        clean.append(m.group(1))
        offset += len(m.group(1))
        cursor = m.end()
    clean.append(raw[cursor:])
    if spans and not allow_marks:
        raise RuleFileError("a passing example must not mark a span with [[...]]", path, line)
    if not spans and allow_marks:
        raise RuleFileError("a failing example must mark the offending words with [[...]]", path, line)
    return Example("".join(clean), tuple(spans), context, line)


def _conditions(raw, path, line) -> Conditions:
    if raw is None:
        return Conditions()
    if not isinstance(raw, dict):
        raise RuleFileError("'when' must be a mapping", path, line)
    _check_keys(raw, WHEN_KEYS, "when", path)

    def channels(key):
        value = raw.get(key) or []
        if isinstance(value, str):
            value = [value]
        from replylint.model import CHANNELS
        for channel in value:
            if channel not in CHANNELS:
                raise RuleFileError(f"unknown channel {channel!r} in when.{key}; expected one of: "
                                    f"{', '.join(CHANNELS)}", path, raw.lines.get(key, line))
        return frozenset(value)

    needs = raw.get("needs") or []
    if isinstance(needs, str):
        needs = [needs]
    for need in needs:
        if need not in NEEDS:
            raise RuleFileError(f"unknown need {need!r}; expected one of: {', '.join(sorted(NEEDS))}",
                                path, raw.lines.get("needs", line))
    for key in ("public", "inbound-complaint"):
        if key in raw and not isinstance(raw[key], bool):
            raise RuleFileError(f"when.{key} must be true or false", path, raw.lines.get(key, line))
    return Conditions(channels("channel"), channels("not-channel"), raw.get("public"),
                      tuple(needs), raw.get("inbound-complaint"))


def _check_keys(raw: dict, allowed: set, where: str, path):
    for key in raw:
        if key not in allowed:
            lines = getattr(raw, "lines", {})
            raise RuleFileError(f"unknown key {key!r} in {where}; expected one of: "
                                f"{', '.join(sorted(allowed))}", path, lines.get(key))


def _str_list(raw, key, path, line) -> list:
    value = raw.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleFileError(f"{key} must be a list of non-empty strings", path, line)
    return value


def _compile_regexes(patterns, flags, path, line) -> tuple:
    out = []
    for i, pattern in enumerate(patterns):
        try:
            out.append(regex.compile(pattern, flags))
        except regex.error as exc:
            lines = getattr(patterns, "lines", None)
            at = lines[i] if lines and i < len(lines) else line
            raise RuleFileError(f"bad regex {pattern!r}: {exc}", path, at) from None
    return tuple(out)


def parse_rule(raw, path: Path, pack: str, prefix: str, docs_url: str, builtin: bool) -> Rule:
    if not isinstance(raw, dict):
        raise RuleFileError("a rule file must hold one mapping (code, slug, ...)", path, 1)
    lines = raw.lines
    _check_keys(raw, RULE_KEYS, "rule", path)

    def need(key, kind=str):
        if key not in raw:
            raise RuleFileError(f"missing required key {key!r}", path, raw.line)
        value = raw[key]
        if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
            raise RuleFileError(f"{key} must be a non-empty {kind.__name__}", path, lines.get(key))
        return value

    code, slug = need("code"), need("slug")
    if not CODE_RE.match(code):
        raise RuleFileError(f"code {code!r} must be 2-8 capital letters and 3-4 digits (e.g. RL101)",
                            path, lines.get("code"))
    if not SLUG_RE.match(slug):
        raise RuleFileError(f"slug {slug!r} must be lower-case words joined by hyphens",
                            path, lines.get("slug"))
    if prefix and not code.startswith(prefix):
        raise RuleFileError(f"code {code} does not start with its pack's prefix {prefix!r}",
                            path, lines.get("code"))
    if path.stem != f"{code}-{slug}":
        raise RuleFileError(f"file name must be {code}-{slug}.yaml", path, lines.get("code"))
    try:
        severity = Severity.parse(need("severity"))
        confidence = Confidence.parse(need("confidence"))
    except ValueError as exc:
        key = "severity" if "severity" in str(exc) else "confidence"
        raise RuleFileError(str(exc), path, lines.get(key)) from None
    message, why = need("message"), " ".join(need("why").split())

    suggestion, applicability = None, Applicability.DISPLAY
    if "suggestion" in raw:
        sug = raw["suggestion"]
        if isinstance(sug, str):
            suggestion = sug
        elif isinstance(sug, dict):
            _check_keys(sug, {"text", "applicability"}, "suggestion", path)
            suggestion = sug.get("text")
            try:
                applicability = Applicability.parse(sug.get("applicability", "display"))
            except ValueError as exc:
                raise RuleFileError(str(exc), path, sug.lines.get("applicability")) from None
        else:
            raise RuleFileError("suggestion must be text or a mapping with text and applicability",
                                path, lines.get("suggestion"))

    scope = raw.get("scope") or ["greeting", "body", "signoff"]
    if isinstance(scope, str):
        scope = [scope]
    for kind in scope:
        if kind not in REGION_KINDS + INLINE_KINDS:
            raise RuleFileError(f"unknown scope {kind!r}; expected: {', '.join(REGION_KINDS + INLINE_KINDS)}",
                                path, lines.get("scope"))

    match = raw.get("match")
    if not isinstance(match, dict) or not match:
        raise RuleFileError("match must be a mapping with phrases, patterns, regex or check",
                            path, lines.get("match", raw.line))
    _check_keys(match, MATCH_KEYS, "match", path)
    if "check" in match and len(match) > 1:
        raise RuleFileError("match.check cannot be combined with phrases, patterns or regex",
                            path, match.lines.get("check"))
    flags = 0 if raw.get("case-sensitive") else regex.IGNORECASE
    phrases = {}  # an ordered set (a list's ``in`` made loading quadratic in phrases)
    phrase_sources = _str_list(match, "phrases", path, match.lines.get("phrases"))
    for phrase in phrase_sources:
        phrases.update(dict.fromkeys(expand_phrase(phrase)))
    phrases = list(phrases)
    patterns = match.get("patterns") or []
    if not isinstance(patterns, list) or not all(isinstance(p, list) and p for p in patterns):
        raise RuleFileError("patterns must be a list of spaCy token patterns (lists of mappings)",
                            path, match.lines.get("patterns"))
    regexes = _compile_regexes(match.get("regex") or [] if not isinstance(match.get("regex"), str)
                               else [match["regex"]], flags, path, match.lines.get("regex"))
    check = match.get("check")
    if check is not None and not isinstance(check, str):
        raise RuleFileError("match.check must be the name of a registered check function",
                            path, match.lines.get("check"))

    unless = []
    raw_unless = raw.get("unless") or []
    if not isinstance(raw_unless, list):
        raise RuleFileError("unless must be a list of antipatterns", path, lines.get("unless"))
    for item in raw_unless:
        if not isinstance(item, dict):
            raise RuleFileError("each unless entry is a mapping with phrases/regex and window",
                                path, lines.get("unless"))
        _check_keys(item, UNLESS_KEYS, "unless", path)
        window = item.get("window", 0)
        if not (window in ("sentence", "reply") or (isinstance(window, int) and window >= 0)):
            raise RuleFileError("unless.window must be a token count, 'sentence' or 'reply'",
                                path, item.lines.get("window"))
        anti_phrases = []
        for phrase in _str_list(item, "phrases", path, item.lines.get("phrases")):
            anti_phrases.extend(expand_phrase(phrase))
        anti_regex = item.get("regex") or []
        if isinstance(anti_regex, str):
            anti_regex = [anti_regex]
        unless.append(Antipattern(tuple(anti_phrases),
                                  _compile_regexes(anti_regex, flags, path, item.lines.get("regex")),
                                  window))

    severity_when = []
    for item in raw.get("severity-when") or []:
        if not isinstance(item, dict) or set(item) != {"when", "severity"}:
            raise RuleFileError("each severity-when entry needs 'when' and 'severity'",
                                path, lines.get("severity-when"))
        try:
            severity_when.append((_conditions(item["when"], path, item.line),
                                  Severity.parse(item["severity"])))
        except ValueError as exc:
            raise RuleFileError(str(exc), path, item.lines.get("severity")) from None

    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise RuleFileError("options must be a mapping", path, lines.get("options"))
    # Plain containers: config values are checked against the default's type, and a
    # config list is a list, not the loader's line-remembering LineList.
    options = {k: list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v
               for k, v in options.items()}

    examples = raw.get("examples")
    if not isinstance(examples, dict):
        raise RuleFileError("examples must have 'fail' and 'pass' lists: a rule without both does "
                            "not load", path, lines.get("examples", raw.line))
    _check_keys(examples, {"fail", "pass"}, "examples", path)
    parsed = {}
    for kind in ("fail", "pass"):
        items = examples.get(kind)
        if not isinstance(items, list) or not items:
            raise RuleFileError(f"examples.{kind} must list at least one example: a rule without "
                                "both failing and passing examples does not load",
                                path, examples.lines.get(kind, examples.line))
        item_lines = getattr(items, "lines", [None] * len(items))
        parsed[kind] = tuple(parse_example(item, path, item_lines[i], allow_marks=(kind == "fail"))
                             for i, item in enumerate(items))

    supersedes = _str_list(raw, "supersedes", path, lines.get("supersedes"))
    for other in supersedes:
        if not CODE_RE.match(other) or other == code:
            raise RuleFileError(f"supersedes must list other rules' codes, not {other!r}",
                                path, lines.get("supersedes"))

    status = raw.get("status", "stable")
    if status not in ("stable", "preview"):
        raise RuleFileError("status must be 'stable' or 'preview'", path, lines.get("status"))
    title = raw.get("title") or slug.replace("-", " ").capitalize()
    url = raw.get("url") or docs_url.format(code=code, slug=slug)
    return Rule(
        code=code, slug=slug, title=title, pack=pack, severity=severity, confidence=confidence,
        message=message, why=why, url=url, suggestion=suggestion, applicability=applicability,
        scope=frozenset(scope), when=_conditions(raw.get("when"), path, lines.get("when")),
        severity_when=tuple(severity_when), phrases=tuple(phrases),
        phrase_sources=tuple(phrase_sources), patterns=tuple(patterns),
        regexes=regexes, check=check, unless=tuple(unless), options=dict(options),
        examples_fail=parsed["fail"], examples_pass=parsed["pass"], status=status,
        builtin=builtin, path=str(path), line=raw.line, notes=str(raw.get("notes") or ""),
        quality=dict(raw.get("quality") or {}), supersedes=tuple(supersedes),
    )


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the installed wheel, or the repo's rules/ in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    return packaged if packaged.is_dir() else here.parent / "rules"


def load_pack(folder: Path, docs_url: str, builtin: bool) -> list:
    folder = Path(folder)
    meta_path = folder / "pack.yaml"
    if not meta_path.is_file():
        raise RuleFileError("a rule pack folder needs a pack.yaml (name, prefix, title, "
                            "description)", meta_path)
    meta = read_yaml(meta_path)
    if not isinstance(meta, dict):
        raise RuleFileError("pack.yaml must be a mapping", meta_path, 1)
    _check_keys(meta, PACK_KEYS, "pack.yaml", meta_path)
    name = meta.get("name") or folder.name
    prefix = str(meta.get("prefix") or "")
    rules = []
    for path in sorted(folder.glob("*.y*ml")):
        if path.name in ("pack.yaml", "pack.yml"):
            continue
        rules.append(parse_rule(read_yaml(path), path, name, prefix, docs_url, builtin))
    return rules


def load_rule_packs(extra_folders=(), docs_url="https://replylint.dev/rules/{code}-{slug}",
                    include_builtin=True, base_dir: Optional[Path] = None) -> list:
    """Every rule of the built-in packs and of the extra pack folders, checked for clashes.

    An extra folder may be a pack (it has pack.yaml) or a folder of packs.
    """
    folders = []
    if include_builtin:
        root = builtin_rules_dir()
        folders += [(p, True) for p in sorted(root.iterdir()) if (p / "pack.yaml").is_file()]
    for folder in extra_folders:
        folder = Path(folder)
        if base_dir is not None and not folder.is_absolute():
            folder = base_dir / folder
        if not folder.is_dir():
            raise RuleFileError("rule pack folder does not exist", folder)
        if (folder / "pack.yaml").is_file():
            folders.append((folder, False))
        else:
            subpacks = [p for p in sorted(folder.iterdir()) if (p / "pack.yaml").is_file()]
            if not subpacks:
                raise RuleFileError("no pack.yaml here or in its sub-folders", folder)
            folders += [(p, False) for p in subpacks]
    rules, seen = [], {}
    for folder, builtin in folders:
        for rule in load_pack(folder, docs_url, builtin):
            for ident in rule.identifiers:
                if ident in seen:
                    raise RuleFileError(f"{ident} is already defined in {seen[ident]}", rule.path, rule.line)
                seen[ident] = rule.path
            rules.append(rule)
    return rules
