"""A committee member scores a public lawyer and, with the committee, makes the initial evaluation (初评); the
justice bureau reviews and publishes it; the lawyer reads the published result with the committee's comments
(R3.3, R4.3).

Set up through the services, as the earlier steps of the year would leave it: the justice bureau opened the
year for the unit, formed its committee of two members and started the scoring, and the second member has
already scored and submitted (a member's own browser session would add nothing new to this journey). The
first member scores, proposes and submits in the browser.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.choices import Role
from assessments import services
from assessments.models import Assessment, AssessmentYear, Committee
from tests.conftest import PASSWORD, make_user
from tests.lawyers.factories import make_lawyer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COMMENTS = "全年按时办结指派事项，法律意见质量较高，建议继续聘任。"
REVIEW_COMMENT = "同意委员会初评意见。"
# The first member's scores per criterion (weights 40 / 30 / 30): total (92×40 + 88×30 + 90×30) / 100.
MY_SCORES = {"工作完成情况": "92", "工作效率": "88", "服务质量": "90"}
MY_TOTAL = Decimal("90.20")
SECOND_MEMBER_SCORE = Decimal("80")
COMMITTEE_SCORE = (MY_TOTAL + SECOND_MEMBER_SCORE) / 2  # 85.10: 称职 on the default scale


@pytest.fixture
def scoring(users, unit_a):
    """The year being scored: unit A's committee (committee_a, committee_a2) and its one lawyer, 孙律师."""
    year_number = timezone.localdate().year
    justice = users["justice"]
    issued = date(year_number - 1, 3, 1)
    person, _certificate = make_lawyer(users["officer_a"], justice, issued_on=issued, name="孙律师")
    make_user("sun", Role.PUBLIC_LAWYER, unit_a, person=person)
    draft = AssessmentYear(
        year=year_number,
        period_start=date(year_number, 1, 1),
        period_end=date(year_number, 12, 31),
        scoring_deadline=date(year_number, 12, 20),
        review_deadline=date(year_number, 12, 31),
    )
    year = services.year_open(actor=justice, year=draft, units=[unit_a])
    second = make_user("committee_a2", Role.COMMITTEE_MEMBER, unit_a)
    committee = services.committee_create(
        actor=justice, committee=Committee(year=year, unit=unit_a), members=[users["committee_a"], second]
    )
    services.year_start_scoring(actor=justice, year=year)
    assessment = Assessment.objects.get(committee=committee, person=person)
    criteria = list(year.criteria.values_list("pk", flat=True))
    services.scores_save(actor=second, assessment=assessment, values=dict.fromkeys(criteria, SECOND_MEMBER_SCORE))
    services.scores_submit(actor=second, committee=committee)
    return year, committee, assessment


def test_it_takes_a_lawyer_from_scoring_to_the_published_result(browser, users, scoring):
    year, committee, assessment = scoring
    page = browser.page
    row = page.locator("tr[data-person='孙律师']")

    # The member finds the committee from their home page, through the year.
    browser.login("committee_a", PASSWORD)
    browser.submit(page.locator("main a[href='/assessments/']"), "assessment-years")
    browser.submit(page.locator(f"table a[href='/assessments/{year.pk}/']"), "assessment-year")
    browser.submit(page.locator(f"[data-committee='{committee.pk}'] a"), "committee")
    # Scoring is independent: the committee's score stays hidden until the member's own scores are in.
    assert row.locator(".committee-score").inner_text().strip() == "提交后可见"

    browser.submit(row.locator(f"a[href='/assessments/results/{assessment.pk}/score/']"), "score-form")
    fields = {name: page.get_by_label(f"{name} (", exact=False) for name in MY_SCORES}
    fields["工作完成情况"].fill("120")
    for name in ("工作效率", "服务质量"):
        fields[name].fill(MY_SCORES[name])
    browser.submit(page.locator("form.card button[type=submit]"), "score-refused")
    assert "确保该值小于或等于100" in page.locator(".invalid-feedback").inner_text()
    assert not assessment.scores.filter(member=users["committee_a"]).exists()
    fields["工作完成情况"].fill(MY_SCORES["工作完成情况"])
    browser.submit(page.locator("form.card button[type=submit]"), "scores-saved")
    assert browser.path == f"/assessments/committees/{committee.pk}/"
    assert "您的评分已保存" in page.locator(".alert-success").inner_text()

    browser.submit(page.locator("form[action$='/submit-scores/'] button"), "scores-submitted")
    assert row.locator(".committee-score").inner_text().strip() == f"{COMMITTEE_SCORE:.2f}"

    # Submitting the initial evaluation before every lawyer has a grade is refused, in Chinese.
    browser.submit(page.locator("form[action$='/submit/'] button"), "evaluation-too-early")
    assert "请先为每名公职律师提出初评等次" in page.locator(".alert-danger").inner_text()
    assert page.locator("[data-status]").get_attribute("data-status") == "scoring"

    browser.submit(row.locator(f"a[href='/assessments/results/{assessment.pk}/propose/']"), "proposal-form")
    page.select_option("#id_proposed_grade", "competent")
    page.fill("#id_comments", COMMENTS)
    page.select_option("#id_recommended", "yes")
    browser.submit(page.locator("form.card button[type=submit]"), "proposal-saved")
    # The grade the score suggests and the grade proposed, both by their names.
    assert row.locator("td").nth(-3).inner_text().strip() == "称职"
    assert row.locator("td").nth(-2).inner_text().strip() == "称职"
    browser.submit(page.locator("form[action$='/submit/'] button"), "evaluation-submitted")
    assert page.locator("[data-status]").get_attribute("data-status") == "submitted"
    assert "初评已报送县司法局" in page.locator(".alert-success").inner_text()
    browser.logout()

    # The justice bureau, told by a notice, reviews the committee's evaluation and publishes it.
    browser.give_authenticator(users["justice"])
    browser.login("justice", PASSWORD)
    browser.submit(page.locator("nav a[href='/notices/'][data-unread='1']"), "notices")
    browser.submit(page.locator("main a").filter(has_text=str(committee)), "committee-to-review")
    assert browser.path == f"/assessments/committees/{committee.pk}/"
    assert row.locator(".committee-score").inner_text().strip() == f"{COMMITTEE_SCORE:.2f}"
    browser.submit(page.locator(f"a[href='/assessments/committees/{committee.pk}/review/']"), "review-form")
    page.select_option("#id_decision", "confirm")
    page.fill("#id_comment", REVIEW_COMMENT)
    browser.submit(page.locator("form.card button[type=submit]"), "published")
    assert page.locator("[data-status]").get_attribute("data-status") == "published"
    assert REVIEW_COMMENT in page.locator("main").inner_text()
    browser.logout()

    # The lawyer reads the result among their own, with the committee's score, grade and comments.
    browser.login("sun", PASSWORD)
    page.locator("nav .dropdown-toggle").filter(has_text="我的工作").click()
    browser.submit(page.locator("nav a[href='/assessments/mine/']"), "my-results")
    browser.submit(page.locator(f"table a[href='/assessments/results/{assessment.pk}/']"), "my-result")
    assert page.locator("#grade").inner_text().strip() == "称职"
    assert page.locator("#comments").inner_text().strip() == COMMENTS
    assert f"{COMMITTEE_SCORE:.2f}" in page.locator("main").inner_text()
    assert page.locator(f"a[href='/assessments/results/{assessment.pk}/object/']").inner_text().strip() == "提出异议"
    assessment.refresh_from_db()
    assert assessment.proposed_grade == "competent" and assessment.score == COMMITTEE_SCORE
    assert assessment.committee.status == "published"
