"""A year's assessment with real clicks (R3.3, R4.3), read in Chinese as the county's clerks read it.

The justice bureau gives the county's one 优秀 place (20 % of seven lawyers, rounded half up) to the market
regulator, a unit of three lawyers: counted per committee and rounded down, as before, such a unit could never
have one. The unit's committee of five scores its three lawyers, each criterion out of 100 with its weight
shown, the weighted total shown as the member types; a member who first types the criterion's weight as its
maximum sees the total that would give before saving. Submitted scores are read-only, and no member sees
another's until the committee's initial evaluation (初评) is made. The committee proposes the grades, none
chosen for it, and submits; the justice bureau sees every proposed grade, returns the evaluation with a
reason; the scoring reopens with that reason on the committee's page and the score page; a member changes a
score, all five submit again, the committee submits again and the bureau confirms. The lawyer reads 优秀.

Set up through the services, as the earlier steps of the year would leave it: the year opened for the market
regulator (three lawyers, a committee of five) and the natural-resources bureau (four lawyers, a committee of
one, not part of this journey), scoring started.
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

LABELS = ("工作完成情况（满分100，权重40%）", "工作效率（满分100，权重30%）", "服务质量（满分100，权重30%）")
MEMBERS = ("committee_a", "committee_a2", "committee_a3", "committee_a4", "committee_a5")
# What each member types for each lawyer, per criterion. The first member's totals: 甲 90.00, 乙 85.00,
# 丙 70.00; the others give every criterion of every lawyer the same score.
FIRST_MEMBER = {"甲": ("90", "92", "88"), "乙": ("85", "85", "85"), "丙": ("70", "70", "70")}
OTHER_MEMBERS = {"committee_a2": "95", "committee_a3": "93", "committee_a4": "91", "committee_a5": "80"}
# Five members: the highest and the lowest total dropped, the mean of the other three.
COMMITTEE_SCORES = {"甲": "91.33", "乙": "89.67", "丙": "88.00"}
REASON = "乙全年办结事项较少，评分偏高，请复核后重新评分。"
# After the return the first member scores 乙 75 on each criterion: (80 + 91 + 93) / 3.
RESCORED = {"乙": ("75", "75", "75")}
REVISED_SCORE = "88.00"
COMMENTS = "全年按时办结指派事项，法律意见质量较高，建议评为优秀。"


@pytest.fixture
def year_being_scored(users, unit_a, unit_b):
    year_number = timezone.localdate().year
    justice = users["justice"]
    issued = date(year_number - 1, 3, 1)
    people = {}
    for name in ("甲", "乙", "丙"):
        people[name] = make_lawyer(users["officer_a"], justice, issued_on=issued, name=name)[0]
    for name in ("周一", "周二", "周三", "周四"):
        make_lawyer(users["officer_b"], justice, issued_on=issued, name=name)
    make_user("jia", Role.PUBLIC_LAWYER, unit_a, person=people["甲"])
    for name in MEMBERS[1:]:
        users[name] = make_user(name, Role.COMMITTEE_MEMBER, unit_a)
    draft = AssessmentYear(
        year=year_number,
        period_start=date(year_number, 1, 1),
        period_end=date(year_number, 12, 31),
        scoring_deadline=date(year_number, 12, 20),
        review_deadline=date(year_number, 12, 31),
    )
    year = services.year_open(actor=justice, year=draft, units=[unit_a, unit_b])
    market = services.committee_create(
        actor=justice, committee=Committee(year=year, unit=unit_a), members=[users[name] for name in MEMBERS]
    )
    land = services.committee_create(
        actor=justice, committee=Committee(year=year, unit=unit_b), members=[users["committee_b"]]
    )
    services.year_start_scoring(actor=justice, year=year)
    return year, Committee.objects.get(pk=market.pk), Committee.objects.get(pk=land.pk)


def open_committee(browser, year, committee, name):
    """From the member's home page, through the year, to the committee's page."""
    page = browser.page
    browser.submit(page.locator("main .duty-card a[href='/assessments/']"), f"{name}-years")
    browser.submit(page.locator(f"table a[href='/assessments/{year.pk}/']"), f"{name}-year")
    browser.submit(page.locator(f"[data-committee='{committee.pk}'] a"), f"{name}-committee")


def row(page, person):
    return page.locator(f"tr[data-person='{person}']")


def type_scores(page, values):
    for label, value in zip(LABELS, values, strict=True):
        page.get_by_label(label).fill(value)


def score(browser, person, values, name):
    """Open the lawyer's score page from the committee's, type the scores, see the total, save."""
    page = browser.page
    browser.submit(row(page, person).get_by_role("link", name="评分", exact=True), f"{name}-score-{person}")
    type_scores(page, values)
    expected = sum(Decimal(v) * w for v, w in zip(values, (40, 30, 30), strict=True)) / 100
    assert page.locator("[data-weighted-total]").inner_text() == f"{expected:.2f}"
    browser.submit(page.get_by_role("button", name="保存"), f"{name}-saved-{person}")
    assert "您的评分已保存。" in page.locator(".alert-success").inner_text()
    assert row(page, person).locator(".own-total").inner_text() == f"{expected:.2f}"


def submit_scores(browser, name):
    page = browser.page
    browser.submit(page.get_by_role("button", name="提交我的评分"), f"{name}-submitted")
    assert "您的评分已提交，不能再修改。" in page.locator(".alert-success").inner_text()
    assert page.get_by_role("button", name="提交我的评分").count() == 0


def review(browser, committee, decision, comment, name):
    """The justice bureau, told by a notice, opens the committee's evaluation and records a decision."""
    page = browser.page
    browser.submit(page.locator("nav a[href='/notices/']"), f"{name}-notices")
    browser.submit(page.locator("main a").filter(has_text=str(committee)).first, f"{name}-committee")
    browser.submit(page.get_by_role("link", name="审核", exact=True), f"{name}-review")
    # Every proposed grade, with its score; nothing decided for the clerk.
    for person, grade in (("甲", "优秀"), ("乙", "称职"), ("丙", "称职")):
        assert row(page, person).locator(".proposed").inner_text() == grade
    assert page.locator("input[name='decision']:checked").count() == 0
    page.get_by_label(decision, exact=True).check()
    page.get_by_label("意见", exact=True).fill(comment)
    browser.submit(page.get_by_role("button", name="登记审核结论"), f"{name}-decided")


def test_a_committee_of_five_scores_a_year_with_one_return_and_a_small_unit_gets_an_excellent_place(
    browser, users, year_being_scored
):
    year, committee, land = year_being_scored
    page = browser.page
    browser.give_authenticator(users["justice"])

    # The justice bureau shares the county's places: proportionally the natural-resources bureau's four
    # lawyers would hold the one place; the bureau gives it to the market regulator's three.
    browser.login("justice", PASSWORD)
    browser.submit(page.locator("main .duty-card a[href='/assessments/']"), "justice-years")
    browser.submit(page.locator(f"table a[href='/assessments/{year.pk}/']"), "justice-year")
    assert "全县统筹（由县司法局向各考核评定工作机构分配名额）" in page.locator("[data-quota-pool]").inner_text()
    assert "20%（四舍五入）" in page.locator("[data-quota]").inner_text()
    browser.submit(page.get_by_role("link", name="分配优秀名额"), "places")
    assert (
        "全县优秀名额1个：参加考核的7名公职律师的20%，四舍五入。" in page.locator("[data-county-places]").inner_text()
    )
    market_places = page.get_by_label("城固县市场监督管理局", exact=True)
    land_places = page.get_by_label("城固县自然资源局", exact=True)
    assert (market_places.input_value(), land_places.input_value()) == ("0", "1")
    market_places.fill("1")
    land_places.fill("0")
    browser.submit(page.get_by_role("button", name="保存"), "places-saved")
    assert "优秀名额已分配。" in page.locator(".alert-success").inner_text()
    browser.logout()

    # The first member: each criterion out of 100 with its weight; the total as they type.
    browser.login("committee_a", PASSWORD)
    open_committee(browser, year, committee, "first")
    assert "全县统筹：县司法局分配给本考核评定工作机构1个名额，已提出0名" in page.locator("[data-quota]").inner_text()
    browser.submit(row(page, "甲").get_by_role("link", name="评分", exact=True), "first-score-form")
    # Read as the maximum, the weights would be typed as 36/27/27 "for 90 %": the total says 30.60 at once.
    type_scores(page, ("36", "27", "27"))
    assert page.locator("[data-weighted-total]").inner_text() == "30.60"
    type_scores(page, ("120", "92", "88"))
    assert page.locator("[data-weighted-total]").inner_text() == "—"
    browser.submit(page.get_by_role("button", name="保存"), "first-score-refused")
    assert "您输入的是“120”：分数应为0至100之间的数字，最多两位小数。" in page.locator(".invalid-feedback").inner_text()
    assert page.get_by_label(LABELS[0]).input_value() == "120"
    type_scores(page, FIRST_MEMBER["甲"])
    assert page.locator("[data-weighted-total]").inner_text() == "90.00"
    browser.submit(page.get_by_role("button", name="保存"), "first-saved-甲")
    for person in ("乙", "丙"):
        score(browser, person, FIRST_MEMBER[person], "first")
    submit_scores(browser, "first")
    # Submitted: read-only, and the others' scores are not shown, nor a committee score yet.
    assert row(page, "甲").locator(".committee-score").inner_text() == "全体成员提交后可见"
    browser.submit(row(page, "甲").get_by_role("link", name="我的评分"), "first-read-only")
    assert page.get_by_role("button", name="保存").count() == 0
    assert "您已提交评分，不能再修改。" in page.locator("[data-closed]").inner_text()
    assert page.locator("[data-my-total]").inner_text() == "90.00"
    assert page.locator("[data-others-hidden]").inner_text() == "初评报送后，方可查看其他成员的评分。"
    browser.submit(page.get_by_role("link", name="返回考核评定工作机构"), "first-back")
    browser.logout()

    # The four other members score in their own browsers' sessions.
    for name, value in OTHER_MEMBERS.items():
        browser.login(name, PASSWORD)
        open_committee(browser, year, committee, name)
        for person in ("甲", "乙", "丙"):
            score(browser, person, (value, value, value), name)
        submit_scores(browser, name)
        browser.logout()

    # Every member has submitted: the committee scores, the grades they suggest, and no grade chosen for
    # the committee until it chooses.
    browser.login("committee_a", PASSWORD)
    open_committee(browser, year, committee, "proposals")
    for person, expected in COMMITTEE_SCORES.items():
        assert row(page, person).locator(".committee-score").inner_text() == expected
    assert row(page, "甲").locator(".suggested").inner_text() == "优秀"
    for person, grade in (("甲", "优秀"), ("乙", "称职"), ("丙", "称职")):
        browser.submit(row(page, person).get_by_role("link", name="提出等次"), f"propose-{person}")
        grade_field = page.get_by_label("初评等次")
        assert grade_field.locator("option:checked").inner_text() == "请选择"
        grade_field.select_option(label=grade)
        page.get_by_label("考核评定工作机构意见", exact=True).fill(COMMENTS if grade == "优秀" else "履职认真。")
        page.get_by_label("建议续聘").select_option(label="是")
        browser.submit(page.get_by_role("button", name="保存"), f"proposed-{person}")
        assert row(page, person).locator(".proposed").inner_text() == grade
    assert "已提出1名" in page.locator("[data-quota]").inner_text()
    browser.submit(page.get_by_role("button", name="提交初评"), "evaluation-submitted")
    assert "初评已报送县司法局。" in page.locator(".alert-success").inner_text()
    assert page.locator("[data-status]").get_attribute("data-status") == "submitted"
    # The evaluation is made: the other members' scores now show.
    browser.submit(row(page, "甲").get_by_role("link", name="我的评分"), "scores-after-evaluation")
    assert page.locator("#other-scores .score-row").count() == 4
    browser.logout()

    # The justice bureau returns the evaluation with its reason.
    browser.login("justice", PASSWORD)
    review(browser, committee, "退回考核评定工作机构", REASON, "return")
    assert page.locator("[data-status]").get_attribute("data-status") == "returned"
    assert "初评已退回，考核评定工作机构将重新评分。" in page.locator(".alert-success").inner_text()
    browser.logout()

    # The scoring reopens: the reason on the committee's page and on the score page, the scores editable.
    browser.login("committee_a", PASSWORD)
    browser.submit(page.locator("nav a[href='/notices/']"), "returned-notices")
    browser.submit(page.locator("main a").filter(has_text=str(committee)).first, "returned-committee")
    assert REASON in page.locator("[data-return-reason]").inner_text()
    assert "评分已重新开放" in page.locator("[data-returned]").inner_text()
    browser.submit(row(page, "乙").get_by_role("link", name="评分", exact=True), "rescore-form")
    assert REASON in page.locator("[data-return-reason]").inner_text()
    assert page.get_by_label(LABELS[0]).input_value() == "85.00"
    type_scores(page, RESCORED["乙"])
    assert page.locator("[data-weighted-total]").inner_text() == "75.00"
    browser.submit(page.get_by_role("button", name="保存"), "rescored")
    submit_scores(browser, "first-again")
    browser.logout()
    for name in OTHER_MEMBERS:
        browser.login(name, PASSWORD)
        open_committee(browser, year, committee, f"{name}-again")
        assert REASON in page.locator("[data-return-reason]").inner_text()
        submit_scores(browser, f"{name}-again")
        browser.logout()
    browser.login("committee_a", PASSWORD)
    open_committee(browser, year, committee, "resubmit")
    assert row(page, "乙").locator(".committee-score").inner_text() == REVISED_SCORE
    browser.submit(page.get_by_role("button", name="提交初评"), "evaluation-resubmitted")
    assert page.locator("[data-status]").get_attribute("data-status") == "submitted"
    browser.logout()

    # The justice bureau confirms and publishes.
    browser.login("justice", PASSWORD)
    review(browser, committee, "确认并公布", "同意考核评定工作机构初评意见。", "confirm")
    assert page.locator("[data-status]").get_attribute("data-status") == "published"
    browser.logout()

    # 甲 reads the result: 优秀, a place of the county's quota in a unit of three lawyers.
    browser.login("jia", PASSWORD)
    page.locator("nav .dropdown-toggle").filter(has_text="我的工作").click()
    browser.submit(page.locator("nav a[href='/assessments/mine/']"), "my-results")
    result = Assessment.objects.get(committee=committee, person__name="甲")
    browser.submit(page.locator(f"table a[href='/assessments/results/{result.pk}/']"), "my-result")
    assert page.locator("#grade").inner_text().strip() == "优秀"
    assert page.locator("#comments").inner_text().strip() == COMMENTS
    assert COMMITTEE_SCORES["甲"] in page.locator("main").inner_text()
    result.refresh_from_db()
    assert (result.proposed_grade, str(result.score)) == ("excellent", COMMITTEE_SCORES["甲"])
    assert Committee.objects.get(pk=committee.pk).excellent_places == 1
    assert Committee.objects.get(pk=land.pk).excellent_places == 0
