"""Superior organisations of vertical and dual-led systems: the county office keeps the list."""

import pytest
from django.urls import reverse

from units.models import SystemOrganisation

pytestmark = pytest.mark.django_db

LIST = reverse("units:superior_list")
CREATE = reverse("units:superior_create")


def test_it_sends_anonymous_users_to_login(login, superior):
    for url in (LIST, CREATE, reverse("units:superior_update", args=[superior.pk])):
        assert login(None).get(url).status_code == 302


@pytest.mark.parametrize("name", ["justice", "officer_a", "lawyer_a", "bar", "auditor", "sysadmin"])
def test_it_forbids_every_role_but_the_county_office(login, superior, name):
    for url in (LIST, CREATE, reverse("units:superior_update", args=[superior.pk])):
        assert login(name).get(url).status_code == 403


def test_it_lists_superiors_with_their_unit_counts(login, tax_unit, django_assert_num_queries):
    client = login("county")
    # session, user, count, the page of superiors with their unit counts
    with django_assert_num_queries(4):
        response = client.get(LIST)
    row = response.context["table"].page.object_list[0]
    assert row.record.name == "国家税务总局汉中市税务局" and row.record.unit_count == 1


def test_it_creates_and_edits_a_superior(login, users):
    client = login("county")
    assert client.post(CREATE, {"name": "汉中市生态环境局", "system": "生态环境"}).status_code == 302
    superior = SystemOrganisation.objects.get(name="汉中市生态环境局")
    client.post(
        reverse("units:superior_update", args=[superior.pk]), {"name": "汉中市生态环境局", "system": "生态环境系统"}
    )
    superior.refresh_from_db()
    assert superior.system == "生态环境系统"


def test_it_refuses_a_duplicate_name_and_reshows_the_form(login, superior):
    response = login("county").post(CREATE, {"name": superior.name, "system": "x"})
    assert response.status_code == 200
    assert SystemOrganisation.objects.filter(name=superior.name).count() == 1
