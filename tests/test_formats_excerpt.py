"""Excerpts: the reply line shown with every sensitive span masked."""
from replylint.formats.excerpt import MaskedReply, excerpt


def f(start, end, text, sensitive=False):
    return {"start": start, "end": end, "text": text, "sensitive": sensitive}


def test_masking_shifts_later_offsets_by_the_length_difference():
    text = "Call 07700 900123 or mail a@b.example now"
    phone = f(5, 17, "[phone]", True)
    email = f(26, 37, "[email]", True)
    masked = MaskedReply(text, [phone, email])
    assert masked.text == "Call [phone] or mail [email] now"
    assert masked.position(38) == masked.text.index("now")


def test_neighbouring_finding_excerpt_never_shows_the_sensitive_span():
    text = "Sorry you feel that, your card 4111111111111111 is fine"
    card = f(31, 47, "card ending 1111", True)
    sorry = f(0, 14, "Sorry you feel")
    found = excerpt(MaskedReply(text, [sorry, card]), sorry)
    assert "4111" not in found.line
    assert found.line[found.underline_start:found.underline_start + found.underline_length] == "Sorry you feel"


def test_excerpt_reports_reply_line_and_column():
    text = "Hi,\n\nI'm sorry you feel that way."
    found = excerpt(MaskedReply(text, []), f(9, 23, "sorry you feel"))
    assert (found.reply_line, found.column, found.line) == (2, 5, "I'm sorry you feel that way.")


def test_long_lines_are_cut_around_the_span():
    text = "x" * 300 + " sorry you feel " + "y" * 300
    start = text.index("sorry")
    found = excerpt(MaskedReply(text, []), f(start, start + 14, "sorry you feel"))
    assert len(found.line) < 120
    assert found.line[found.underline_start:found.underline_start + 14] == "sorry you feel"


def test_span_across_lines_is_underlined_to_the_end_of_its_first_line():
    text = "one two\nthree"
    found = excerpt(MaskedReply(text, []), f(4, 13, "two\nthree"))
    assert (found.line, found.underline_start, found.underline_length) == ("one two", 4, 3)


def test_personal_data_no_finding_marked_is_masked_in_the_shown_line():
    from replylint.formats.excerpt import masked_reply

    text = "Sorry you feel that, card 4111 1111 1111 1111 is fine"
    found = excerpt(masked_reply(text, [f(0, 14, "Sorry you feel")]), f(0, 14, "Sorry you feel"))
    assert "4111 1111" not in found.line and "1111" in found.line


def test_masked_finding_masks_words_and_message_of_a_wide_span():
    from replylint.formats.excerpt import masked_finding

    sentence = "Your card 4111 1111 1111 1111 is on file."
    finding = dict(f(0, len(sentence), sentence), message=f"“{sentence}” is vague.", suggestion=None)
    safe = masked_finding(finding)
    assert "4111 1111" not in safe["text"] and "4111 1111" not in safe["message"]
    assert safe["start"] == 0 and finding["text"] == sentence   # the original is untouched
