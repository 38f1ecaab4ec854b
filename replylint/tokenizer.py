"""The blank English pipeline every check tokenizes with, and how it caches words.

spaCy's tokenizer caches how it split each space-separated chunk ("refund," ->
"refund" ","), so a chunk it has seen costs a lookup instead of its prefix, suffix
and infix regexes. Two limits of that cache matter here:

- It holds 10,000 chunks by default, and the rules' phrases take most of those at
  start. Past them every chunk is split again, and nothing new can be remembered.
  Room for 100,000 took the tokenizer from ~70 to ~55 µs a corpus reply (~38 to ~15
  µs on a second pass), but raised a 1-worker audit's peak memory from 147 to 150-151
  MB, past its 150 MB target: only a ``remember_words`` linter (the server's) has it.
- Once a text has met a special case ("I'm", "can't", ":)") nothing more of that
  text is cached: spaCy keeps one has_special flag per text (see its tokenizer's
  ``_save_cached``, spaCy issue #1250). A draft that starts "I'm sorry" is then split
  from scratch on every re-check while the agent types.
  ``RememberingTokenizer`` tokenizes each chunk it has not seen on its own first,
  which caches it. On texts never seen before that costs ~15 µs a reply, so only a
  linter built with ``remember_words=True`` (the server's) pays it.
"""
from __future__ import annotations

# spaCy refuses texts over 1M characters by default; a pasted 10 MB log is still a
# reply to lint (in linear time), so the limit is raised for the tokenizer only.
MAX_TEXT_LENGTH = 100_000_000


def blank_english(cache_size: "int | None" = None, remember_words: bool = False):
    """spaCy's blank English pipeline: its tokenizer, with room for ``cache_size``
    chunks (None: spaCy's 10,000), wrapped in a RememberingTokenizer when
    ``remember_words`` (whose limit is then ``cache_size``)."""
    import spacy  # lazy: `import replylint` and `replylint --version` stay fast

    nlp = spacy.blank("en")
    nlp.max_length = MAX_TEXT_LENGTH
    if cache_size:
        nlp.tokenizer.max_cache_size = cache_size
    cache_size = nlp.tokenizer.max_cache_size
    if remember_words:
        nlp.tokenizer = RememberingTokenizer(nlp.tokenizer, cache_size)
    return nlp


class RememberingTokenizer:
    """A spaCy tokenizer that caches every chunk it meets, not only those before a
    text's first special case. Same tokens as the tokenizer it wraps: spaCy's cache
    is keyed by the chunk alone, so a chunk split on its own is split as in a text."""

    __slots__ = ("tokenizer", "_seen", "_limit")

    def __init__(self, tokenizer, limit: int):
        self.tokenizer = tokenizer
        self._seen = set()
        self._limit = limit  # spaCy's cache is full by then: splitting alone adds nothing

    def __call__(self, text: str):
        # str.split() cuts where spaCy does: at runs of str.isspace() characters.
        new = set(text.split())
        new.difference_update(self._seen)
        if new and len(self._seen) < self._limit:
            tokenize = self.tokenizer
            for chunk in new:
                tokenize(chunk)
            self._seen.update(new)
        return self.tokenizer(text)

    def __getattr__(self, name):
        # vocab, rules, max_cache_size... as the wrapped tokenizer has them.
        return getattr(self.tokenizer, name)
