"""Personal data found by one finding is masked in every other finding that quotes it."""
from replylint.model import Finding
from replylint.server.dismissals import Dismissal, DismissalSet, span_hash
from replylint.server.redaction import PersonalData
from replylint.severity import Applicability, Confidence, Severity

TEXT = "Sorry! Your card 4111 1111 1111 1111 is on file."
CARD_AT = TEXT.index("4111")


def finding(code, start, end, sensitive=False, masked=None, message=None, suggestion=None):
    return Finding(code=code, slug=code.lower(), severity=Severity.WARNING, confidence=Confidence.HIGH,
                   message=message or f"{code} fired", why="because", start=start, end=end,
                   text=TEXT[start:end], suggestion=suggestion, applicability=Applicability.DISPLAY,
                   sensitive=sensitive, masked=masked)


CARD = finding("RL801", CARD_AT, CARD_AT + 19, sensitive=True, masked="card ending 1111")
SENTENCE = finding("RL604", 7, len(TEXT), message=f"“{TEXT[7:]}” is unsigned",
                   suggestion="Sign it after “4111 1111 1111 1111 is on file.”")
APOLOGY = finding("RL101", 0, 6)


def test_other_findings_quoting_the_data_are_masked():
    private = PersonalData([APOLOGY, SENTENCE, CARD])
    data = private.scrub(SENTENCE.to_dict())
    for key in ("text", "message", "suggestion"):
        assert "4111" not in data[key], key
        assert "card ending 1111" in data[key], key
    assert data["text"] == "Your card card ending 1111 is on file."


def test_findings_clear_of_the_data_are_untouched_and_dismissible():
    private = PersonalData([APOLOGY, SENTENCE, CARD])
    assert private.scrub(APOLOGY.to_dict()) == APOLOGY.to_dict()
    assert private.hash_of(APOLOGY) == span_hash("Sorry!")


def test_findings_covering_the_data_get_no_hash_and_cannot_be_dismissed():
    private = PersonalData([APOLOGY, SENTENCE, CARD])
    assert private.hash_of(CARD) is None
    assert private.hash_of(SENTENCE) is None
    dismissals = DismissalSet([Dismissal("RL604", span_hash(SENTENCE.text), "r"),
                               Dismissal("RL801", span_hash(CARD.text), "r"),
                               Dismissal("RL101", span_hash(APOLOGY.text), "r")])
    kept, suppressed = dismissals.split([APOLOGY, SENTENCE, CARD], private.hash_of)
    assert [f.code for f in kept] == ["RL604", "RL801"] and suppressed == 1


def test_no_personal_data_means_no_change():
    private = PersonalData([APOLOGY, SENTENCE])
    assert private.scrub(SENTENCE.to_dict()) == SENTENCE.to_dict()
    assert private.hash_of(SENTENCE) == span_hash(SENTENCE.text)
