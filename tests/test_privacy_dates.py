"""Dates of birth need birth-date words right before them; other dates never fire."""
import pytest

from replylint.privacy.dates import find_dates_of_birth


def dates(text):
    return [text[m.start:m.end] for m in find_dates_of_birth(text)]


@pytest.mark.parametrize("text, value", [
    ("Your date of birth is 12/03/1985.", "12/03/1985"),
    ("DOB on file: 1985-03-12", "1985-03-12"),
    ("She was born on 3rd March 1979.", "3rd March 1979"),
    ("The birthday we hold is March 4, 1990.", "March 4, 1990"),
    ("D.O.B. 04.11.72 confirmed.", "04.11.72"),
])
def test_birth_dates_are_found(text, value):
    assert dates(text) == [value]


@pytest.mark.parametrize("text", [
    "Your parcel arrives on 12/03/2024.",
    "Happy birthday! Your parcel arrives 12/03/2024.",   # birth word in another sentence
    "The offer ends March 4, 2025.",
    "Your date of birth is needed; delivery is 12/03/2024 at the earliest.",
    "Date of birth 31/31/1990 is not a date.",
    "Your date of birth is on file.",
    "Born in 1985? You qualify.",                        # a year alone
])
def test_ordinary_dates_do_not_fire(text):
    assert dates(text) == []


def test_masked_as_hidden():
    (m,) = find_dates_of_birth("DOB: 12/03/1985")
    assert m.masked == "date of birth (hidden)"
    assert "1985" not in m.replacement
