"""Code-point to UTF-16 offsets, checked against Python's own UTF-16 encoder."""
from hypothesis import given
from hypothesis import strategies as st

from replylint.server.offsets import Utf16Offsets, has_lone_surrogate, utf16_length


def reference(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


TEXTS = [
    "",
    "plain ascii",
    "café naïve",                 # BMP, one unit each
    "🙂",
    "a🙂b🙂c",
    "👩‍👩‍👧‍👦 family",                # astral people joined by U+200D
    "🇫🇷🇩🇪",                       # flags: pairs of astral regional indicators
    "𝒯𝒽𝒶𝓃𝓀𝓈 日本語 \U0010FFFF",     # maths letters, CJK, the last code point
]


def test_known_texts_at_every_offset():
    for text in TEXTS:
        offsets = Utf16Offsets(text)
        for i in range(len(text) + 1):
            assert offsets(i) == reference(text, i), (text, i)
        assert utf16_length(text) == reference(text, len(text))


no_surrogates = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(no_surrogates, st.data())
def test_any_text_any_offset(text, data):
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert Utf16Offsets(text)(i) == reference(text, i)


def test_lone_surrogates_are_detected():
    assert has_lone_surrogate("a\ud83db")
    assert has_lone_surrogate("\udc00")
    assert not has_lone_surrogate("a🙂b")
    assert not has_lone_surrogate("plain")
