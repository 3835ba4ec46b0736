"""In Chinese on a 1366×768 screen: a unit's legal officer finds a colleague by name and a certificate by its
number with the search box of the menu bar, and follows each hit to the person's page; a person of another
unit with a similar name never appears. Then the officer opens the 使用说明 from the user menu and follows
one of its links. The bar, with its search box, stays on one line for the roles with the longest menus, in
Chinese and in English."""

import pytest

from tests.conftest import PASSWORD
from tests.lawyers.factories import make_lawyer, make_person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A bar on one line is one Bootstrap navbar high (about 56 pixels); a wrapped one is at least half as high again.
ONE_LINE = 70


def search_from_the_bar(browser, text: str, name: str):
    box = browser.page.locator("nav form[data-form=navbar-search] input[name=q]")
    box.fill(text)
    with browser.page.expect_navigation():
        box.press("Enter")
    assert browser.path.startswith("/search/")
    browser.shot(name)


def assert_bar_on_one_line(browser, label: str):
    page = browser.page
    height = page.locator("nav.navbar").bounding_box()["height"]
    assert height < ONE_LINE, f"{label}: the menu bar wraps ({height:.0f} px high)"
    # Nothing hidden behind the menu button, and the box and the user menu are on the bar's line.
    assert page.locator("nav .navbar-toggler").is_hidden()
    box = page.locator("nav form[data-form=navbar-search] input").bounding_box()
    user = page.locator("#user-menu").bounding_box()
    assert abs(box["y"] + box["height"] / 2 - (user["y"] + user["height"] / 2)) < 8, label
    # Nor pushed past the screen's edge: no sideways scrolling, the language switch whole on the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, label
    switch = page.locator("form.language-switch").bounding_box()
    assert switch["x"] + switch["width"] <= 1366, label


def test_an_officer_finds_a_colleague_and_a_certificate_but_no_other_units_person(browser, users, unit_a):
    justice = users["justice"]
    colleague, certificate = make_lawyer(users["officer_a"], justice, name="赵明远")
    make_person(users["officer_a"], name="钱多多")
    stranger, other_certificate = make_lawyer(users["officer_b"], justice, name="赵明辉")
    page = browser.page

    browser.login("officer_a", PASSWORD)
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert_bar_on_one_line(browser, "officer, Chinese")
    assert page.locator("nav form[data-form=navbar-search] input").get_attribute("placeholder") == "搜索"

    # The colleague's name: found with the unit beside it; the other unit's 赵明辉 is not on the page.
    search_from_the_bar(browser, "赵明", "search-by-name")
    people = page.locator("section[data-kind=person]")
    assert people.locator("h2").inner_text().startswith("人员")
    assert people.locator("[data-hit]").count() == 1
    assert "赵明远" in people.inner_text() and unit_a.name in people.inner_text()
    assert "赵明辉" not in page.content() and other_certificate.number not in page.content()
    browser.submit(people.locator("a", has_text="赵明远"), "colleague-page")
    assert browser.path == f"/lawyers/people/{colleague.pk}/"
    assert "赵明远" in page.locator("h1").inner_text()

    # The certificate by the beginning of its number, which the other unit's certificate shares.
    prefix = certificate.number[:12]
    assert other_certificate.number.startswith(prefix)
    search_from_the_bar(browser, prefix, "search-by-number")
    certificates = page.locator("section[data-kind=certificate]")
    assert certificates.locator("[data-hit]").count() == 1
    assert certificate.number in certificates.inner_text() and other_certificate.number not in page.content()
    browser.submit(certificates.locator("a", has_text=certificate.number), "holder-page")
    assert browser.path == f"/lawyers/people/{colleague.pk}/"

    # Typing the other unit's person's whole name finds nobody, and says so in Chinese.
    search_from_the_bar(browser, "赵明辉", "search-other-unit")
    assert page.locator("section[data-kind=person] [data-none]").inner_text() == "没有相符的记录。"
    assert "赵明辉" not in page.locator(".row").inner_text()

    # The user menu's 使用说明: the officer's own guide, and its links open.
    page.click("#user-menu")
    browser.submit(page.locator("[aria-labelledby=user-menu] a", has_text="使用说明"), "user-guide")
    assert browser.path == "/help/"
    assert page.locator("[data-help-role]").get_attribute("data-help-role") == "unit_officer"
    assert page.locator("h1").inner_text().strip() == "使用说明"
    browser.submit(page.locator("[data-task=people] a", has_text="人员摸排"), "guide-to-people")
    assert browser.path == "/lawyers/people/"
    assert "赵明远" in page.content() and "赵明辉" not in page.content()


@pytest.mark.parametrize("account", ["county", "officer_a"])
def test_the_bar_with_its_search_box_fits_one_line_in_both_languages(browser, users, account):
    # The county office has the most menu groups; a four-character name is as long as the county's run.
    users[account].last_name, users[account].first_name = "欧阳", "明辉"
    users[account].save()
    if account == "county":
        browser.give_authenticator(users["county"])
    browser.login(account, PASSWORD)
    assert_bar_on_one_line(browser, f"{account}, Chinese")
    # Switch to English with the bar's own button, as a person would.
    browser.submit(browser.page.locator("form.language-switch button[value=en]"), "english")
    assert browser.page.locator("html").get_attribute("lang") == "en"
    assert_bar_on_one_line(browser, f"{account}, English")
    assert browser.page.locator("nav form[data-form=navbar-search] input").get_attribute("placeholder") == "Search"
