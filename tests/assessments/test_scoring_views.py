"""The scoring pages read in Chinese, as a committee member and a justice-bureau clerk read them: the score form
with each criterion out of 100 and its weight in percent, read-only once submitted, other members' scores
hidden until the evaluation is made, a return that reopens the scoring with its reason, no grade or decision
chosen for anyone, the review page listing every proposed grade, the county's places and the year's settings.
Each page is tried anonymous, by the wrong role, by the right role and from the other unit."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from assessments import services
from assessments.choices import CommitteeStatus, Grade
from assessments.models import AssessmentYear, Committee, Score
from chenggu_lawyers.models import AuditEvent

from .conftest import score_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    """Overrides the package's English: these pages are checked in the Chinese a county clerk reads."""


def score_data(committee, values):
    criteria = list(committee.year.criteria.order_by("position"))
    return {f"c{criterion.pk}": value for criterion, value in zip(criteria, values, strict=True)}


def page_of(response) -> str:
    return response.content.decode()


def submitted_for_review(users, committee, grades=None):
    grades = grades or {}
    for name in ("committee_a", "committee_a2"):
        score_all(users[name], committee, D(80))
        services.scores_submit(actor=users[name], committee=committee)
    for assessment in committee.assessments.select_related("person"):
        services.proposal_save(
            actor=users["committee_a"],
            assessment=assessment,
            proposed_grade=grades.get(assessment.person.name, Grade.COMPETENT),
            comments=f"{assessment.person.name}的评语",
            recommended=True,
        )
    services.evaluation_submit(actor=users["committee_a"], committee=committee)
    return Committee.objects.get(pk=committee.pk)


def test_it_labels_each_criterion_out_of_100_with_its_weight_in_percent(login, committees, users):
    # Labelled "工作完成情况 (40.00)", members read 40 as the maximum and typed 36/27/27 meaning 90 %.
    a, _b = committees
    assessment = a.assessments.get(person__name="甲")
    url = reverse("assessments:score", args=[assessment.pk])
    assert login(None).get(url).status_code == 302
    assert login("officer_a").get(url).status_code == 403
    assert login("committee_b").get(url).status_code == 404
    client = login("committee_a")
    page = page_of(client.get(url))
    for label in ("工作完成情况（满分100，权重40%）", "工作效率（满分100，权重30%）", "服务质量（满分100，权重30%）"):
        assert label in page
    assert "40.00)" not in page and "（40.00）" not in page
    # The live total's script, served by the portal, and the weights it needs.
    assert 'src="/static/js/score_total.js"' in page
    assert page.count('data-weight="40.00"') == 1 and page.count('data-weight="30.00"') == 2
    assert client.post(url, score_data(a, ["90", "90", "90"])).status_code == 302
    committee_page = page_of(client.get(reverse("assessments:committee_detail", args=[a.pk])))
    assert re.search(r'data-person="甲">.*?<td class="own-total">90.00</td>', committee_page, re.S)


def test_it_shows_a_refused_score_with_what_was_typed_in_chinese(login, committees, users):
    a, _b = committees
    assessment = a.assessments.get(person__name="甲")
    url = reverse("assessments:score", args=[assessment.pk])
    client = login("committee_a")
    response = client.post(url, score_data(a, ["120", "九十", ""]))
    page = page_of(response)
    assert response.status_code == 200
    assert "您输入的是“120”：分数应为0至100之间的数字，最多两位小数。" in page
    assert "您输入的是“九十”" in page and "请为本项打分（0至100分）。" in page
    assert 'value="120"' in page and 'value="九十"' in page
    assert not Score.objects.filter(assessment=assessment).exists()
    # Full-width digits typed with a Chinese input method are digits.
    assert client.post(url, score_data(a, ["９２", "88.5", "90"])).status_code == 302
    values = Score.objects.filter(assessment=assessment).order_by("criterion__position")
    assert list(values.values_list("value", flat=True)) == [D(92), D("88.5"), D(90)]


def test_it_shows_the_score_page_read_only_once_the_member_has_submitted(login, committees, users):
    # The dead end: a 保存 button that then answered "您已提交评分".
    a, _b = committees
    score_all(users["committee_a"], a, D(85))
    services.scores_submit(actor=users["committee_a"], committee=a)
    assessment = a.assessments.get(person__name="甲")
    url = reverse("assessments:score", args=[assessment.pk])
    client = login("committee_a")
    page = page_of(client.get(url))
    assert "data-score-form" not in page and "保存" not in page
    assert "您已提交评分，不能再修改。" in page
    assert re.search(r"工作完成情况（满分100，权重40%）</th><td[^>]*>85.00</td>", page)
    assert "data-my-total>85.00<" in page
    # A form opened before submitting and saved after it: the refusal, and nothing changed.
    response = client.post(url, score_data(a, ["60", "60", "60"]), follow=True)
    assert response.redirect_chain[-1][0] == url and "您已提交评分，不能再修改。" in page_of(response)
    assert set(Score.objects.filter(member=users["committee_a"]).values_list("value", flat=True)) == {D(85)}
    committee_page = page_of(client.get(reverse("assessments:committee_detail", args=[a.pk])))
    assert "提交我的评分" not in committee_page and "我的评分" in committee_page


def test_it_hides_other_members_scores_until_the_committees_evaluation_is_made(login, committees, users):
    # A member who had submitted saw the others' unsubmitted scores.
    a, _b = committees
    score_all(users["committee_a2"], a, D(90))
    services.scores_submit(actor=users["committee_a2"], committee=a)
    score_all(users["committee_a"], a, D(70))
    assessment = a.assessments.get(person__name="甲")
    score_url = reverse("assessments:score", args=[assessment.pk])
    committee_url = reverse("assessments:committee_detail", args=[a.pk])
    first, second = login("committee_a"), login("committee_a2")
    for client in (first, second):
        score_page = page_of(client.get(score_url))
        assert "data-others-hidden" in score_page and 'class="score-row"' not in score_page
    assert "90.00" not in page_of(first.get(score_url)) and "70.00" not in page_of(second.get(score_url))
    # No committee score either, which with two members would tell one the other's total.
    assert "90.00" not in page_of(first.get(committee_url)) and "全体成员提交后可见" in page_of(
        first.get(committee_url)
    )
    assert "70.00" not in page_of(second.get(committee_url))
    services.scores_submit(actor=users["committee_a"], committee=a)
    assert re.search(r'<td class="committee-score">80.00</td>', page_of(first.get(committee_url)))
    assert "data-others-hidden" in page_of(first.get(score_url))
    for each in a.assessments.all():
        services.proposal_save(
            actor=users["committee_a"], assessment=each, proposed_grade="competent", comments="", recommended=True
        )
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    score_page = page_of(first.get(score_url))
    assert 'class="score-row"' in score_page and "90.00" in score_page


def test_it_reopens_scoring_with_the_bureaus_reason_when_an_evaluation_is_returned(login, committees, users):
    # After a return the score page offered 保存 and then refused it ("您已提交评分"): a dead end.
    a = submitted_for_review(users, committees[0])
    reason = "甲的办结事项与评分不符，请复核后重新评分。"
    review = login("justice").post(
        reverse("assessments:committee_review", args=[a.pk]), {"decision": "return", "comment": reason}
    )
    assert review.status_code == 302
    client = login("committee_a")
    committee_page = page_of(client.get(reverse("assessments:committee_detail", args=[a.pk])))
    assert "县司法局退回了初评。" in committee_page and reason in committee_page
    assert "评分已重新开放" in committee_page and "提交我的评分" in committee_page
    assessment = a.assessments.get(person__name="甲")
    url = reverse("assessments:score", args=[assessment.pk])
    score_page = page_of(client.get(url))
    assert reason in score_page and "data-score-form" in score_page and "保存" in score_page
    response = client.post(url, score_data(a, ["70", "70", "70"]), follow=True)
    assert "您的评分已保存。" in page_of(response)
    assert set(assessment.scores.filter(member=users["committee_a"]).values_list("value", flat=True)) == {D(70)}
    for name in ("committee_a", "committee_a2"):
        login(name).post(reverse("assessments:scores_submit", args=[a.pk]))
    page = page_of(client.post(reverse("assessments:evaluation_submit", args=[a.pk]), follow=True))
    assert "初评已报送县司法局" in page
    assert Committee.objects.get(pk=a.pk).status == CommitteeStatus.SUBMITTED


def test_it_proposes_no_grade_until_the_member_chooses(login, committees, users):
    # The grade proposal defaulted to 优秀.
    a, _b = committees
    assessment = a.assessments.get(person__name="甲")
    url = reverse("assessments:propose", args=[assessment.pk])
    client = login("committee_a")
    page = page_of(client.get(url))
    grade_select = re.search(r'<select name="proposed_grade".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="" selected>请选择</option>', grade_select)
    assert grade_select.count("selected") == 1
    recommended = re.search(r'<select name="recommended".*?</select>', page, re.S).group(0)
    assert recommended.count("selected") == 1 and 'value="" selected' in recommended
    response = client.post(url, {"proposed_grade": "", "comments": "", "recommended": ""})
    assert "请选择初评等次。" in page_of(response) and "请选择是否建议续聘。" in page_of(response)
    assert a.assessments.get(pk=assessment.pk).proposed_grade == ""
    # A lawyer whose civil-servant grade this year is 不称职 is not offered 优秀.
    services.civil_grade_save(actor=users["officer_a"], assessment=assessment, grade="incompetent")
    page = page_of(client.get(url))
    assert 'value="excellent"' not in page and "本年度公务员年度考核不称职：不得评为优秀" in page


def test_it_lists_every_proposed_grade_for_the_bureau_with_no_decision_chosen(
    login, committees, users, django_assert_num_queries
):
    # The review page showed no grade and defaulted to 确认并公布.
    a = submitted_for_review(users, committees[0], grades={"甲": Grade.EXCELLENT, "丙": Grade.BASICALLY_COMPETENT})
    url = reverse("assessments:committee_review", args=[a.pk])
    assert login(None).get(url).status_code == 302
    for wrong_role in ("county", "officer_a", "committee_a"):
        assert login(wrong_role).get(url).status_code == 403
    client = login("justice")
    # session, user; committee with its year and unit; assessments with people and units; fact sheet (matters,
    # training plan, hours/overtime/discipline); scale
    with django_assert_num_queries(8):
        page = page_of(client.get(url))
    for name, grade in (("甲", "优秀"), ("乙", "称职"), ("丙", "基本称职")):
        row = re.search(rf'<tr data-person="{name}">.*?</tr>', page, re.S).group(0)
        assert f'<td class="proposed fw-semibold">{grade}</td>' in row and f"{name}的评语" in row
        assert '<td class="committee-score">80.00</td>' in row
    assert "优秀1名" in page and "全县统筹：县司法局分配给本考核评定工作机构1个名额，已提出1名" in page
    assert page.count('type="radio"') == 2 and 'name="decision"' in page and "checked" not in page
    refused = page_of(client.post(url, {"comment": ""}))
    assert "请选择确认公布或退回。" in refused
    refused = page_of(client.post(url, {"decision": "return", "comment": " "}))
    assert "请说明退回初评的理由。" in refused
    assert Committee.objects.get(pk=a.pk).status == CommitteeStatus.SUBMITTED
    assert client.post(url, {"decision": "confirm", "comment": ""}).status_code == 302
    # Opened again once handled: it says so, with the current state, not 403.
    again = client.get(url, follow=True)
    assert again.redirect_chain[-1][0] == a.get_absolute_url() and "已处理：该初评当前状态为“已公布”。" in page_of(
        again
    )


def test_it_lets_the_bureau_share_the_countys_places(login, committees, users, django_assert_num_queries):
    a, b = committees
    url = reverse("assessments:year_places", args=[a.year_id])
    assert login(None).get(url).status_code == 302
    for wrong_role in ("county", "officer_a", "committee_a", "lawyer_a"):
        assert login(wrong_role).get(url).status_code == 403
    client = login("justice")
    # session, user; year; committees with their years, units, lawyers and excellent counts; the county's lawyers
    with django_assert_num_queries(5):
        page = page_of(client.get(url))
    assert "全县优秀名额1个：参加考核的4名公职律师的20%，四舍五入。" in page
    assert re.search(rf'data-committee="{a.pk}">.*?<td>3</td><td>0.75</td>', page, re.S)
    refused = page_of(client.post(url, {f"p{a.pk}": "1", f"p{b.pk}": "1"}))
    assert "已分配2个名额，全县名额只有1个。" in refused
    refused = page_of(client.post(url, {f"p{a.pk}": "", f"p{b.pk}": "2"}))
    assert "请填写名额（没有名额填0）。" in refused and "名额最多1个（不超过其公职律师人数）。" in refused
    assert client.post(url, {f"p{a.pk}": "0", f"p{b.pk}": "1"}).status_code == 302
    assert list(Committee.objects.order_by("pk").values_list("excellent_places", flat=True)) == [0, 1]
    assert AuditEvent.objects.filter(object_type="assessments.committee", action="update", actor=users["justice"])


def test_it_edits_the_years_quota_and_rules_on_its_settings_page(login, committees, users):
    year = AssessmentYear.objects.get(pk=committees[0].year_id)
    url = reverse("assessments:year_settings", args=[year.pk])
    assert login(None).get(url).status_code == 302
    for wrong_role in ("officer_a", "committee_a", "lawyer_a", "bar"):
        assert login(wrong_role).get(url).status_code == 403
    client = login("justice")
    page = page_of(client.get(url))
    for words in ("全县统筹（由县司法局向各考核评定工作机构分配名额）", "按单位", "四舍五入", "向上取整", "向下取整"):
        assert words in page
    assert "同年度公务员年度考核不称职的，不得评为优秀" in page
    data = {
        "period_start": f"{year.year}-01-01",
        "period_end": f"{year.year}-12-31",
        "scoring_deadline": f"{year.year}-12-20",
        "review_deadline": f"{year.year}-12-31",
        "excellent_quota_percent": "20",
        "quota_pool": "county",
        "quota_rounding": "ceiling",
        "rule_refusal_fails": "on",
        "rule_discipline_bars_excellent": "on",
    }
    assert client.post(url, data).status_code == 302
    year.refresh_from_db()
    assert (year.quota_rounding, year.rule_civil_grade_bars_excellent) == ("ceiling", False)
    event = AuditEvent.objects.filter(object_type="assessments.assessmentyear", action="update").latest("at")
    assert event.actor == users["justice"] and event.changes["after"]["quota_rounding"] == "ceiling"
    detail = page_of(client.get(year.get_absolute_url()))
    assert "20%（向上取整）" in detail and "全县名额1个" in detail
    assert "无正当理由拒绝承办指派事项的，考核结果为不合格" in detail
    assert "同年度公务员年度考核不称职的，不得评为优秀" not in detail
    AssessmentYear.objects.filter(pk=year.pk).update(status="published")
    refused = client.post(url, {**data, "quota_rounding": "floor"})
    assert refused.status_code == 200 and "该年度考核结果已公布，年度设置不能再修改。" in page_of(refused)
    assert AssessmentYear.objects.get(pk=year.pk).quota_rounding == "ceiling"
