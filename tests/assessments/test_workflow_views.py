"""The workflow pages that had only service tests: starting the scoring, the rules, forming a committee,
proposing, the initial evaluation, the civil-servant grade and answering an objection — each tried
anonymous, by the wrong role, by the right role and from the other unit."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from assessments import services
from assessments.choices import CommitteeStatus, YearStatus
from assessments.models import Assessment, AssessmentYear, Committee, Objection

from .conftest import score_all
from .test_views import publish

pytestmark = pytest.mark.django_db


def test_it_starts_scoring_only_for_the_bureau_and_only_with_every_committee(login, year, users, unit_a, unit_b):
    url = reverse("assessments:year_start", args=[year.pk])
    assert login(None).post(url).status_code == 302
    for name in ("officer_a", "committee_a", "lawyer_a"):
        assert login(name).post(url).status_code == 403
    client = login("justice")
    page = client.post(url, follow=True).content.decode()
    assert "These units have no committee yet" in page
    assert AssessmentYear.objects.get(pk=year.pk).status == YearStatus.OPEN
    for unit, member in ((unit_a, "committee_a"), (unit_b, "committee_b")):
        services.committee_create(
            actor=users["justice"], committee=Committee(year=year, unit=unit), members=[users[member]]
        )
    page = client.post(url, follow=True).content.decode()
    assert "Scoring has started" in page
    assert AssessmentYear.objects.get(pk=year.pk).status == YearStatus.SCORING


def test_it_guards_the_rules_page_and_refuses_edits_once_scoring_started(login, committees):
    year = committees[0].year
    url = reverse("assessments:year_rules", args=[year.pk])
    assert login(None).get(url).status_code == 302
    assert login("officer_a").get(url).status_code == 403
    assert login("committee_a").get(url).status_code == 403
    client = login("justice")
    assert client.get(url).status_code == 200
    criteria = list(year.criteria.all())
    data = {
        "criteria-TOTAL_FORMS": len(criteria),
        "criteria-INITIAL_FORMS": len(criteria),
        "criteria-MIN_NUM_FORMS": 1,
        "criteria-MAX_NUM_FORMS": 1000,
        "scale-TOTAL_FORMS": 0,
        "scale-INITIAL_FORMS": 0,
        "scale-MIN_NUM_FORMS": 0,
        "scale-MAX_NUM_FORMS": 1000,
    }
    for i, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-id": criterion.pk,
                f"criteria-{i}-name": criterion.name,
                f"criteria-{i}-weight": "99",
                f"criteria-{i}-position": i,
            }
        )
    page = client.post(url, data).content.decode()
    assert "can change only while the year is open" in page
    assert not year.criteria.filter(weight=99).exists()


def test_it_lets_an_officer_form_only_their_own_units_committee(login, year, users, unit_a, unit_b):
    url = reverse("assessments:committee_create")
    assert login(None).get(url).status_code == 302
    assert login("lawyer_a").get(url).status_code == 403
    assert login("committee_a").get(url).status_code == 403
    client = login("officer_a")
    page = client.get(url).content.decode()
    assert unit_a.name in page and unit_b.name not in page
    refused = client.post(url, {"year": year.pk, "unit": unit_b.pk, "members": [users["committee_b"].pk]})
    assert refused.status_code == 200 and not Committee.objects.exists()
    response = client.post(url, {"year": year.pk, "unit": unit_a.pk, "members": [users["committee_a"].pk]})
    assert response.status_code == 302
    assert Committee.objects.get().unit == unit_a


def test_it_takes_a_members_proposal_and_hides_it_from_other_committees(login, committees, users):
    a, _b = committees
    assessment = a.assessments.first()
    url = reverse("assessments:propose", args=[assessment.pk])
    assert login(None).get(url).status_code == 302
    assert login("officer_a").get(url).status_code == 403
    assert login("committee_b").get(url).status_code == 404
    client = login("committee_a")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"proposed_grade": "genius", "comments": "", "recommended": "yes"})
    assert bad.status_code == 200 and Assessment.objects.get(pk=assessment.pk).proposed_grade == ""
    response = client.post(url, {"proposed_grade": "competent", "comments": "履职认真", "recommended": "yes"})
    assert response.status_code == 302
    saved = Assessment.objects.get(pk=assessment.pk)
    assert (saved.proposed_grade, saved.comments, saved.recommended) == ("competent", "履职认真", True)


def test_it_submits_the_initial_evaluation_from_the_page_once_every_member_has(login, committees, users):
    a, _b = committees
    url = reverse("assessments:evaluation_submit", args=[a.pk])
    assert login(None).post(url).status_code == 302
    assert login("officer_a").post(url).status_code == 403
    assert login("committee_b").post(url).status_code == 404
    client = login("committee_a")
    page = client.post(url, follow=True).content.decode()
    assert "Every member must submit their scores first" in page
    assert Committee.objects.get(pk=a.pk).status == CommitteeStatus.SCORING
    for name in ("committee_a", "committee_a2"):
        score_all(users[name], a, D(80))
        services.scores_submit(actor=users[name], committee=a)
    for assessment in a.assessments.all():
        services.proposal_save(
            actor=users["committee_a"], assessment=assessment, proposed_grade="competent", comments="", recommended=True
        )
    page = client.post(url, follow=True).content.decode()
    assert "submitted to the justice bureau" in page
    assert Committee.objects.get(pk=a.pk).status == CommitteeStatus.SUBMITTED


def test_it_takes_the_civil_servant_grade_from_the_units_own_officer(login, committees):
    a, _b = committees
    assessment = a.assessments.first()
    url = reverse("assessments:civil_grade", args=[assessment.pk])
    assert login(None).get(url).status_code == 302
    assert login("committee_a").get(url).status_code == 403
    assert login("county").get(url).status_code == 403
    assert login("officer_b").get(url).status_code == 404
    client = login("officer_a")
    assert client.get(url).status_code == 200
    assert client.post(url, {"grade": "excellent"}).status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).civil_servant_grade == "excellent"


def test_it_lets_a_member_answer_an_objection_once(login, committees, users, lawyers):
    a, _b = committees
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    publish(users, a, ["committee_a", "committee_a2"])
    assessment = a.assessments.get(person=lawyers[0])
    objection = services.objection_file(actor=lawyer, assessment=assessment, text="评分偏低")
    url = reverse("assessments:answer", args=[objection.pk])
    assert login(None).get(url).status_code == 302
    assert login("officer_a").get(url).status_code == 403
    assert login("lawyer_a").get(url).status_code == 403
    assert login("committee_b").get(url).status_code == 404
    client = login("committee_a")
    assert client.get(url).status_code == 200
    assert client.post(url, {"answer": "经复核，维持原评定。"}).status_code == 302
    assert Objection.objects.get(pk=objection.pk).answered_by == users["committee_a"]
    again = client.post(url, {"answer": "再答一次"})
    assert "already been answered" in again.content.decode()
    assert Objection.objects.get(pk=objection.pk).answer == "经复核，维持原评定。"
