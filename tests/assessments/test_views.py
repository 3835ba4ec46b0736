"""Pages: who may open them, what they show, and their query counts."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.choices import Grade
from assessments.models import Committee, Score

from .conftest import score_all

pytestmark = pytest.mark.django_db


def publish(users, committee, members, grade=Grade.COMPETENT):
    for name in members:
        score_all(users[name], committee, D(80))
        services.scores_submit(actor=users[name], committee=committee)
    for assessment in committee.assessments.all():
        services.proposal_save(
            actor=users[members[0]], assessment=assessment, proposed_grade=grade, comments="认真负责", recommended=True
        )
    services.evaluation_submit(actor=users[members[0]], committee=committee)
    services.committee_review(actor=users["justice"], committee=committee, decision="confirm")
    return Committee.objects.get(pk=committee.pk)


def test_it_guards_the_year_pages(login, year):
    url = reverse("assessments:year_detail", args=[year.pk])
    assert login(None).get(url).status_code == 302
    assert login("bar").get(url).status_code == 403
    assert login("officer_a").get(url).status_code == 200
    assert login("county").get(reverse("assessments:year_create")).status_code == 200
    assert login("officer_a").get(reverse("assessments:year_create")).status_code == 403


def test_it_tells_a_unit_not_taking_part_so_and_names_no_other_unit(login, year, users, unit_a, unit_b):
    from tests.conftest import make_unit, make_user

    users["officer_x"] = make_user("officer_x", "unit_officer", make_unit("城固县统计局"))
    client = login("officer_x")
    page = client.get(reverse("assessments:year_detail", args=[year.pk]))
    body = page.content.decode()
    assert page.context["not_taking_part"] and page.context["units"] == [] and not page.context["may_add_committee"]
    assert "data-not-taking-part" in body
    assert unit_a.name not in body and unit_b.name not in body
    # The year's summaries say the same: no taking-part unit in the officer's view.
    summaries = client.get(reverse("assessments:year_summaries", args=[year.pk]))
    assert summaries.context["rows"] == [] and unit_a.name not in summaries.content.decode()


def test_it_shows_a_taking_part_units_officer_its_own_unit_only(login, year, unit_a, unit_b):
    page = login("officer_a").get(reverse("assessments:year_detail", args=[year.pk]))
    assert page.context["units"] == [unit_a] and not page.context["not_taking_part"]
    assert "data-not-taking-part" not in page.content.decode() and page.context["may_add_committee"]
    summaries = login("officer_a").get(reverse("assessments:year_summaries", args=[year.pk]))
    assert [unit for unit, _summary in summaries.context["rows"]] == page.context["units"]
    assert login("county").get(reverse("assessments:year_detail", args=[year.pk])).context["units"] == [unit_a, unit_b]


def test_it_lists_years_in_fixed_queries(login, year, django_assert_num_queries):
    client = login("justice")
    # session, user; count of years, the years page
    with django_assert_num_queries(4):
        response = client.get(reverse("assessments:year_list"))
    assert str(year.year) in response.content.decode()


def test_it_opens_a_year_from_the_form(login, unit_a, users):
    response = login("county").post(
        reverse("assessments:year_create"),
        {
            "year": 2030,
            "period_start": "2030-01-01",
            "period_end": "2030-12-31",
            "scoring_deadline": "2030-12-20",
            "review_deadline": "2030-12-31",
            "excellent_quota_percent": "20",
            "quota_pool": "county",
            "quota_rounding": "half_up",
            "rule_refusal_fails": "on",
            "rule_discipline_bars_excellent": "on",
            "units": [unit_a.pk],
        },
    )
    assert response.status_code == 302
    from assessments.models import AssessmentYear

    year = AssessmentYear.objects.get(year=2030)
    assert year.criteria.count() == 3
    # A box left unticked is a rule switched off for the year.
    assert (year.rule_refusal_fails, year.rule_civil_grade_bars_excellent) == (True, False)


def test_it_refuses_a_period_that_ends_before_it_starts(login, unit_a, users):
    response = login("county").post(
        reverse("assessments:year_create"),
        {
            "year": 2030,
            "period_start": "2030-12-31",
            "period_end": "2030-01-01",
            "scoring_deadline": "2030-12-20",
            "review_deadline": "2030-12-31",
            "excellent_quota_percent": "20",
            "units": [unit_a.pk],
        },
    )
    assert response.status_code == 200
    assert "2030-12-31" in response.content.decode()
    from assessments.models import AssessmentYear

    assert not AssessmentYear.objects.filter(year=2030).exists()


def test_it_edits_the_weights_while_open(login, year):
    criteria = list(year.criteria.all())
    scale = list(year.scale.all())
    data = {
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": len(criteria),
        "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 1000,
        "scale-TOTAL_FORMS": len(scale),
        "scale-INITIAL_FORMS": len(scale),
        "scale-MIN_NUM_FORMS": 0,
        "scale-MAX_NUM_FORMS": 1000,
    }
    for i, c in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-id": c.pk,
                f"criteria-{i}-name": c.name,
                f"criteria-{i}-weight": "50" if i == 0 else "25",
                f"criteria-{i}-position": i,
            }
        )
    for i, level in enumerate(scale):
        data.update(
            {
                f"scale-{i}-id": level.pk,
                f"scale-{i}-grade": level.grade,
                f"scale-{i}-label": level.label,
                f"scale-{i}-min_score": "85" if level.grade == "excellent" else level.min_score,
            }
        )
    response = login("justice").post(reverse("assessments:year_rules", args=[year.pk]), data)
    assert response.status_code == 302
    assert year.criteria.get(position=0).weight == D(50)
    assert year.scale.get(grade="excellent").min_score == D(85)


def test_it_guards_the_committee_page_by_membership(login, committees):
    a, b = committees
    url = reverse("assessments:committee_detail", args=[a.pk])
    assert login(None).get(url).status_code == 302
    assert login("lawyer_a").get(url).status_code == 403
    assert login("committee_b").get(url).status_code == 404
    assert login("officer_b").get(url).status_code == 404
    assert login("committee_a").get(url).status_code == 200
    assert login("officer_a").get(url).status_code == 200


def test_it_shows_a_member_the_committee_score_only_after_submitting(
    login, committees, users, django_assert_num_queries
):
    a, _b = committees
    score_all(users["committee_a2"], a, D(90))
    services.scores_submit(actor=users["committee_a2"], committee=a)
    score_all(users["committee_a"], a, D(70))
    client = login("committee_a")
    url = reverse("assessments:committee_detail", args=[a.pk])
    # session, user; committee with its year and unit; assessments; members; submissions; weights; fact sheet
    # (matters, training plan, hours/overtime/discipline); scale; own scores
    with django_assert_num_queries(12):
        page = client.get(url).content.decode()
    assert "after every member submits" in page and "90.00" not in page
    services.scores_submit(actor=users["committee_a"], committee=a)
    # The same, and the submitted members' scores for the committee score: the count does not grow with rows.
    with django_assert_num_queries(13):
        page = client.get(url).content.decode()
    assert "80.00" in page


def test_it_saves_a_members_scores_from_the_form(login, committees, users):
    a, _b = committees
    assessment = a.assessments.first()
    criteria = list(a.year.criteria.all())
    client = login("committee_a")
    url = reverse("assessments:score", args=[assessment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {f"c{c.pk}": "88" for c in criteria})
    assert response.status_code == 302
    assert Score.objects.filter(assessment=assessment, member=users["committee_a"]).count() == 3
    bad = client.post(url, {f"c{c.pk}": "120" for c in criteria})
    assert bad.status_code == 200
    assert Score.objects.filter(assessment=assessment, value=120).count() == 0
    assert login("committee_b").get(url).status_code == 404
    assert login("officer_a").get(url).status_code == 403


def test_it_says_why_a_member_cannot_submit(login, committees):
    a, _b = committees
    response = login("committee_a").post(reverse("assessments:scores_submit", args=[a.pk]), follow=True)
    assert "Score every criterion" in response.content.decode()


def test_it_lets_the_bureau_return_an_evaluation_from_the_page(login, committees, users):
    a, _b = committees
    for name in ("committee_a", "committee_a2"):
        score_all(users[name], a, D(80))
        services.scores_submit(actor=users[name], committee=a)
    for assessment in a.assessments.all():
        services.proposal_save(
            actor=users["committee_a"], assessment=assessment, proposed_grade="competent", comments="", recommended=True
        )
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    url = reverse("assessments:committee_review", args=[a.pk])
    assert login("county").get(url).status_code == 403
    response = login("justice").post(url, {"decision": "return", "comment": "补充"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == "returned"


def test_it_shows_a_lawyer_their_published_result_and_takes_an_objection(
    login, committees, users, lawyers, django_assert_num_queries
):
    a, _b = committees
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    assessment = a.assessments.get(person=lawyers[0])
    url = reverse("assessments:assessment_detail", args=[assessment.pk])
    client = login("lawyer_a")
    assert client.get(url).status_code == 404
    publish(users, a, ["committee_a", "committee_a2"])
    # session, user; the assessment with its person, unit, committee, year and objection
    with django_assert_num_queries(3):
        page = client.get(url).content.decode()
    assert "认真负责" in page
    other = a.assessments.exclude(pk=assessment.pk).first()
    assert client.get(reverse("assessments:assessment_detail", args=[other.pk])).status_code == 404
    # session, user; count; the results with their years
    with django_assert_num_queries(4):
        mine = client.get(reverse("assessments:my_results")).content.decode()
    assert str(a.year.year) in mine
    response = client.post(reverse("assessments:object", args=[assessment.pk]), {"text": "评分偏低"})
    assert response.status_code == 302
    assert assessment.__class__.objects.get(pk=assessment.pk).objection.text == "评分偏低"


def test_it_gives_the_county_an_overview_and_its_export(login, committees, users, lawyers, django_assert_num_queries):
    a, b = committees
    publish(users, a, ["committee_a", "committee_a2"])
    url = reverse("assessments:overview", args=[a.year.pk])
    assert login("officer_a").get(url).status_code == 403
    client = login("county")
    # session, user; year; distribution; failed lawyers; unfinished units
    with django_assert_num_queries(6):
        page = client.get(url).content.decode()
    assert "城固县市场监督管理局" in page and "城固县自然资源局" in page
    export = client.get(reverse("assessments:overview_export", args=[a.year.pk]))
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_it_exports_the_excellent_list(login, committees, users, lawyers):
    a, _b = committees
    a.year.excellent_quota_percent = D(100)
    a.year.quota_pool = "committee"
    a.year.save()
    publish(users, Committee.objects.get(pk=a.pk), ["committee_a", "committee_a2"], grade=Grade.EXCELLENT)
    url = reverse("assessments:excellent_export", args=[a.year.pk])
    assert login("officer_a").get(url).status_code == 403
    response = login("justice").get(url)
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    names = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert {"甲", "乙", "丙"} <= set(names)
