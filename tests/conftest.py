import pytest

import replylint


@pytest.fixture(scope="session")
def linter():
    """All built-in rules, default config (never the config of the folder tests run in)."""
    return replylint.Linter(replylint.Config())
