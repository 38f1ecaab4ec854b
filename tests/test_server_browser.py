"""The compose page in headless Chromium: underlines, hover card, fix, dismiss, Send.

Runs against Debian's chromium (``apt-get install chromium``; REPLYLINT_CHROMIUM to
point elsewhere) through Playwright. Set REPLYLINT_SKIP_BROWSER=1 to skip it;
otherwise a missing browser or Playwright is a failure, not a skip, so CI cannot
pass without having run it.
"""
import socket
import threading
import time

import pytest

from browser_support import chromium_context, expect  # noqa: E402

import uvicorn  # noqa: E402

from replylint.server import ServerSettings, create_app  # noqa: E402

REPLY = "I'm sorry you feel that way. Your card 4111 1111 1111 1111 is on file."
TIMEOUT = 10_000  # ms; the page checks 250 ms after the last key


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    config = tmp_path_factory.mktemp("server") / "replylint.toml"
    config.write_text("")
    app = create_app(ServerSettings(config_path=str(config)))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_context():
    with chromium_context(width=1100) as context:
        yield context


@pytest.fixture
def problems():
    """Console errors and page errors; a test may remove the ones it causes on purpose."""
    return []


@pytest.fixture
def page(browser_context, base_url, problems):
    page = browser_context.new_page()
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(base_url)
    yield page
    page.close()
    assert not problems, problems   # script errors and CSP violations land here


def underlined(page) -> dict:
    """{rule code: [the words under each of its findings]}, from the page's marks."""
    return page.eval_on_selector_all("#backdrop mark", """marks => {
        const byId = new Map();
        for (const m of marks) for (const id of m.dataset.ids.split(' '))
            byId.set(id, (byId.get(id) || '') + m.textContent);
        const byCode = {};
        for (const [id, words] of byId) (byCode[id.split(':')[0]] ||= []).push(words);
        return byCode;
    }""")


def marks_of(page, code):
    return page.locator(f'#backdrop mark[data-ids*="{code}:"]')


def wait_for_underlines(page, count):
    expect(page.locator("#backdrop mark")).to_have_count(count, timeout=TIMEOUT)


def blocking_codes(page) -> list:
    return page.eval_on_selector_all("#findings > li.sev-error",
                                     "items => items.map(i => i.dataset.id.split(':')[0])")


def hover_mark(page, words):
    mark = page.locator("#backdrop mark", has_text=words).first
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#card")).to_be_visible(timeout=TIMEOUT)


def test_non_apology_and_card_number_end_to_end(page):
    send = page.locator("#send")
    page.select_option("#channel", "twitter")
    page.click("#reply")
    page.keyboard.type(REPLY, delay=5)

    # Two blocking findings, each underlined at exactly its words. (Other rules may
    # add advice of their own, e.g. RL604 on the unsigned last sentence; they do not
    # block and are not what this test is about.)
    expect(marks_of(page, "RL101").first).to_be_attached(timeout=TIMEOUT)
    expect(marks_of(page, "RL801").first).to_be_attached(timeout=TIMEOUT)
    words = underlined(page)
    assert words["RL101"] == ["sorry you feel"]
    assert words["RL801"] == ["4111 1111 1111 1111"]
    assert sorted(blocking_codes(page)) == ["RL101", "RL801"]
    expect(send).to_be_disabled()
    expect(page.locator("#summary")).to_contain_text("Sending is blocked")
    # The list quotes the card number masked, as the API sent it.
    assert "4111 1111 1111 1111" not in page.inner_text("#findings")

    # Hover the card number: the card explains it and offers the masking fix.
    hover_mark(page, "4111")
    card = page.locator("#card")
    expect(card).to_contain_text("RL801")
    card.get_by_role("button", name="Apply the fix for RL801").click()
    expect(page.locator("#reply")).not_to_have_value(REPLY)
    value = page.input_value("#reply")
    assert "4111 1111 1111 1111" not in value
    assert value.startswith("I'm sorry you feel that way. Your card ") and value.endswith(" is on file.")
    expect(marks_of(page, "RL801")).to_have_count(0, timeout=TIMEOUT)
    assert underlined(page)["RL101"] == ["sorry you feel"]
    assert blocking_codes(page) == ["RL101"]
    expect(send).to_be_disabled()

    # Dismiss the non-apology from the findings list, with a reason.
    item = page.locator("#findings > li", has_text="RL101")
    item.get_by_role("button", name="Dismiss RL101 with a reason").click()
    item.get_by_label("Reason", exact=True).fill("Quoting the customer's own words")
    item.get_by_role("button", name="Dismiss finding").click()

    expect(send).to_be_enabled(timeout=TIMEOUT)
    expect(marks_of(page, "RL101")).to_have_count(0)
    assert blocking_codes(page) == []
    send.click()
    expect(page.locator("#sent")).to_have_text("Reply sent.")


def test_underlines_land_on_the_right_words_after_emoji(page):
    text = "🙂👩‍👩‍👧‍👦 Thanks 𝒯𝒽𝒶𝓃𝓀𝓈! I'm sorry you feel that way."
    page.click("#reply")
    page.keyboard.insert_text(text)
    wait_for_underlines(page, 1)
    assert underlined(page) == {"RL101": ["sorry you feel"]}
    mark = page.locator("#backdrop mark").bounding_box()
    area = page.locator("#reply").bounding_box()
    assert area["x"] <= mark["x"] and mark["x"] + mark["width"] <= area["x"] + area["width"]
    assert area["y"] <= mark["y"] and mark["y"] + mark["height"] <= area["y"] + area["height"]


def test_dismiss_needs_a_reason_and_keyboard_reaches_the_card(page):
    page.click("#reply")
    page.keyboard.insert_text("Well, I'm sorry you feel that way.")
    wait_for_underlines(page, 1)
    # Keyboard only: move the caret into the words; the card opens without taking focus.
    page.keyboard.press("Home")
    for _ in range(len("Well, I'm so")):
        page.keyboard.press("ArrowRight")
    card = page.locator("#card")
    expect(card).to_be_visible(timeout=TIMEOUT)
    expect(card).to_contain_text("RL101")
    assert page.evaluate("document.activeElement.id") == "reply"
    # Tab goes from the reply into the card's actions, and Escape brings focus back.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('card').contains(document.activeElement)")
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "reply"
    # Escape keeps it closed while the caret stays put.
    page.keyboard.press("ArrowRight")
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()

    item = page.locator("#findings > li", has_text="RL101")
    item.get_by_role("button", name="Dismiss RL101 with a reason").click()
    assert page.evaluate("document.activeElement.getAttribute('list')") == "dismiss-reasons"
    item.get_by_role("button", name="Dismiss finding").click()
    expect(item.get_by_role("alert")).to_have_text("Say why this finding does not apply.")
    expect(page.locator("#send")).to_be_disabled()
    page.keyboard.type("Approved by a team lead")
    page.keyboard.press("Enter")
    expect(page.locator("#send")).to_be_enabled(timeout=TIMEOUT)


def test_service_down_says_so_and_does_not_block(page, problems):
    page.route("**/v1/check", lambda route: route.abort())
    page.click("#reply")
    page.keyboard.insert_text("I'm sorry you feel that way.")
    expect(page.locator("#summary")).to_contain_text("Could not check this reply", timeout=TIMEOUT)
    expect(page.locator("#send")).to_be_enabled()
    expect(page.locator("#backdrop mark")).to_have_count(0)
    # The aborted request is logged by the browser; that one is expected.
    problems[:] = [p for p in problems if "Failed to load resource" not in p]


def test_page_is_labelled_for_assistive_technology(page):
    for field in ("#customer-name", "#agent-name", "#channel", "#inbound", "#reply"):
        label = page.evaluate(f"document.querySelector('{field}').labels[0].textContent.trim()")
        assert label, field
    assert page.get_attribute("#findings", "aria-live") == "polite"
    assert page.get_attribute("#summary", "role") == "status"
    assert page.get_attribute("#backdrop", "aria-hidden") == "true"
    assert "summary" in page.get_attribute("#reply", "aria-describedby")
