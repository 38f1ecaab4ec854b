"""What the browser tests share: Debian's chromium driven by Playwright.

Set REPLYLINT_SKIP_BROWSER=1 to skip them; otherwise a missing browser or Playwright
is a failure, not a skip, so CI cannot pass without having run them. Never
``playwright install``: browser downloads cannot work here; REPLYLINT_CHROMIUM points
at another chromium binary.
"""
import os

import pytest

if os.environ.get("REPLYLINT_SKIP_BROWSER") == "1":
    pytest.skip("REPLYLINT_SKIP_BROWSER=1", allow_module_level=True)

try:
    from playwright.sync_api import expect, sync_playwright  # noqa: F401 - re-exported
except ImportError:  # pragma: no cover - the failure is the point
    pytest.fail("the browser tests need playwright (pip install playwright; the browser is "
                "Debian's chromium, no 'playwright install'); set REPLYLINT_SKIP_BROWSER=1 to skip",
                pytrace=False)

CHROMIUM = os.environ.get("REPLYLINT_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags chromium keeps trying hosts this machine
# cannot reach.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_context(width: int = 1200, height: int = 900):
    """A fresh headless chromium context (its own profile folder); fails if chromium is missing."""
    import contextlib
    import tempfile

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: apt-get install -y chromium "
                    "(or set REPLYLINT_SKIP_BROWSER=1 to skip)", pytrace=False)

    @contextlib.contextmanager
    def running():
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                tempfile.mkdtemp(prefix="replylint-chromium-"), executable_path=CHROMIUM,
                args=CHROMIUM_ARGS, headless=True, viewport={"width": width, "height": height})
            try:
                yield context
            finally:
                context.close()

    return running()
