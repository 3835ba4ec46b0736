"""The matter page with its timeline, and the steps taken from it: who sees which matter, who may take which
step, and what a refused step shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matters import services
from matters.choices import Adoption, AssignmentStatus, MatterStatus, RefusalRuling
from matters.models import Assignment, Matter, OpinionVersion, WorkEntry
from tests.matters.factories import answered, assign, make_matter

pytestmark = pytest.mark.django_db


def detail(matter):
    return reverse("matters:matter_detail", args=[matter.pk])


def matter_action(matter, name):
    return reverse("matters:matter_action", args=[matter.pk, name])


def act(assignment, name):
    return reverse("matters:assignment_action", args=[assignment.pk, name])


@pytest.fixture
def assigned(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    return assignment


def test_who_sees_a_matter(login, users, lawyers, assigned, matter):
    assert login(None).get(detail(matter)).status_code == 302
    for role in ("officer_a", "county", "justice", "lawyer_a"):
        assert login(role).get(detail(matter)).status_code == 200
    # Another unit's officer and lawyer, and a lawyer of the unit not assigned to it, do not.
    for role in ("officer_b", "lawyer_b", "lawyer_a2"):
        assert login(role).get(detail(matter)).status_code == 404
    for role in ("committee_a", "bar", "pool", "auditor", "sysadmin"):
        assert login(role).get(detail(matter)).status_code == 403


def test_the_page_shows_the_timeline_and_every_opinion_version(login, users, lawyers, matter):
    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"], text="第一稿意见")
    services.work_log_add(
        actor=users["lawyer_a"], assignment=assignment, worked_on=timezone.localdate(), hours=2, description="查阅资料"
    )
    services.opinion_submit(actor=users["lawyer_a"], assignment=assignment, text="第二稿意见")
    services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.PARTLY, reason="部分采纳")
    page = login("officer_a").get(detail(matter)).content.decode()
    assert "第一稿意见" in page and "第二稿意见" in page
    assert 'data-opinion-version="1"' in page and 'data-opinion-version="2"' in page
    # Hours as the work log writes them (2, not 2.0), in the timeline and the log alike.
    assert "Opinion version 2 signed by 甲律师" in page and "甲律师 worked 2 h: 查阅资料" in page
    assert " · 2 h · 查阅资料</li>" in page
    assert 'data-adoption="partly"' in page and "部分采纳" in page
    # The closing sits beside the opinion: no edit form is left on a closed matter.
    assert 'data-form="opinion"' not in page and 'data-form="close"' not in page


def test_the_page_costs_the_same_queries_however_much_happened(
    login, users, lawyers, matter, django_assert_num_queries
):
    def count_queries():
        client = login("officer_a")
        # session, user; the matter; its assignments with people, accounts, opinions; their work entries;
        # their opinion versions; the candidates (lawyers, dispatched lawyers, advisors) of the assign form;
        # the guarantees panel's attachments and expense claims
        with django_assert_num_queries(11):
            assert client.get(detail(matter)).status_code == 200

    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"])
    count_queries()
    (second,) = assign(users["officer_a"], matter, lawyers["second"])
    services.assignment_accept(actor=users["lawyer_a2"], assignment=second)
    for text in ("二", "三"):
        services.opinion_submit(actor=users["lawyer_a"], assignment=assignment, text=text)
        services.opinion_submit(actor=users["lawyer_a2"], assignment=second, text=text)
        services.work_log_add(
            actor=users["lawyer_a2"], assignment=second, worked_on=timezone.localdate(), hours=1, description=text
        )
    count_queries()


def test_a_lawyer_sees_their_own_assignment_only(login, users, lawyers, matter, django_assert_num_queries):
    answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"], text="甲的意见")
    answered(users["officer_a"], users["lawyer_a2"], matter, lawyers["second"], text="乙的意见")
    client = login("lawyer_a2")
    # session, user; the matter; the own assignment; its work entries; its opinion versions; the guarantees
    # panel's attachments, expense claims, whether the lawyer may upload, their opinions to attach to, and
    # whether they may claim expenses on the matter
    with django_assert_num_queries(11):
        page = client.get(detail(matter)).content.decode()
    assert "乙的意见" in page and "甲的意见" not in page


def test_the_lawyer_accepts_logs_work_and_submits_from_the_page(login, users, assigned, matter):
    client = login("lawyer_a")
    page = client.get(detail(matter)).content.decode()
    assert act(assigned, "accept") in page and 'data-form="assign"' not in page
    assert client.post(act(assigned, "accept")).status_code == 302
    response = client.post(
        act(assigned, "work"),
        {
            f"work-{assigned.pk}-worked_on": timezone.localdate().isoformat(),
            f"work-{assigned.pk}-hours": "1.5",
            f"work-{assigned.pk}-description": "起草意见",
        },
    )
    assert response.status_code == 302 and WorkEntry.objects.get().description == "起草意见"
    response = client.post(act(assigned, "opinion"), {f"opinion-{assigned.pk}-text": "同意签订。"}, follow=True)
    assert "Version 1 of the opinion was submitted." in response.content.decode()
    assigned.refresh_from_db()
    assert assigned.status == AssignmentStatus.COMPLETED
    assert Matter.objects.get().status == MatterStatus.ANSWERED


def test_a_refused_step_shows_the_message_and_what_was_typed(login, users, assigned, matter):
    client = login("lawyer_a")
    client.post(act(assigned, "accept"))
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        act(assigned, "work"),
        {
            f"work-{assigned.pk}-worked_on": future,
            f"work-{assigned.pk}-hours": "2",
            f"work-{assigned.pk}-description": "未来的工作",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The date cannot be in the future." in page and "未来的工作" in page
    assert not WorkEntry.objects.exists()
    response = client.post(act(assigned, "opinion"), {f"opinion-{assigned.pk}-text": "  "})
    assert response.status_code == 400 and not OpinionVersion.objects.exists()


def test_the_lawyer_declines_with_a_reason_and_the_office_rules(login, users, assigned, matter):
    client = login("lawyer_a")
    response = client.post(act(assigned, "decline"), {f"decline-{assigned.pk}-reason": ""})
    assert response.status_code == 400
    assert Assignment.objects.get().status == AssignmentStatus.PENDING
    assert client.post(act(assigned, "decline"), {f"decline-{assigned.pk}-reason": "利害关系"}).status_code == 302
    # The lawyer cannot rule on the own refusal.
    assert client.post(act(assigned, "rule"), {f"rule-{assigned.pk}-ruling": "justified"}).status_code == 403
    office = login("officer_a")
    assert 'data-form="rule"' in office.get(detail(matter)).content.decode()
    response = office.post(act(assigned, "rule"), {f"rule-{assigned.pk}-ruling": "unjustified"})
    assert response.status_code == 400 and "Give the reason" in response.content.decode()
    response = office.post(
        act(assigned, "rule"), {f"rule-{assigned.pk}-ruling": "unjustified", f"rule-{assigned.pk}-note": "理由不成立"}
    )
    assert response.status_code == 302
    assert Assignment.objects.get().ruling == RefusalRuling.UNJUSTIFIED


def test_nobody_but_the_author_may_touch_an_opinion(login, users, lawyers, matter):
    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"], text="原意见")
    # Another lawyer of the unit (not assigned): 404; the office and county-wide roles: no such step.
    assert (
        login("lawyer_a2").post(act(assignment, "opinion"), {f"opinion-{assignment.pk}-text": "改"}).status_code == 404
    )
    assert (
        login("officer_a").post(act(assignment, "opinion"), {f"opinion-{assignment.pk}-text": "改"}).status_code == 403
    )
    assert (
        login("lawyer_b").post(act(assignment, "opinion"), {f"opinion-{assignment.pk}-text": "改"}).status_code == 404
    )
    for role in ("county", "justice"):
        assert login(role).post(act(assignment, "opinion"), {"text": "改"}).status_code == 403
    assert list(OpinionVersion.objects.values_list("text", flat=True)) == ["原意见"]
    # No page offers the office an opinion form.
    assert 'data-form="opinion"' not in login("officer_a").get(detail(matter)).content.decode()


def test_the_office_assigns_from_the_page(login, users, lawyers, advisor, matter):
    client = login("officer_a")
    form = client.get(detail(matter)).context["assign_form"]
    assert {name for _pk, name in form.fields["people"].choices} == {"甲律师", "乙律师", "丙律师"}
    assert "engagements" not in form.fields  # unit A has no advisor; 王顾问 is unit B's
    response = client.post(
        matter_action(matter, "assign"),
        {
            "people": [lawyers["first"].pk, lawyers["paper"].pk],
            "due_on": matter.due_on.isoformat(),
            "instructions": "三日内",
        },
    )
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("assignee_name", flat=True)) == {"甲律师", "丙律师"}
    form = client.get(detail(matter)).context["assign_form"]
    assert {name for _pk, name in form.fields["people"].choices} == {"乙律师"}


def test_a_refused_assignment_writes_nothing(login, users, lawyers, matter):
    client = login("officer_a")
    response = client.post(matter_action(matter, "assign"), {"due_on": matter.due_on.isoformat()})
    assert response.status_code == 400 and "Choose at least one" in response.content.decode()
    late = (matter.due_on + timedelta(days=1)).isoformat()
    response = client.post(matter_action(matter, "assign"), {"people": [lawyers["first"].pk], "due_on": late})
    assert response.status_code == 400 and "due by the matter" in response.content.decode()
    # A lawyer of another unit is not among the choices.
    response = client.post(matter_action(matter, "assign"), {"people": [lawyers["other"].pk], "due_on": late})
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_the_office_assigns_its_advisor_and_records_the_advisors_opinion(login, users, advisor):
    matter_b = make_matter(users["officer_b"], title="土地合同")
    client = login("officer_b")
    response = client.post(
        matter_action(matter_b, "assign"), {"engagements": [advisor.pk], "due_on": matter_b.due_on.isoformat()}
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert client.post(act(assignment, "accept")).status_code == 302
    client.post(act(assignment, "opinion"), {f"opinion-{assignment.pk}-text": "顾问书面意见"})
    page = client.get(detail(matter_b)).content.decode()
    assert "顾问书面意见" in page and "recorded as received by" in page


def test_the_office_closes_from_the_page(login, users, lawyers, matter):
    answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"])
    client = login("officer_a")
    response = client.post(matter_action(matter, "close"), {"adoption": "not"})
    assert response.status_code == 400 and "Give the reason" in response.content.decode()
    assert Matter.objects.get().status == MatterStatus.ANSWERED
    assert client.post(matter_action(matter, "close"), {"adoption": "fully"}).status_code == 302
    assert Matter.objects.get().adoption == Adoption.FULLY


def test_the_steps_keep_out_the_wrong_roles_and_units(login, users, assigned, matter):
    for url in (matter_action(matter, "assign"), act(assigned, "accept")):
        assert login(None).post(url).status_code == 302
    for role in ("county", "justice", "committee_a", "bar"):
        assert login(role).post(act(assigned, "accept")).status_code == 403
    for role in ("lawyer_a", "county", "justice"):
        assert login(role).post(matter_action(matter, "assign")).status_code == 403
    assert login("officer_b").post(matter_action(matter, "assign"), {}).status_code == 404
    assert login("officer_b").post(act(assigned, "accept")).status_code == 404
    assert login("officer_a").post(matter_action(matter, "nonsense")).status_code == 404
    assert login("lawyer_a").post(act(assigned, "nonsense")).status_code == 404
    assert login("lawyer_a").get(act(assigned, "accept")).status_code == 405
    assert Assignment.objects.get().status == AssignmentStatus.PENDING
