"""The county office watches T1 (40 % of law-enforcement organs with a public lawyer by 2023-12-31) turn
from not reached to met across its deadline, and takes the same numbers home in the Excel export."""

import re
from io import BytesIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from accounts.models import User

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "Chenggu#2023"
# The targets export's columns: code, target, population, metric, threshold, deadline, population on the
# as-of date, covered, rate, rate on the deadline, verdict.
POPULATION, COVERED, RATE, DEADLINE_RATE, VERDICT = 6, 7, 8, 9, 10
# The card's sentences as the Chinese page words them: population first, then the units covered.
UNITS_ON_THE_DAY = re.compile(r"截至日期 (\d+) 个单位中已覆盖 (\d+) 个")


def show_as_of(browser, day: str):
    """Pick the as-of date in the dashboard's own form, as the office would."""
    browser.page.fill("#id_as_of", day)
    browser.submit(browser.page.locator("form:has(#id_as_of) button[type=submit]"), f"dashboard-{day}")
    assert browser.path == f"/coverage/?as_of={day}"
    return browser.page.locator('.target-card[data-target="T1"]')


def card_numbers(card) -> dict:
    """What a reader takes from a target card: units, covered, rate, rate on the deadline, verdict."""
    population, covered = UNITS_ON_THE_DAY.search(card.inner_text()).groups()
    deadline = card.locator("[data-deadline-rate]")
    return {
        "population": int(population),
        "covered": int(covered),
        "rate": card.locator("[data-rate]").inner_text().strip(),
        "deadline_rate": deadline.inner_text().strip() if deadline.count() else "",
        "verdict": card.locator(".badge").inner_text().strip(),
    }


def test_it_shows_t1_met_on_its_deadline_and_exports_the_same_numbers(browser):
    # The demo certifies its last T1 lawyer on 2023-12-31 itself, so T1 reaches 40 % exactly that day.
    call_command("load_demo", verbosity=0)
    browser.give_authenticator(User.objects.get(username="county"))
    browser.login("county", DEMO_PASSWORD)
    browser.visit("/coverage/", "dashboard-today")

    before = show_as_of(browser, "2023-12-30")
    assert before.get_attribute("data-verdict") == "behind"
    assert before.locator(".badge").inner_text().strip() == "尚未达标"
    rate_before = float(before.locator("[data-rate]").get_attribute("data-rate"))
    assert rate_before < 40

    after = show_as_of(browser, "2023-12-31")
    assert after.get_attribute("data-verdict") == "met"
    assert after.locator(".badge").inner_text().strip() == "已达标"
    assert float(after.locator("[data-rate]").get_attribute("data-rate")) >= 40 > rate_before

    cards = browser.page.locator(".target-card")
    on_page = {card.get_attribute("data-target"): card_numbers(card) for card in cards.all()}
    assert set(on_page) == {"T1", "T2", "T3"}

    targets_section = browser.page.locator("section:has(.target-card)")
    with browser.page.expect_download() as download_info:
        targets_section.locator('a[href*="/coverage/export/?table=targets"]').click()
    download = download_info.value
    assert download.suggested_filename == "coverage-targets-20231231.xlsx"
    rows = list(load_workbook(BytesIO(download.path().read_bytes())).active.iter_rows(values_only=True))

    assert any(row[1] == "2023-12-31" for row in rows if len(row) > 1)  # the as-of date in the header block
    in_file = {
        row[0]: {
            "population": row[POPULATION],
            "covered": row[COVERED],
            "rate": row[RATE],
            "deadline_rate": row[DEADLINE_RATE] or "",
            "verdict": row[VERDICT],
        }
        for row in rows
        if row and row[0] in on_page
    }
    assert in_file == on_page
    # On its own deadline T1's rate on the day and on the deadline are one number, 40 % or more.
    assert on_page["T1"]["rate"] == on_page["T1"]["deadline_rate"]
