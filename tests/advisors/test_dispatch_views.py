"""The dispatch pages (R1.5): a unit of a system asks, its superior's pool office dispatches or declines,
either side ends a dispatch early, and the dispatched lawyer reads their own dispatches."""

from datetime import date

import pytest
from django.urls import reverse

from advisors import services
from advisors.choices import DispatchStatus
from advisors.models import Dispatch, PoolMember
from tests.advisors.factories import exported_cells, make_dispatch

pytestmark = pytest.mark.django_db

LIST = reverse("advisors:dispatch_list")
CREATE = reverse("advisors:dispatch_create")
EXPORT = reverse("advisors:dispatch_export")


def detail(dispatch):
    return reverse("advisors:dispatch_detail", args=[dispatch.pk])


def action(dispatch, name):
    return reverse("advisors:dispatch_action", args=[dispatch.pk, name])


@pytest.fixture
def request_(tax_officer):
    return services.dispatch_request(actor=tax_officer, needs="审查税务行政复议案件", wanted_from=date(2024, 1, 1))


def test_it_sends_a_request_to_the_units_superior(login, tax_officer):
    response = login("officer_tax").post(
        CREATE, {"needs": "审查重大合同", "matter_types": ["contracts", "reconsideration"], "wanted_from": "2024-01-01"}
    )
    dispatch = Dispatch.objects.get()
    assert response.status_code == 302 and response.url == detail(dispatch)
    assert dispatch.matter_types == ["contracts", "reconsideration"]
    assert "data-matter-types" in login("pool").get(detail(dispatch)).content.decode()
    assert dispatch.system.name == "国家税务总局汉中市税务局" and dispatch.status == DispatchStatus.REQUESTED
    assert dispatch.requested_by == tax_officer


def test_it_shows_a_local_unit_why_it_cannot_ask_and_where_to_go_instead(login):
    page = login("officer_a").get(CREATE).content.decode()
    assert "data-obstacles" in page and reverse("advisors:engagement_create") in page
    response = login("officer_a").post(CREATE, {"needs": "审查重大合同", "wanted_from": "2024-01-01"})
    assert response.status_code == 200
    assert not Dispatch.objects.exists()


def test_it_shows_bad_input_again_and_writes_nothing(login, tax_officer):
    response = login("officer_tax").post(
        CREATE,
        {
            "needs": "审查重大合同",
            "matter_types": ["contracts"],
            "wanted_from": "2024-06-01",
            "wanted_until": "2024-01-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "审查重大合同" in page and "needed until a day before" in page
    assert not Dispatch.objects.exists()


def test_it_shows_the_pool_office_what_waits_for_it(login, request_):
    assert login("pool").get(LIST).context["waiting_count"] == 1
    assert login("pool_other").get(LIST).context["waiting_count"] == 0
    assert login("officer_tax").get(LIST).context["waiting_count"] is None
    rows = login("pool").get(LIST, {"waiting": "true"}).context["table"].rows
    assert [row.record for row in rows] == [request_]


def test_it_keeps_other_roles_units_and_systems_out(login, request_):
    for page in (LIST, CREATE, EXPORT, detail(request_)):
        assert login(None).get(page).status_code == 302
    for name in ("bar", "committee_a", "auditor", "sysadmin"):
        assert login(name).get(LIST).status_code == 403
        assert login(name).get(detail(request_)).status_code == 403
    for name in ("county", "justice", "pool", "pool_other"):
        assert login(name).get(CREATE).status_code == 403
    for name in ("officer_a", "pool_other", "lawyer_a"):
        assert login(name).get(detail(request_)).status_code == 404
    for name in ("county", "justice", "pool", "officer_tax"):
        assert login(name).get(detail(request_)).status_code == 200
    assert login("county").post(action(request_, "decline"), {"decline-note": "x"}).status_code == 403
    assert login("pool_other").post(action(request_, "decline"), {"decline-note": "x"}).status_code == 404
    assert login("pool").post(action(request_, "explode"), {}).status_code == 404
    request_.refresh_from_db()
    assert request_.status == DispatchStatus.REQUESTED


def test_it_dispatches_a_pool_lawyer_through_the_page(login, users, request_, member):
    client = login("pool")
    form = client.get(detail(request_)).context["grant_form"]
    assert list(form.fields["member"].queryset) == [member]
    response = client.post(
        action(request_, "grant"), {"member": member.pk, "starts_on": "2024-01-01", "ends_on": "2023-12-31"}
    )
    assert response.status_code == 400  # the term ends before it starts; nothing changed
    request_.refresh_from_db()
    assert request_.status == DispatchStatus.REQUESTED
    response = client.post(
        action(request_, "grant"), {"member": member.pk, "starts_on": "2024-01-01", "ends_on": "2024-12-31"}
    )
    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.status == DispatchStatus.DISPATCHED and request_.member == member
    assert request_.decided_by == users["pool"]
    page = login("officer_tax").get(detail(request_)).content.decode()
    assert member.practice_number in page and 'data-section="decision"' in page


def test_it_needs_a_reason_to_decline_and_keeps_what_was_typed(login, request_):
    client = login("pool")
    response = client.post(action(request_, "decline"), {"decline-note": " "})
    assert response.status_code == 400
    request_.refresh_from_db()
    assert request_.status == DispatchStatus.REQUESTED
    assert client.post(action(request_, "decline"), {"decline-note": "暂无合适人选"}).status_code == 302
    request_.refresh_from_db()
    assert request_.status == DispatchStatus.DECLINED and request_.decision_note == "暂无合适人选"


def test_it_lets_the_unit_withdraw_a_waiting_request_only(login, request_):
    assert login("pool").post(action(request_, "withdraw"), {}).status_code == 403
    assert login("officer_tax").post(action(request_, "withdraw"), {}).status_code == 302
    request_.refresh_from_db()
    assert request_.status == DispatchStatus.WITHDRAWN
    assert login("officer_tax").post(action(request_, "withdraw"), {}).status_code == 403


def test_it_ends_a_dispatch_early_through_the_page(login, users, tax_officer, member):
    dispatch = make_dispatch(tax_officer, users["pool"], member, starts_on=date(2024, 1, 1), ends_on=date(2099, 12, 31))
    client = login("pool")
    response = client.post(action(dispatch, "terminate"), {"terminate-on": "2023-01-01", "terminate-reason": "召回"})
    assert response.status_code == 400
    assert "召回" in response.content.decode()
    response = client.post(action(dispatch, "terminate"), {"terminate-on": "2025-01-01", "terminate-reason": "召回"})
    assert response.status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.terminated_on == date(2025, 1, 1) and dispatch.termination_reason == "召回"
    assert "terminate_form" not in login("officer_tax").get(detail(dispatch)).context


def test_it_shows_the_dispatched_lawyer_their_own_dispatches_only(login, users, tax_officer, roster_lawyer):
    member = services.pool_member_add(
        actor=users["pool"],
        member=PoolMember(system=users["pool"].system_organisation, person=roster_lawyer, joined_on=date(2024, 1, 1)),
    )
    dispatch = make_dispatch(tax_officer, users["pool"], member, starts_on=date(2024, 2, 1), ends_on=date(2024, 12, 31))
    client = login("lawyer_tax")
    assert [row.record for row in client.get(LIST).context["table"].rows] == [dispatch]
    response = client.get(detail(dispatch))
    assert response.status_code == 200 and "terminate_form" not in response.context
    assert client.post(action(dispatch, "terminate"), {}).status_code == 403
    assert len(login("lawyer_a").get(LIST).context["table"].rows) == 0


def test_it_keeps_the_list_query_count_flat(login, users, tax_officer, member, django_assert_num_queries):
    client = login("county")
    make_dispatch(tax_officer, users["pool"], member, starts_on=date(2029, 1, 1), ends_on=date(2029, 12, 31))
    # session, user, count, the page of requests with units, systems and lawyers
    with django_assert_num_queries(4):
        client.get(LIST)
    for year in range(2030, 2039):
        make_dispatch(tax_officer, users["pool"], member, starts_on=date(year, 1, 1), ends_on=date(year, 12, 31))
    with django_assert_num_queries(4):
        client.get(LIST)


def test_it_exports_the_requests(login, users, tax_officer, member, django_assert_num_queries):
    make_dispatch(tax_officer, users["pool"], member)
    client = login("pool")
    # session, user, the requests with units, systems and lawyers, the audit entry of the export
    with django_assert_num_queries(4):
        response = client.get(EXPORT)
    assert "市局律师" in exported_cells(response)
    assert exported_cells(login("pool_other").get(EXPORT)).isdisjoint({"市局律师"})


def test_it_pins_the_detail_query_count(login, request_, member, django_assert_num_queries):
    client = login("pool")
    # session, user, the request with unit, system, lawyer and both accounts, the pool members to choose from
    with django_assert_num_queries(4):
        client.get(detail(request_))


@pytest.mark.parametrize("name", ["officer_tax", "pool", "county"])
def test_every_row_of_the_list_links_to_its_request(login, request_, name):
    """Issue 16: the unit's list has no unit column, the one that carried the link: its rows led nowhere."""
    page = login(name).get(LIST).content.decode()
    assert f'<a data-request="1" href="{detail(request_)}">' in page
