"""The HTML report in headless Chromium, opened from disk as a support lead would.

Charts drawn, tables filled, sorting and filtering, the message on hover, print
layout, no console errors and no request for anything but the file itself. Saves
``test-artifacts/report.png``.

Runs against Debian's chromium (``apt-get install chromium``; REPLYLINT_CHROMIUM to
point elsewhere) through Playwright. Set REPLYLINT_SKIP_BROWSER=1 to skip it;
otherwise a missing browser or Playwright is a failure, not a skip, so CI cannot
pass without having run it.
"""
import json
import os
from pathlib import Path

import pytest

from browser_support import chromium_context, expect  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from replylint.cli import main  # noqa: E402

ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"
CARD = "4111 1111 1111 1111"
TIMEOUT = 10_000  # ms

REPLIES = [
    ("sam", "billing", "Hi Diane, I'm sorry you feel that way. Please be advised the refund takes 5 days."),
    ("sam", "billing", "Dear customer, we apologize for any inconvenience."),
    ("kim", "social", f"Please confirm your card {CARD} here so we can check."),
    ("kim", "social", "Sorry if that was confusing. It is simply a setting."),
    ("lee", "delivery", "Thanks Omar, your parcel is on its way and should arrive tomorrow."),
    ("lee", "delivery", "Hi Ana, I've sent a replacement today. Sorry it arrived broken."),
    ("ravi", "returns", "Rest assured we value your feedback."),
    ("ravi", "returns", "Thanks Grace, the label is attached."),
]
# One macro pasted to five customers: a reused template (RL204) for the report to list.
CUSTOMERS = ["Ana", "Ben", "Cleo", "Dev", "Eli"]
REPLIES += [("lee", "delivery", f"Hi {name}, please send us your order number by DM so we can "
             "look into this for you.") for name in CUSTOMERS]


@pytest.fixture(scope="module")
def report_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    rows = [{"id": f"r{i}", "reply": text, "agent": agent, "team": team,
             "channel": "twitter" if team == "social" else "email",
             "customer_name": f"Customer {i}", "created_at": f"2026-02-{9 + i % 5:02d}T10:00:00Z"}
            for i, (agent, team, text) in enumerate(REPLIES)]
    source = folder / "replies.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    target = folder / "report.html"
    old = os.getcwd()
    os.chdir(folder)   # no project config from the folder tests run in
    try:
        result = CliRunner().invoke(main, ["audit", str(source), "--workers", "1", "--format", "html",
                                           "-o", str(target), "--fail-on", "never"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert CARD not in target.read_text(encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def browser_context():
    with chromium_context(width=1200) as context:
        yield context


@pytest.fixture
def page(browser_context, report_path):
    page = browser_context.new_page()
    problems, requests = [], []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: message.type in ("error", "warning")
            and problems.append(f"{message.type}: {message.text}"))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_path.as_uri())
    page.wait_for_load_state("load")
    yield page
    page.close()
    assert not problems, problems   # script errors and CSP violations land here
    assert requests == [report_path.as_uri()], requests   # the file itself, nothing else


def chart(page, canvas_id):
    """What Chart.js holds for a canvas."""
    return page.evaluate("""id => {
        const chart = Chart.getChart(document.getElementById(id));
        return chart ? {labels: chart.data.labels, data: chart.data.datasets.map(d => d.data)} : null;
    }""", canvas_id)


def painted(page, canvas_id):
    """How many pixels of a canvas are painted (read once per canvas: Chromium warns
    in the console when a canvas is read back repeatedly)."""
    return page.evaluate("""id => {
        const canvas = document.getElementById(id);
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
        return count;
    }""", canvas_id)


def test_charts_are_drawn_and_a_screenshot_is_saved(page):
    assert "RL101 non-apology" in chart(page, "chart-rules")["labels"]
    assert set(chart(page, "chart-group-agent")["labels"]) == {"sam", "kim", "lee", "ravi"}
    assert chart(page, "chart-time")["labels"][0] == "2026-02-09"
    for canvas in ("chart-rules", "chart-group-agent", "chart-group-team", "chart-time"):
        assert page.locator(f"#{canvas}").bounding_box()["width"] > 300, canvas
        assert painted(page, canvas) > 2000, canvas
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert (ARTIFACTS / "report.png").stat().st_size > 20_000


def test_tables_show_the_numbers(page):
    expect(page.locator("[data-metric=replies]")).to_have_text("13")
    expect(page.locator("[data-metric=input-errors]")).to_have_text("1")
    expect(page.locator("#table-agent tbody tr")).to_have_count(4)
    expect(page.locator("#table-team tbody tr")).to_have_count(4)
    expect(page.locator("#errors-table tbody tr")).to_have_count(1)
    template = page.locator("#templates-table tbody tr")
    expect(template).to_have_count(1)
    expect(template.locator("td").first).to_have_text("5")
    expect(template).to_contain_text("please send us your order number by dm")   # normalised
    rule = page.locator("#rules-table a", has_text="RL101")
    assert rule.get_attribute("href").endswith("RL101-non-apology")


def test_group_charts_leave_info_findings_out_until_asked(page):
    visible = page.evaluate("""() => {
        const chart = Chart.getChart(document.getElementById('chart-group-agent'));
        return chart.data.datasets.map((d, i) => [d.label, chart.isDatasetVisible(i)]);
    }""")
    assert visible == [["Errors", True], ["Warnings", True], ["Info", False]]


def test_filtering_a_table_narrows_its_rows_and_its_chart(page):
    page.fill("#filter-agent", "k")          # kim only ("sam", "lee", "ravi" have no k)
    expect(page.locator("#table-agent tbody tr:visible")).to_have_count(1)
    expect(page.locator("#count-agent")).to_have_text("Showing 1 of 4")
    assert chart(page, "chart-group-agent")["labels"] == ["kim"]
    page.fill("#filter-agent", "")
    expect(page.locator("#table-agent tbody tr:visible")).to_have_count(4)
    assert len(chart(page, "chart-group-agent")["labels"]) == 4


def test_sorting_a_table_reorders_rows_and_the_chart_follows(page):
    header = page.locator("#table-agent th[data-key=name]")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    names = page.locator("#table-agent tbody tr th").all_inner_texts()
    assert names == sorted(names)
    assert chart(page, "chart-group-agent")["labels"] == names
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert page.locator("#table-agent tbody tr th").all_inner_texts() == sorted(names, reverse=True)
    assert page.locator("#table-agent th[aria-sort]").count() == 1


def test_hovering_or_focusing_a_mark_shows_the_rule_message(page):
    mark = page.locator("#worst mark", has_text="sorry you feel").first
    mark.hover()
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("RL101 non-apology:")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    mark.focus()
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    # Without a mouse the same message is one reference away.
    described = mark.get_attribute("aria-describedby").split()
    assert any("RL101" in page.inner_text(f"#{ref}") for ref in described)


def test_the_card_number_is_shown_masked(page):
    assert CARD not in page.content()
    assert "1111" in page.inner_text("#worst")


def test_print_layout_shows_whole_tables_without_controls(page):
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.controls')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.scroll')).maxHeight") == "none"
    page.emulate_media(media="screen")
