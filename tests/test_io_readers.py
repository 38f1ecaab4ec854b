"""Every input format: records and errors in order, nothing dropped silently."""
import gzip
import io
import sys
from pathlib import Path

import pytest

from replylint.errors import InputError
from replylint.io import Record, detect_format, read_inputs

DATA = Path(__file__).parent / "data"


def read(path, **kwargs):
    return list(read_inputs([str(path)], **kwargs))


def records(items):
    return [i for i in items if isinstance(i, Record)]


def errors(items):
    return [i for i in items if isinstance(i, InputError)]


# ------------------------------------------------------------------ JSON Lines
def test_jsonl_broken_line_mid_file_is_an_error_and_reading_goes_on():
    items = read(DATA / "replies.jsonl")
    assert [r.id for r in records(items)] == ["r-1", "r-2", "r-6"]
    assert [(e.line, e.message.split(" ")[0]) for e in errors(items)] == [
        (3, "invalid"), (4, "missing"), (5, "unknown"), (8, "expected")]


def test_jsonl_keeps_input_order_between_records_and_errors():
    items = read(DATA / "replies.jsonl")
    kinds = ["R" if isinstance(i, Record) else "E" for i in items]
    assert kinds == ["R", "R", "E", "E", "E", "R", "E"]


def test_jsonl_missing_text_field_names_the_field_and_line():
    error = errors(read(DATA / "replies.jsonl"))[1]
    assert error.message == "missing text field 'reply'"
    assert str(error) == f"{DATA / 'replies.jsonl'}:4: missing text field 'reply'"


def test_jsonl_unknown_channel_is_an_error_for_that_record_only():
    error = errors(read(DATA / "replies.jsonl"))[2]
    assert "unknown channel 'pigeon'" in error.message


def test_jsonl_fields_are_detected_and_mapped_into_the_context():
    first = records(read(DATA / "replies.jsonl"))[0]
    assert first.text.startswith("Hi Diane")
    assert (first.agent, first.team, first.channel, first.line) == ("sam", "billing", "email", 1)
    assert first.context.customer_name == "Diane"
    assert first.context.channel == "email"
    assert first.timestamp == "2026-03-02T10:15:00Z"


def test_jsonl_explicit_map_overrides_detection(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "not this", "draft": "Hello there", "who": "kim"}\n')
    [record] = read(path, mapping={"text": "draft", "agent": "who"})
    assert (record.text, record.agent) == ("Hello there", "kim")


def test_jsonl_without_any_text_field_asks_for_map(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"draft": "Hello"}\n')
    [error] = read(path)
    assert "--map text=FIELD" in error.message


def test_record_without_id_gets_file_and_line(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('\n{"text": "Hello"}\n')
    [record] = read(path)
    assert record.id == f"{path}:2"


def test_mapping_choice_is_reported_once_per_source():
    seen = []
    read(DATA / "replies.jsonl", notify=lambda source, fmap: seen.append((source, fmap.describe())))
    assert len(seen) == 1
    assert "text=reply (detected)" in seen[0][1]


# ------------------------------------------------------------------ CSV
def test_csv_quoted_field_keeps_embedded_newlines_and_quotes():
    first = records(read(DATA / "replies.csv"))[0]
    assert first.text == "Hi Diane,\n\nI'm sorry you feel that way. We \"value\" your feedback."
    assert (first.id, first.line, first.literal_lines) == ("t-1", 2, True)


def test_csv_row_lines_count_embedded_newlines():
    items = read(DATA / "replies.csv")
    assert [r.line for r in records(items)] == [2, 5, 7]
    [error] = errors(items)
    assert (error.line, error.message) == (6, "expected 5 fields as in the header, found 4")


def test_csv_unterminated_quote_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('id,text\n1,fine\n2,"never closed\n')
    items = read(path)
    assert [r.id for r in records(items)] == ["1"]
    assert errors(items) and errors(items)[0].line == 3


def test_tsv_uses_tabs(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("id\ttext\n1\tHello, there\n")
    [record] = read(path)
    assert record.text == "Hello, there"


# ------------------------------------------------------------------ Twitter layout
def test_twitter_reply_gets_the_customer_tweet_it_answers_even_when_later_in_file():
    items = read(DATA / "twitter.csv")
    first = records(items)[0]
    assert detect_format(str(DATA / "twitter.csv")) == "twitter"
    assert first.id == "101"
    assert first.context.inbound == "@AcmeHelp my parcel never arrived and nobody answers"
    assert first.context.customer_handle == "@900001"
    assert (first.company, first.channel, first.agent) == ("AcmeHelp", "twitter", "^JK")
    assert first.context.agent_name is None  # initials are not a name to greet with


def test_twitter_thread_continuation_skips_the_brands_own_tweet():
    second_part = records(read(DATA / "twitter.csv"))[2]
    assert second_part.id == "105"
    assert second_part.context.inbound.startswith("@AcmeHelp still waiting")
    assert second_part.context.agent_name == "Marta"
    assert second_part.context.history[0].startswith("@AcmeHelp still waiting")


def test_twitter_customer_tweets_are_context_not_records():
    ids = [r.id for r in records(read(DATA / "twitter.csv"))]
    assert ids == ["101", "103", "105", "106"]


def test_twitter_broadcast_has_no_inbound():
    broadcast = records(read(DATA / "twitter.csv"))[3]
    assert broadcast.context.inbound is None and broadcast.context.customer_handle is None


def test_twitter_from_stdin_is_spooled(monkeypatch):
    data = (DATA / "twitter.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = read("-", input_format="twitter")
    assert [r.id for r in records(items)] == ["101", "103", "105", "106"]
    assert records(items)[0].source == "<stdin>"


# ------------------------------------------------------------------ conversations
def test_conversation_gives_one_record_per_agent_message_with_inbound_run_and_history():
    items = read(DATA / "conversations.jsonl")
    first, second = records(items)
    assert detect_format(str(DATA / "conversations.jsonl")) == "conversations"
    assert first.id == "c-1#3" and first.conversation == "c-1"
    assert first.context.inbound == "Hi, my blender arrived cracked.\nCan I get a new one?"
    assert first.context.customer_name == "Priya" and first.context.agent_name == "Marta"
    assert (first.company, first.team, first.channel) == ("Acme", "returns", "chat")
    assert second.context.inbound == "Thanks!"
    assert len(second.context.history) == 4


def test_conversation_problems_are_errors_naming_the_message():
    messages = [e.message for e in errors(read(DATA / "conversations.jsonl"))]
    assert messages == ["message 2 of conversation c-2: missing text",
                        "message 3 of conversation c-2: unknown role 'wizard'; expected customer or agent",
                        "a conversation needs a 'messages' list"]


# ------------------------------------------------------------------ plain text and files
def test_plain_text_blocks_are_split_on_blank_lines():
    items = read(DATA / "replies.txt")
    assert [(r.line, r.text) for r in items] == [
        (1, "Hi Diane,\nI'm sorry you feel that way."),
        (4, "Thanks for your patience, Omar."),
        (7, "Dear customer,\nyour order shipped today."),
    ]


def test_txt_is_one_reply_per_file_for_check(tmp_path):
    path = tmp_path / "refund.txt"
    path.write_text("Hi,\n\nyour refund is on its way.\n")
    [record] = list(read_inputs([str(path)], text_format="reply"))
    assert (record.id, record.text) == ("refund", "Hi,\n\nyour refund is on its way.")


def test_markdown_file_is_one_reply():
    assert detect_format("macros/welcome.md") == "reply"


def test_macro_json_list_with_a_missing_text_field():
    items = read(DATA / "macros.json")
    assert [r.id for r in records(items)] == ["refund-done", "delay"]
    [error] = errors(items)
    assert error.message.startswith("macro 3: no text field: name it with --map text=FIELD")


def test_macro_yaml_mapping_of_name_to_text_or_object():
    items = read(DATA / "macros.yaml")
    assert [(r.id, r.text, r.team) for r in items] == [
        ("greeting", "Hi there, thanks for reaching out!", None),
        ("closing", "Have a great day.", "support")]


def test_macro_invalid_yaml_is_one_error_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("a: 'x\nb: [\n")
    [error] = read(path)
    assert error.message.startswith("invalid YAML") and error.line is not None


# ------------------------------------------------------------------ encodings, gzip, stdin
@pytest.mark.parametrize("name, content, line", [
    ("bad.jsonl", b'{"text": "ok"}\n{"text": "caf\xe9"}\n{"text": "fine"}\n', 2),
    ("bad.csv", b'text\nok\ncaf\xe9\nfine\n', 3),
    ("bad.txt", b'ok\n\ncaf\xe9\n\nfine\n', 3),
])
def test_non_utf8_bytes_are_an_error_naming_file_and_line(tmp_path, name, content, line):
    path = tmp_path / name
    path.write_bytes(content)
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Record", "InputError", "Record"]
    bad = items[1]
    assert bad.path == str(path) and bad.line == line
    assert "not valid UTF-8 (byte 0xe9)" in bad.message


def test_utf8_bom_is_ignored(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("\ufeffid,text\n1,Hello\n".encode("utf-8"))
    [record] = read(path)
    assert record.id == "1"


def test_gzip_is_read_transparently(tmp_path):
    path = tmp_path / "replies.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write('{"id": "z", "text": "Hello"}\n')
    [record] = read(path)
    assert record.id == "z"


def test_corrupt_gzip_is_one_error(tmp_path):
    path = tmp_path / "replies.jsonl.gz"
    path.write_bytes(b"not gzip at all")
    [error] = read(path)
    assert "gzip" in error.message and error.path == str(path)


def test_stdin_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "Hi"}\n')))
    [record] = read("-", input_format="jsonl")
    assert (record.text, record.source, record.id) == ("Hi", "<stdin>", "<stdin>:1")


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    [error] = read(tmp_path / "nope.jsonl")
    assert error.message == "no such file"


def test_unknown_input_format_is_refused():
    with pytest.raises(ValueError, match="unknown input format"):
        read(DATA / "replies.jsonl", input_format="xml")


@pytest.mark.parametrize("name, content", [
    ("welcome.md", b"Hi there,\nyour caf\xe9 order shipped.\n"),
    ("macros.yaml", b"greeting: Hello\nclosing: caf\xe9\n"),
])
def test_non_utf8_whole_file_inputs_name_the_line(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read(path)
    assert (error.path, error.line) == (str(path), 2)
    assert "not valid UTF-8" in error.message


@pytest.mark.parametrize("text, expected", [
    ("Thanks! ^SG", ("^SG", None)),
    ("Sure thing /LS https://t.co/abc", ("/LS", None)),
    ("Please DM us -Anwar", ("-Anwar", "Anwar")),
    ("We can help. -TJ https://t.co/x 2/2", ("-TJ", None)),
    ("yes ~AT 1/2", ("~AT", None)),
    ("Cost is 5-10 USD", (None, None)),
    ("No sign-off here.", (None, None)),
])
def test_twitter_signoff_is_read_from_the_end_of_the_reply(text, expected):
    from replylint.io.twitter import parse_signoff

    assert parse_signoff(text) == expected
