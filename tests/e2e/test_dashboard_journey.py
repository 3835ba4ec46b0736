"""The county office watches T1 (40 % of law-enforcement organs with a public lawyer by 2023-12-31) turn
from behind to met across its deadline, and takes the same numbers home in the Excel export."""

from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "Chenggu#2023"
# The targets export's columns: code, target, population, metric, threshold, deadline, population on the
# as-of date, covered, rate, rate on the deadline, verdict.
RATE, VERDICT = 8, 10


def show_as_of(browser, day: str):
    """Pick the as-of date in the dashboard's own form, as the office would."""
    browser.page.fill("#id_as_of", day)
    browser.submit(browser.page.locator("form:has(#id_as_of) button[type=submit]"), f"dashboard-{day}")
    assert browser.path == f"/coverage/?as_of={day}"
    return browser.page.locator('.target-card[data-target="T1"]')


def test_it_shows_t1_met_on_its_deadline_and_exports_the_same_rate(browser):
    # The demo certifies its last T1 lawyer on 2023-12-31 itself, so T1 reaches 40 % exactly that day.
    call_command("load_demo", verbosity=0)
    browser.login("county", DEMO_PASSWORD)
    browser.visit("/coverage/", "dashboard-today")

    before = show_as_of(browser, "2023-12-30")
    assert before.get_attribute("data-verdict") == "behind"
    rate_before = float(before.locator("[data-rate]").get_attribute("data-rate"))
    assert rate_before < 40

    after = show_as_of(browser, "2023-12-31")
    assert after.get_attribute("data-verdict") == "met"
    page_rate = after.locator("[data-rate]").get_attribute("data-rate")
    assert float(page_rate) >= 40 > rate_before
    page_verdict = after.locator(".badge").inner_text().strip()

    targets_section = browser.page.locator("section:has(.target-card)")
    with browser.page.expect_download() as download_info:
        targets_section.locator('a[href*="/coverage/export/?table=targets"]').click()
    download = download_info.value
    assert download.suggested_filename == "coverage-targets-20231231.xlsx"
    rows = list(load_workbook(BytesIO(download.path().read_bytes())).active.iter_rows(values_only=True))

    assert any(row[1] == "2023-12-31" for row in rows if len(row) > 1)  # the as-of date in the header block
    t1 = next(row for row in rows if row[0] == "T1")
    assert t1[RATE] == f"{page_rate}%"
    assert t1[VERDICT] == page_verdict
