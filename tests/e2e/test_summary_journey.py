"""A unit's yearly progress summary (R4.3) from draft to the county office, with real clicks: the unit's legal
office drafts it and submits it to the unit's assessment committee (warned that the year has not ended), the
committee returns it with a reason, the unit revises and resubmits it, the committee approves it, and the
county office, told by a notice, reads it; the county office then reminds (催报) the unit that has not
submitted. Each step's notice is followed from the bell, and no page on the way answers 403/404/500.

Set up through the services, as the year's earlier steps would leave it: the justice bureau opened the
current year for units A and B and formed unit A's committee. The current year has not ended whatever the
day the journey runs, so the submission always meets the warning.
"""

from datetime import date

import pytest
from django.utils import timezone

from assessments import services
from assessments.models import AssessmentYear, Committee, UnitSummary
from notices.models import Notice
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORK_DONE = "建立公职律师参与重大行政决策合法性审查制度。"
PROBLEMS = "公职律师人数偏少。"
PLANS = "再推荐两名工作人员申请公职律师证书。"
REASON = "请补充全年培训情况。"
REVISED = WORK_DONE + "全年组织同堂培训两次。"


@pytest.fixture
def year(users, unit_a, unit_b):
    number = timezone.localdate().year
    justice = users["justice"]
    draft = AssessmentYear(
        year=number,
        period_start=date(number, 1, 1),
        period_end=date(number, 12, 31),
        scoring_deadline=date(number, 12, 20),
        review_deadline=date(number, 12, 31),
    )
    year = services.year_open(actor=justice, year=draft, units=[unit_a, unit_b])
    services.committee_create(
        actor=justice, committee=Committee(year=year, unit=unit_a), members=[users["committee_a"]]
    )
    return year


def open_newest_notice(browser, name: str):
    """From the bell (which shows the unread notice) to the notice's object."""
    page = browser.page
    browser.submit(page.locator("nav a[href='/notices/']:not([data-unread='0'])"), f"notices-{name}")
    browser.submit(page.locator("main table a[href^='/notices/']").first, name)


def submit_with_warning(browser, name: str):
    """The submit page warns that the year has not ended; without the tick nothing is submitted."""
    page = browser.page
    browser.submit(page.locator("a[data-action='submit']"), f"{name}-confirm")
    assert "该年度尚未结束，提交后数据将冻结" in page.locator("#open-year-warning").inner_text()
    browser.submit(page.locator("button[data-action='confirm-submit']"), f"{name}-unconfirmed")
    assert "年度结束前提交须勾选确认" in page.locator("main").inner_text()
    page.check("#id_confirm_open_year")
    browser.submit(page.locator("button[data-action='confirm-submit']"), f"{name}-submitted")
    assert "总结已报送本单位考核评定工作机构审核" in page.locator(".alert-success.alert-dismissible").inner_text()
    assert page.locator("[data-status]").first.get_attribute("data-status") == "submitted"


def test_it_takes_a_summary_from_draft_to_the_county_office(browser, users, unit_a, unit_b, year):
    page = browser.page

    # The unit's legal office opens its summary from the home page and drafts it.
    browser.login("officer_a", PASSWORD)
    browser.submit(page.locator("main a[href='/assessments/summaries/']"), "summary-years")
    browser.submit(page.locator(f"tr[data-year='{year.year}'] button[type=submit]"), "summary-draft")
    summary = UnitSummary.objects.get(unit=unit_a, year=year)
    assert browser.path == f"/assessments/summaries/{summary.pk}/"
    assert page.locator("[data-status]").first.inner_text().strip() == "草稿"
    browser.submit(page.locator("a[data-action='edit']"), "summary-edit")
    page.fill("#id_work_done", WORK_DONE)
    page.fill("#id_problems", PROBLEMS)
    page.fill("#id_plans", PLANS)
    browser.submit(page.locator("form.card button[type=submit]"), "summary-text-saved")
    assert WORK_DONE in page.locator("main").inner_text()
    submit_with_warning(browser, "first-submission")
    assert page.locator("a[data-action='edit']").count() == 0
    browser.logout()

    # The committee, told by a notice, returns it with a reason and stays on the summary (no 404).
    browser.login("committee_a", PASSWORD)
    open_newest_notice(browser, "summary-to-approve")
    assert browser.path == f"/assessments/summaries/{summary.pk}/"
    browser.submit(page.locator("a[data-action='return']"), "return-form")
    page.fill("#id_comment", REASON)
    browser.submit(page.locator("form.card button[type=submit]"), "returned")
    assert browser.path == f"/assessments/summaries/{summary.pk}/"
    assert page.locator("[data-status]").first.inner_text().strip() == "已退回修改"
    assert REASON in page.locator("#return-reason").inner_text()
    assert page.locator("[data-action]").count() == 0  # the unit's turn now
    browser.logout()

    # The unit reads the reason from its notice, revises the text and submits again.
    browser.login("officer_a", PASSWORD)
    open_newest_notice(browser, "returned-summary")
    assert page.locator("[data-status]").first.inner_text().strip() == "已退回修改"
    assert REASON in page.locator("#return-reason").inner_text()
    browser.submit(page.locator("a[data-action='edit']"), "summary-revise")
    page.fill("#id_work_done", REVISED)
    browser.submit(page.locator("form.card button[type=submit]"), "summary-revised")
    submit_with_warning(browser, "resubmission")
    assert Notice.objects.get(recipient=users["officer_a"], kind="summary_returned").read_at is not None
    browser.logout()

    # The committee approves it; it goes to the county office.
    browser.login("committee_a", PASSWORD)
    open_newest_notice(browser, "summary-to-approve-again")
    assert REVISED in page.locator("main").inner_text()
    browser.submit(page.locator("button[data-action='approve']"), "approved")
    assert "总结已审核通过，已报送县委依法治县办" in page.locator(".alert-success.alert-dismissible").inner_text()
    assert page.locator("[data-status]").first.get_attribute("data-status") == "approved"
    browser.logout()

    # The county office follows its notice to the summary, then sees the year: A approved, B not submitted.
    browser.give_authenticator(users["county"])
    browser.login("county", PASSWORD)
    open_newest_notice(browser, "county-reads-summary")
    assert browser.path == f"/assessments/summaries/{summary.pk}/"
    assert page.locator("[data-status]").first.inner_text().strip() == "已审核通过"
    assert REVISED in page.locator("main").inner_text()
    browser.submit(page.locator(f"a[href='/assessments/{year.pk}/summaries/']"), "year-summaries")
    assert page.locator(f"tr[data-unit='{unit_a.name}']").get_attribute("data-status") == "approved"
    assert page.locator(f"tr[data-unit='{unit_b.name}']").get_attribute("data-status") == "none"

    # 催报: the county office reminds unit B, once.
    browser.submit(page.locator("a[data-action='remind']"), "remind-form")
    assert page.locator(f"#remind-units tr[data-unit='{unit_a.name}']").count() == 0
    browser.submit(page.locator("button[data-action='send-reminders']"), "reminded")
    assert f"已向1个单位发出催报：{unit_b.name}" in page.locator(".alert-success.alert-dismissible").inner_text()
    assert page.locator(f"tr[data-unit='{unit_b.name}'] [data-reminded]").inner_text().strip() == str(
        timezone.localdate()
    )
    browser.submit(page.locator("a[data-action='remind']"), "remind-form-again")
    assert "今日已催报" in page.locator(f"#remind-units tr[data-unit='{unit_b.name}']").inner_text()
    browser.logout()

    # Unit B's legal office follows the reminder to where it starts its summary.
    browser.login("officer_b", PASSWORD)
    open_newest_notice(browser, "reminder")
    assert browser.path == f"/assessments/{year.pk}/summaries/"
    assert page.locator("form[action$='/summaries/start/'] button").count() == 1

    sent = list(
        Notice.objects.filter(kind__startswith="summary_").order_by("pk").values_list("recipient__username", "kind")
    )
    assert sent == [
        ("committee_a", "summary_submitted"),
        ("officer_a", "summary_returned"),
        ("committee_a", "summary_submitted"),
        ("officer_a", "summary_approved"),
        ("county", "summary_received"),
        ("officer_b", "summary_reminder"),
    ]
