"""The legal-advisor pages (R1.4): the unit's office records, edits, ends and renews its engagements."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advisors.models import Engagement
from tests.advisors.factories import exported_cells, make_engagement
from tests.lawyers.factories import make_person

pytestmark = pytest.mark.django_db

LIST = reverse("advisors:engagement_list")
CREATE = reverse("advisors:engagement_create")
EXPORT = reverse("advisors:engagement_export")


def url(name, engagement):
    return reverse(f"advisors:engagement_{name}", args=[engagement.pk])


def form_data(**overrides):
    return {
        "advisor_name": "李顾问",
        "advisor_kind": "lawyer",
        "organisation": "陕西汉风律师事务所",
        "practice_number": "16107201510012345",
        "phone": "13800000001",
        "starts_on": "2024-01-01",
        "ends_on": "2024-12-31",
        "duties": "审查重大合同",
        **overrides,
    }


@pytest.fixture
def engagement(users):
    return make_engagement(users["officer_a"])


def test_it_records_an_engagement_of_the_officers_own_unit(login, users, unit_a):
    response = login("officer_a").post(CREATE, form_data(), follow=True)
    engagement = Engagement.objects.get()
    assert engagement.unit == unit_a and engagement.advisor_name == "李顾问"
    assert response.redirect_chain[-1][0] == url("detail", engagement)
    assert "was recorded as legal advisor" in response.content.decode()


def test_it_warns_when_the_unit_has_qualified_staff_to_put_forward(login, users):
    make_person(users["officer_a"], name="待申请")
    response = login("officer_a").post(CREATE, form_data(), follow=True)
    assert Engagement.objects.count() == 1
    assert "the advisor does not count towards carrying out public-lawyer work" in response.content.decode()


def test_it_shows_bad_input_again_and_writes_nothing(login):
    response = login("officer_a").post(CREATE, form_data(practice_number="", ends_on="2023-12-31"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "needs the practice certificate number" in page
    assert "陕西汉风律师事务所" in page
    assert not Engagement.objects.exists()


def test_it_shows_the_services_refusal_on_the_form(login, engagement):
    data = form_data(advisor_name=engagement.advisor_name, starts_on="2023-06-01", ends_on="2024-05-31")
    response = login("officer_a").post(CREATE, data)
    assert response.status_code == 200
    assert "already engaged by the unit" in response.content.decode()
    assert Engagement.objects.count() == 1


def test_it_keeps_other_roles_and_units_out(login, engagement):
    for page in (LIST, CREATE, EXPORT, url("detail", engagement)):
        response = login(None).get(page)
        assert response.status_code == 302 and "/login/" in response.url
    for name in ("pool", "bar", "lawyer_a", "committee_a", "auditor", "sysadmin"):
        assert login(name).get(LIST).status_code == 403
        assert login(name).get(url("detail", engagement)).status_code == 403
    for name in ("county", "justice"):
        assert login(name).get(CREATE).status_code == 403
        assert login(name).get(url("update", engagement)).status_code == 403
        assert login(name).get(url("detail", engagement)).status_code == 200
    for name in ("detail", "update", "terminate", "renew"):
        assert login("officer_b").get(url(name, engagement)).status_code == 404
    assert login("officer_b").post(url("terminate", engagement), {"on": "2023-07-01", "reason": "x"}).status_code == 404
    engagement.refresh_from_db()
    assert engagement.terminated_on is None


def test_it_lists_each_officer_their_own_units_engagements_only(login, users, engagement):
    make_engagement(users["officer_b"], name="赵顾问")
    assert [row.record.advisor_name for row in login("officer_a").get(LIST).context["table"].rows] == ["王顾问"]
    assert len(login("county").get(LIST).context["table"].rows) == 2


def test_it_filters_the_engagements_in_force_today(login, users):
    today = timezone.localdate()
    make_engagement(users["officer_a"], name="现任", starts_on=today - timedelta(days=10), ends_on=today)
    make_engagement(users["officer_a"], name="已到期", starts_on=date(2020, 1, 1), ends_on=date(2020, 12, 31))
    rows = login("officer_a").get(LIST, {"in_force": "true"}).context["table"].rows
    assert [row.record.advisor_name for row in rows] == ["现任"]


def test_it_keeps_the_list_query_count_flat(login, users, django_assert_num_queries):
    client = login("county")
    make_engagement(users["officer_a"])
    # session, user, the count ending within 30 days, count, the page of engagements with units, the unit
    # filter choices
    with django_assert_num_queries(6):
        client.get(LIST)
    for year in range(2010, 2020):
        make_engagement(users["officer_b"], starts_on=date(year, 1, 1), ends_on=date(year, 12, 31))
    with django_assert_num_queries(6):
        client.get(LIST)


def test_it_exports_the_filtered_engagements(login, users, engagement, django_assert_num_queries):
    make_engagement(users["officer_b"], name="赵顾问")
    client = login("officer_a")
    # session, user, the engagements with units, the audit entry of the export
    with django_assert_num_queries(4):
        response = client.get(EXPORT)
    values = exported_cells(response)
    assert "王顾问" in values and "赵顾问" not in values


def test_it_pins_the_detail_query_count(login, engagement, django_assert_num_queries):
    client = login("officer_a")
    # session, user, the engagement with its unit
    with django_assert_num_queries(3):
        response = client.get(url("detail", engagement))
    assert "陕西汉风律师事务所" in response.content.decode()


def test_it_edits_an_engagement_through_the_service(login, engagement):
    response = login("officer_a").post(url("update", engagement), form_data(advisor_name="王顾问", phone="13900000000"))
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.phone == "13900000000" and engagement.starts_on == date(2024, 1, 1)


def test_it_ends_an_engagement_early_through_the_page(login, engagement):
    client = login("officer_a")
    response = client.post(url("terminate", engagement), {"on": "2024-03-01", "reason": "顾问调离"})
    assert response.status_code == 200
    assert "2023-01-01" in response.content.decode()  # the term the date must fall in
    response = client.post(url("terminate", engagement), {"on": "2023-07-01", "reason": "顾问调离"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.terminated_on == date(2023, 7, 1) and engagement.termination_reason == "顾问调离"
    assert 'data-terminated="2023-07-01"' in client.get(url("detail", engagement)).content.decode()


def test_it_fills_a_renewal_in_from_the_last_term(login, engagement):
    client = login("officer_a")
    form = client.get(url("renew", engagement)).context["form"]
    assert form.initial["advisor_name"] == "王顾问"
    assert form.initial["starts_on"] == date(2024, 1, 1)
    assert form.initial["ends_on"] == date(2024, 12, 31)
    response = client.post(url("renew", engagement), form_data(advisor_name="王顾问"))
    assert response.status_code == 302
    assert Engagement.objects.filter(advisor_name="王顾问").count() == 2


def test_it_warns_of_engagements_ending_within_30_days(login, users):
    today = timezone.localdate()
    make_engagement(
        users["officer_a"], name="将到期", starts_on=today - timedelta(days=300), ends_on=today + timedelta(days=30)
    )
    make_engagement(
        users["officer_a"],
        name="还长",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=31),
        practice_number="16107201510099999",
    )
    make_engagement(users["officer_b"], name="他单位将到期", starts_on=today - timedelta(days=10), ends_on=today)
    officer = login("officer_a").get(LIST)
    assert officer.context["ending_soon"] == 1
    assert 'data-ending-soon="1"' in officer.content.decode()
    rows = login("officer_a").get(LIST, {"ending_soon": "true"}).context["table"].rows
    assert [row.record.advisor_name for row in rows] == ["将到期"]
    assert login("county").get(LIST).context["ending_soon"] == 2
