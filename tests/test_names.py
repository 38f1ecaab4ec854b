"""Names beyond the rule examples: nickname table and config, edit distance, safe fixes."""
import replylint
from replylint.names import edit_distance, given_name, is_same_name, misspelling_of


def findings(linter, text, **context):
    return [(f.code, f.text) for f in linter.check(text, context).findings]


def test_edit_distance_counts_single_edits():
    assert edit_distance("Diane", "Dianne") == 1
    assert edit_distance("jon", "John") == 1
    assert edit_distance("Sam", "Sam") == 0
    assert edit_distance("Kate", "Priya") == 5


def test_nicknames_work_both_ways():
    assert is_same_name("Bob", "Robert Smith")
    assert is_same_name("Robert", "Bob")
    assert is_same_name("Liz", "Elizabeth")
    assert not is_same_name("Jon", "John")  # Jon is Jonathan's, not John's


def test_accents_and_titles_do_not_make_a_different_name():
    assert is_same_name("Sebastien", "Sébastien")
    assert is_same_name("Mr Smith", "Robert Smith")
    assert is_same_name("Ms", "Diane Jones")


def test_short_forms_count_but_one_extra_letter_does_not():
    assert is_same_name("Nat", "Natalie")
    assert is_same_name("Christopher", "Chris")
    assert not is_same_name("Roberta", "Robert")


def test_misspelling_versus_another_name():
    assert misspelling_of("Dianne", "Diane")
    assert not misspelling_of("Sarah", "Priya")


def test_given_name_keeps_a_title_with_the_surname():
    assert given_name("Diane Jones") == "Diane"
    assert given_name("Mr Smith") == "Mr Smith"
    assert given_name(None) is None


def test_config_nicknames_extend_the_table():
    text = "Hi Bubba, your parcel is on its way."
    plain = replylint.Linter(replylint.Config(select=["RL603"]))
    assert findings(plain, text, customer_name="Robert") == [("RL603", "Bubba")]
    extended = replylint.Linter(replylint.Config(select=["RL603"], nicknames={"robert": ["bubba"]}))
    assert findings(extended, text, customer_name="Robert") == []


def test_generic_salutation_fix_fills_the_known_name():
    linter = replylint.Linter(replylint.Config(select=["RL602"]))
    fixed = linter.fix("Dear valued customer, your order has shipped.", customer_name="Diane Jones")
    assert fixed.text == "Dear Diane, your order has shipped."
    fixed = linter.fix("To whom it may concern: the refund is done.", customer_name="Diane")
    assert fixed.text == "Dear Diane: the refund is done."


def test_generic_salutation_without_a_name_is_advice_only():
    linter = replylint.Linter(replylint.Config(select=["RL602"]))
    text = "Dear customer, your order has shipped."
    assert linter.fix(text).text == text
    assert findings(linter, text) == [("RL602", "Dear customer")]


def test_wrong_name_fix_needs_a_person():
    linter = replylint.Linter(replylint.Config(select=["RL603"]))
    text = "Hi Dianne, your refund is done."
    report = linter.check(text, customer_name="Diane")
    assert report.findings[0].replacement == "Diane"
    assert linter.fix(text, customer_name="Diane").text == text  # unsafe: not applied


def test_agent_name_anywhere_counts_as_giving_it():
    linter = replylint.Linter(replylint.Config(select=["RL604"]))
    assert findings(linter, "Priya here, your refund is done.", agent_name="Priya Patel",
                    channel="chat") == []
    assert findings(linter, "Your refund is done.", agent_name="Priya Patel", channel="chat") == [
        ("RL604", "Your refund is done.")]


def test_agent_name_rule_needs_a_channel_and_is_off_for_voice_transcripts():
    linter = replylint.Linter(replylint.Config(select=["RL604"]))
    assert findings(linter, "Your refund is done.") == []
    assert findings(linter, "Your refund is done.", channel="voice-transcript") == []
    assert findings(linter, "Your refund is done.", channel="chat") == [("RL604", "Your refund is done.")]
