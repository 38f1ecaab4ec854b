"""RL204 over many replies: normalisation, near-duplicate grouping, record shapes."""
import pytest

import replylint
from replylint.io.record import Record
from replylint.model import Context
from replylint.templates import TemplateGroup, find_templates, normalise_reply, shingles

TEMPLATE = "Can you DM us your account's email address? We'll take a look backstage"
CUSTOMERS = ["Diane", "Sam", "Priya", "Jeff", "Olu", "Marta", "Kenji", "Ruth"]


def _template_records(n=8, agents=("AB", "CD")):
    return [
        {"id": f"t{i}", "text": f"@{1000 + i} Hi {CUSTOMERS[i % 8]}! {TEMPLATE} ^{agents[i % len(agents)]} "
                                f"https://t.co/x{i}",
         "conversation": f"c{i}", "agent": agents[i % len(agents)]}
        for i in range(n)
    ]


def test_normalising_replaces_what_varies_between_customers():
    text = "@115712 Hi Jeff! Your refund of $20 went to jeff@example.com, see https://t.co/abc, Jeff. ^AB"
    norm = normalise_reply(text, Context(customer_name="Jeff Lee"))
    assert norm == "<greeting> ! your refund of <num> went to <email>, see <url>, <name>. <signoff>"


def test_a_name_addressed_after_a_comma_is_a_placeholder_without_context():
    assert normalise_reply("That route is not allowed, Swati.") == "that route is not allowed, <name>."


def test_same_template_to_different_customers_is_one_group():
    groups = find_templates(_template_records(), min_count=5)
    assert len(groups) == 1
    group = groups[0]
    assert isinstance(group, TemplateGroup)
    assert group.count == 8 and group.conversations == 8 and group.agents == 2
    assert group.template == ("<greeting> ! can you dm us your account's email address? "
                              "we'll take a look backstage <signoff> <url>")
    assert group.example_ids == ["t0", "t1", "t2", "t3", "t4"]
    assert set(group.agent_names) == {"AB", "CD"}


def test_near_identical_wording_joins_the_group():
    records = _template_records()
    records.append({"id": "near", "text": "Hi Ruth! Can you please DM us your account's email address? "
                                          "We'll take a look backstage ^AB https://t.co/y", "conversation": "c99"})
    group = find_templates(records)[0]
    assert group.count == 9 and group.variants == 2


def test_different_replies_are_not_grouped():
    records = [f"Hi {name}, your order {i} of the lamp ships on day {i}, sorry for the wait about it."
               for i, name in enumerate(CUSTOMERS)]
    records += ["The engineer is booked for Monday morning between eight and noon.",
                "Your refund went back to the card you paid with; banks take a few days.",
                "We have moved your seat to the aisle as you asked, enjoy the flight."]
    groups = find_templates(records, min_count=2, min_conversations=2)
    assert len(groups) == 1  # only the order sentence repeats (numbers and names are placeholders)
    assert groups[0].count == 8


def test_a_template_sent_in_too_few_conversations_is_not_reported():
    records = _template_records()
    for record in records:
        record["conversation"] = "one-long-thread"
    assert find_templates(records, min_conversations=2) == []
    assert len(find_templates(records, min_conversations=1)) == 1


def test_min_count_and_min_words():
    assert find_templates(_template_records(4), min_count=5) == []
    thanks = [f"@{i} Thanks! ^AB" for i in range(20)]
    assert find_templates(thanks, min_words=4) == []


@pytest.mark.parametrize("shape", ["str", "pair", "mapping", "record"])
def test_every_record_shape_is_accepted(shape):
    texts = [f"Hi {name}! {TEMPLATE}" for name in CUSTOMERS]
    if shape == "str":
        records = texts
    elif shape == "pair":
        records = [(t, {"customer_name": n, "agent_name": "Sam"}) for t, n in zip(texts, CUSTOMERS)]
    elif shape == "mapping":
        records = [{"reply": t, "customer": n} for t, n in zip(texts, CUSTOMERS)]
    else:
        records = [Record(id=f"r{i}", text=t, context=Context(customer_name=n), conversation=f"c{i}",
                          agent="sam") for i, (t, n) in enumerate(zip(texts, CUSTOMERS))]
    group = find_templates(records)[0]
    assert group.count == 8 and group.conversations == 8
    if shape == "str":
        assert group.example_ids[0] == "#1" and group.customers == 0 and group.agents == 0
    if shape in ("pair", "mapping", "record"):
        assert group.customers == 8
    if shape in ("pair", "record"):
        assert group.agents == 1



def test_a_group_counts_conversations_customers_and_agents_across_its_variants():
    near = "Hi Ruth! Can you please DM us your account's email address? We'll take a look backstage"
    records = [
        {"id": "a", "text": TEMPLATE, "conversation": "c1", "customer": "Sam", "agent": "AB"},
        {"id": "b", "text": near, "conversation": "c1", "customer": "Sam", "agent": "CD"},
        {"id": "c", "text": TEMPLATE, "customer": "Sam", "agent": "CD"},           # customer:Sam
        {"id": "d", "text": near, "conversation": "customer:Sam", "agent": ""},     # the same key
        {"id": "e", "text": TEMPLATE},                                             # reply:e
        {"id": "e", "text": near, "customer": ""},                                 # reply:e again
        {"id": "f", "text": "Thanks! ^AB", "conversation": "c9"},                  # too short
        {"id": "g", "text": TEMPLATE, "conversation": "c2", "customer": "Priya", "agent": "CD"},
    ]
    group, = find_templates(records, min_count=2, min_conversations=1, examples=5)
    assert group.count == 7 and group.variants == 2
    assert group.conversations == 4      # c1, customer:Sam, reply:e, c2
    assert group.customers == 2 and group.agents == 2
    assert group.agent_names == ["CD", "AB"]
    # Replies of the first wording, then of the next, each in input order.
    assert group.example_ids == ["a", "c", "e", "g", "b"]
    assert group.template == normalise_reply(TEMPLATE)

def test_a_bad_record_says_what_is_accepted():
    with pytest.raises(TypeError, match="a record is a string"):
        find_templates([42])
    with pytest.raises(ValueError, match="bands must divide"):
        find_templates(["x"], bands=7)


def test_groups_are_the_same_from_run_to_run():
    records = _template_records(12)
    assert [g.to_dict() for g in find_templates(records)] == [g.to_dict() for g in find_templates(records)]


def test_shingles_of_short_and_long_texts():
    assert shingles("thanks a lot") == {"thanks a lot"}
    assert shingles("<greeting> we are on it now") == {
        "<greeting> we are", "we are on", "are on it", "on it now"}


def test_the_linter_exposes_find_templates():
    linter = replylint.Linter(replylint.Config(select=["RL101"]))
    groups = linter.find_templates(_template_records(), min_count=3)
    assert groups[0].count == 8
