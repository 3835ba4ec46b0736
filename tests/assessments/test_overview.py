"""The county's view of a year (issue item 7): grades by unit and by system, the lawyers failed and why, the
units not yet finished — the same on the page and in its export, published results only."""

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.choices import Grade
from matters import services as matter_services
from tests.matters.factories import assign, make_matter

from .conftest import score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_a(committees, users, lawyers):
    """Committee A published: 甲 refused an assignment without a proper reason (failed), 乙 and 丙 competent;
    committee B still scoring."""
    a, _b = committees
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    (assignment,) = assign(users["officer_a"], make_matter(users["officer_a"]), lawyers[0])
    matter_services.assignment_decline(actor=lawyer, assignment=assignment, reason="太忙")
    matter_services.assignment_rule(actor=users["officer_a"], assignment=assignment, ruling="unjustified", note="无")
    for name in ("committee_a", "committee_a2"):
        score_all(users[name], a, D(85))
        services.scores_submit(actor=users[name], committee=a)
    for assessment in a.assessments.all():
        grade = Grade.INCOMPETENT if assessment.person_id == lawyers[0].pk else Grade.COMPETENT
        services.proposal_save(
            actor=users["committee_a"], assessment=assessment, proposed_grade=grade, comments="", recommended=True
        )
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    return a


def test_it_counts_published_grades_by_unit_and_system_and_names_the_failed_and_why(login, published_a, unit_a):
    context = login("county").get(reverse("assessments:overview", args=[published_a.year.pk])).context
    (row,) = context["by_unit"]
    assert (row.label, row.cells) == (unit_a.name, [0, 2, 0, 1])
    (system,) = context["by_system"]
    assert (str(system.label), system.cells) == ("Local management", [0, 2, 0, 1])
    assert context["total"].cells == [0, 2, 0, 1]
    (failed,) = context["failed"]
    assert failed.person.name == "甲" and failed.rule_note == "Refused an assignment without a proper reason"
    assert [unit.name for unit in context["unfinished"]] == ["城固县自然资源局"]


def test_it_exports_what_the_overview_page_shows(login, published_a, unit_a):
    response = login("justice").get(reverse("assessments:overview_export", args=[published_a.year.pk]))
    rows = [
        list(row)
        for row in load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    ]
    assert [unit_a.name, 0, 2, 0, 1, 3] in rows
    failed = next(row for row in rows if row[0] == "甲")
    assert failed[1] == unit_a.name and failed[3] == "Refused an assignment without a proper reason"
    heading = next(index for index, row in enumerate(rows) if row[0] == "Units not yet finished")
    assert rows[heading + 1][0] == "城固县自然资源局"


def test_it_counts_nothing_before_publication(login, committees):
    a, _b = committees
    context = login("county").get(reverse("assessments:overview", args=[a.year.pk])).context
    assert context["by_unit"] == [] and context["failed"] == [] and len(context["unfinished"]) == 2
