"""The talent-pool pages (R1.5): the superior's pool office keeps its system's pool of public lawyers."""

from datetime import date

import pytest
from django.urls import reverse

from advisors.models import PoolMember
from tests.advisors.factories import exported_cells, make_dispatch, make_member

pytestmark = pytest.mark.django_db

LIST = reverse("advisors:pool_member_list")
CREATE = reverse("advisors:pool_member_create")
EXPORT = reverse("advisors:pool_member_export")


def url(name, member):
    return reverse(f"advisors:pool_member_{name}", args=[member.pk])


def test_it_adds_a_lawyer_serving_elsewhere_in_the_system(login):
    response = login("pool").post(
        CREATE,
        {
            "name": "洋县律师",
            "organisation": "国家税务总局洋县税务局",
            "practice_number": "16107201960012399",
            "expertise": "税务行政复议",
            "joined_on": "2024-01-01",
        },
    )
    member = PoolMember.objects.get()
    assert response.status_code == 302 and response.url == url("detail", member)
    assert member.system.name == "国家税务总局汉中市税务局" and member.person is None


def test_it_adds_a_roster_lawyer_of_the_system_chosen_from_the_list(login, roster_lawyer):
    client = login("pool")
    offered = list(client.get(CREATE).context["form"].fields["person"].queryset)
    assert offered == [roster_lawyer]
    response = client.post(CREATE, {"person": roster_lawyer.pk, "joined_on": "2024-01-01"})
    assert response.status_code == 302
    assert PoolMember.objects.get().name == "税律师"


def test_it_asks_for_the_details_of_a_lawyer_not_on_the_roster(login):
    response = login("pool").post(CREATE, {"name": "洋县律师", "joined_on": "2024-01-01"})
    assert response.status_code == 200
    assert "Needed for a lawyer who is not on the county roster" in response.content.decode()
    assert "洋县律师" in response.content.decode()
    assert not PoolMember.objects.exists()


def test_it_shows_a_bad_practice_number_on_its_field(login):
    data = {
        "name": "社会律师",
        "organisation": "某律所",
        "practice_number": "1610720151001234",
        "joined_on": "2024-01-01",
    }
    response = login("pool").post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors["practice_number"]
    assert not PoolMember.objects.exists()


def test_it_warns_but_records_a_number_whose_digits_disagree(login):
    data = {
        "name": "旧号律师",
        "organisation": "某律所",
        "practice_number": "16107201510012345",  # digit 10 is 1: older numbering, or a typo to verify
        "joined_on": "2024-01-01",
    }
    response = login("pool").post(CREATE, data, follow=True)
    assert PoolMember.objects.filter(name="旧号律师").exists()
    assert "Digit 10 of a public lawyer's certificate number is 6." in [str(m) for m in response.context["messages"]]


def test_it_keeps_other_roles_and_systems_out(login, member):
    for page in (LIST, CREATE, EXPORT, url("detail", member)):
        assert login(None).get(page).status_code == 302
    for name in ("officer_a", "lawyer_a", "bar", "auditor", "sysadmin"):
        assert login(name).get(LIST).status_code == 403
        assert login(name).get(url("detail", member)).status_code == 403
    for name in ("county", "justice"):
        assert login(name).get(url("detail", member)).status_code == 200
        assert login(name).get(CREATE).status_code == 403
    for name in ("detail", "update", "leave"):
        assert login("pool_other").get(url(name, member)).status_code == 404
    assert len(login("pool_other").get(LIST).context["table"].rows) == 0


def test_it_counts_the_units_each_member_serves_today_in_a_flat_number_of_queries(
    login, users, tax_officer, member, django_assert_num_queries
):
    client = login("pool")
    # session, user, count, the page of members with the units each serves today
    with django_assert_num_queries(4):
        client.get(LIST)
    for number in range(5):
        make_member(users["pool"], name=f"律师{number}", number=f"161072019600200{number:02d}")
    make_dispatch(tax_officer, users["pool"], member, starts_on=date(2024, 1, 1), ends_on=date(2099, 12, 31))
    with django_assert_num_queries(4):
        response = client.get(LIST)
    serving = {row.record.name: row.record.serving for row in response.context["table"].rows}
    assert serving["市局律师"] == 1 and serving["律师0"] == 0


def test_it_lets_the_county_filter_the_pools_by_system(login, users, member, django_assert_num_queries):
    make_member(users["pool_other"], name="气象律师", number="16107201960012346")
    client = login("county")
    # session, user, the chosen system checked, count, the system filter choices, the page of members
    with django_assert_num_queries(6):
        response = client.get(LIST, {"system": member.system_id})
    assert [row.record.name for row in response.context["table"].rows] == ["市局律师"]


def test_it_exports_the_pool(login, users, member, django_assert_num_queries):
    make_member(users["pool_other"], name="气象律师", number="16107201960012346")
    client = login("pool")
    # session, user, the members with their systems and the units they serve, the audit entry of the export
    with django_assert_num_queries(4):
        response = client.get(EXPORT)
    cells = exported_cells(response)
    assert "市局律师" in cells and "气象律师" not in cells


def test_it_pins_the_detail_query_count(login, users, tax_officer, member, django_assert_num_queries):
    make_dispatch(tax_officer, users["pool"], member)
    client = login("pool")
    # session, user, the member with system and person, the dispatches with their units
    with django_assert_num_queries(4):
        response = client.get(url("detail", member))
    assert "国家税务总局城固县税务局" in response.content.decode()


def test_it_edits_a_members_contact_and_expertise(login, member):
    response = login("pool").post(url("update", member), {"phone": "13900000000", "expertise": "税务诉讼"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.expertise == "税务诉讼" and member.name == "市局律师"


def test_it_refuses_to_let_a_serving_member_leave(login, users, tax_officer, member):
    make_dispatch(tax_officer, users["pool"], member, starts_on=date(2024, 1, 1), ends_on=date(2099, 12, 31))
    client = login("pool")
    response = client.post(url("leave", member), {"on": "2025-01-01"})
    assert response.status_code == 200
    assert "end those dispatches first" in response.content.decode()
    member.refresh_from_db()
    assert member.left_on is None


def test_it_records_a_member_leaving_the_pool(login, member):
    response = login("pool").post(url("leave", member), {"on": "2025-01-01"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == date(2025, 1, 1)
    assert 'data-left="2025-01-01"' in login("pool").get(url("detail", member)).content.decode()
