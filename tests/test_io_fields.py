"""Field mapping: --map parsing, detection of common names, value checks."""
import pytest

from replylint.errors import InputError
from replylint.io import FieldMap, parse_map_options
from replylint.io.fields import parse_public


def test_map_options_parse_into_a_dict():
    assert parse_map_options(["text=reply", " id = ticket "]) == {"text": "reply", "id": "ticket"}


@pytest.mark.parametrize("option, message", [
    ("text", "KEY=FIELD"), ("=reply", "KEY=FIELD"), ("body=reply", "unknown key 'body'")])
def test_bad_map_option_says_why(option, message):
    with pytest.raises(ValueError, match=message):
        parse_map_options([option])


def test_detection_prefers_earlier_common_names_and_is_case_insensitive():
    fmap = FieldMap.resolve(["Body", "Message", "Ticket_ID", "Author"])
    assert fmap.fields["text"] == "Body"
    assert fmap.fields["id"] == "Ticket_ID"
    assert fmap.fields["agent"] == "Author"


def test_explicit_field_is_not_reused_by_detection():
    fmap = FieldMap.resolve(["reply", "text"], {"inbound": "text"})
    assert fmap.fields["inbound"] == "text"
    assert fmap.fields["text"] == "reply"


def test_describe_marks_detected_fields():
    fmap = FieldMap.resolve(["reply", "agent"], {"text": "reply"})
    assert fmap.describe() == "text=reply, agent=agent (detected)"


@pytest.mark.parametrize("value, expected", [
    ("yes", True), ("FALSE", False), ("private", False), (True, True), ("", None), (None, None)])
def test_public_accepts_common_spellings(value, expected):
    assert parse_public(value) is expected


def test_public_rejects_other_values_as_a_record_error():
    fmap = FieldMap.resolve(["text", "public"])
    error = fmap.to_record({"text": "Hi", "public": "maybe"}, "f.csv", 3)
    assert isinstance(error, InputError) and error.line == 3
    assert "public must be true or false" in error.message


def test_empty_text_is_a_reply_but_a_missing_one_is_an_error():
    fmap = FieldMap.resolve(["text"])
    assert fmap.to_record({"text": ""}, "f", 1).text == ""
    assert isinstance(fmap.to_record({"other": "x"}, "f", 2), InputError)


def test_list_inbound_is_joined_by_newlines():
    fmap = FieldMap.resolve(["text", "inbound"])
    record = fmap.to_record({"text": "Hi", "inbound": ["one", "two"]}, "f", 1)
    assert record.context.inbound == "one\ntwo"


def test_spreadsheet_float_ids_are_written_as_integers():
    fmap = FieldMap.resolve(["text", "id"])
    assert fmap.to_record({"text": "Hi", "id": 1234.0}, "f", 1).id == "1234"
