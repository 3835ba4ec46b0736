"""The unit registry pages, each tried anonymous, by the wrong role, by the right role and from another unit."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import make_unit
from units.choices import UnitKind
from units.models import Unit

pytestmark = pytest.mark.django_db

LIST = reverse("units:unit_list")
EXPORT = reverse("units:unit_export")
CREATE = reverse("units:unit_create")


def detail(unit):
    return reverse("units:unit_detail", args=[unit.pk])


def edit(unit):
    return reverse("units:unit_update", args=[unit.pk])


def names_on_page(response):
    return {row.record.name for row in response.context["table"].page.object_list}


def test_it_sends_anonymous_users_to_login(login, unit_a):
    for url in (LIST, EXPORT, CREATE, detail(unit_a), edit(unit_a)):
        response = login(None).get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", ["bar", "auditor", "sysadmin"])
def test_it_forbids_roles_without_registry_access(login, unit_a, name):
    for url in (LIST, EXPORT, detail(unit_a)):
        assert login(name).get(url).status_code == 403


def test_it_lists_every_unit_for_the_county_office(login, unit_a, unit_b):
    response = login("county").get(LIST)
    assert response.status_code == 200
    assert names_on_page(response) == {unit_a.name, unit_b.name}
    assert "单位" in response.content.decode()


def test_it_lists_only_the_officers_own_unit(login, unit_a, unit_b):
    response = login("officer_a").get(LIST)
    assert names_on_page(response) == {unit_a.name}
    assert unit_b.name not in response.content.decode()


def test_it_filters_by_kind_enforcement_and_name(login, unit_a, users):
    make_unit("博望街道", kind=UnitKind.TOWN, law_enforcement=True)
    make_unit("城固县总工会", kind=UnitKind.PEOPLES_ORGANISATION, law_enforcement=False)
    client = login("county")
    assert names_on_page(client.get(LIST, {"kind": "town"})) == {"博望街道"}
    assert "城固县总工会" in names_on_page(client.get(LIST, {"law_enforcement": "false"}))
    assert names_on_page(client.get(LIST, {"q": "市场"})) == {unit_a.name}


def test_it_filters_units_active_on_a_date(login, users):
    make_unit("城固县旧局", established_on=date(2015, 1, 1), abolished_on=date(2019, 3, 1))
    client = login("county")
    assert "城固县旧局" in names_on_page(client.get(LIST, {"active_on": "2018-12-31"}))
    assert "城固县旧局" not in names_on_page(client.get(LIST, {"active_on": "2019-03-01"}))


def test_it_keeps_the_list_query_count_flat(login, users, django_assert_num_queries):
    client = login("county")
    for number in range(30):
        make_unit(f"测试单位{number:02}")
    # session, user, count of filtered units, the page of units with their superiors
    with django_assert_num_queries(4):
        client.get(LIST)
    for number in range(30, 60):
        make_unit(f"测试单位{number:02}")
    with django_assert_num_queries(4):
        client.get(LIST)


def test_it_shows_a_unit_to_its_own_officer(login, unit_a):
    response = login("officer_a").get(detail(unit_a))
    assert response.status_code == 200
    assert unit_a.name in response.content.decode()


def test_it_answers_not_found_for_another_units_page(login, unit_a):
    for name in ("officer_b", "lawyer_b", "committee_b"):
        assert login(name).get(detail(unit_a)).status_code == 404


def test_it_pins_the_detail_query_count(login, tax_unit, django_assert_num_queries):
    client = login("county")
    # session, user with unit, the unit with its superior, its public lawyers, its R1.2 people, its advisors
    # and its dispatches in force, and the nine queries of the coverage data behind its headcount (six facts,
    # three of R1.2 staff)
    with django_assert_num_queries(16):
        response = client.get(detail(tax_unit))
    assert "国家税务总局汉中市税务局" in response.content.decode()


def test_it_lets_only_the_county_office_create_units(login, users):
    for name in ("justice", "officer_a", "lawyer_a"):
        assert login(name).get(CREATE).status_code == 403
    response = login("county").post(
        CREATE,
        {"name": "城固县数据局", "kind": "county_department", "law_enforcement": "on", "management_mode": "local"},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="城固县数据局")
    assert unit.law_enforcement is True


def test_it_reshows_the_form_with_what_was_typed(login, superior, users):
    response = login("county").post(
        CREATE,
        {"name": "城固县某垂管局", "kind": "stationed_unit", "management_mode": "vertical", "credit_code": "11abc"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "城固县某垂管局" in page
    assert "需要填写其上级主管机关" in page or "superior organisation" in page
    assert not Unit.objects.filter(name="城固县某垂管局").exists()


def test_it_rejects_a_second_active_unit_with_the_same_name(login, unit_a):
    response = login("county").post(
        CREATE, {"name": unit_a.name, "kind": "county_department", "management_mode": "local"}
    )
    assert response.status_code == 200
    assert Unit.objects.filter(name=unit_a.name).count() == 1


def test_it_warns_on_a_bad_credit_code_checksum_but_saves(login, unit_a):
    response = login("county").post(
        edit(unit_a),
        {
            "name": unit_a.name,
            "kind": "county_department",
            "management_mode": "local",
            "credit_code": "11610722MB1234567X",
        },
        follow=True,
    )
    unit_a.refresh_from_db()
    assert unit_a.credit_code == "11610722MB1234567X"
    assert unit_a.credit_code_warning in response.content.decode()


def test_it_abolishes_a_unit_instead_of_deleting_it(login, unit_a):
    login("county").post(
        edit(unit_a),
        {
            "name": unit_a.name,
            "kind": "county_department",
            "management_mode": "local",
            "established_on": "2010-01-01",
            "abolished_on": "2024-06-30",
        },
    )
    unit_a.refresh_from_db()
    assert unit_a.abolished_on == date(2024, 6, 30)


def test_it_refuses_edits_by_officers_even_of_their_own_unit(login, unit_a):
    assert login("officer_a").post(edit(unit_a), {"name": "改名"}).status_code == 403
    unit_a.refresh_from_db()
    assert unit_a.name == "城固县市场监督管理局"


def read_export(response):
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_it_exports_the_filtered_list_with_a_header_block(login, unit_a, unit_b, users):
    make_unit("博望街道", kind=UnitKind.TOWN)
    response = login("county").get(EXPORT, {"kind": "county_department"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = read_export(response)
    assert rows[0][0] == "标题"
    assert any(row[0] == "筛选条件" and "县级党政机关工作部门" in str(row[1]) for row in rows[:5])
    header_index = next(i for i, row in enumerate(rows) if row[0] == "名称")
    data = rows[header_index + 1 :]
    assert sorted(row[0] for row in data) == sorted([unit_a.name, unit_b.name])
    assert data[0][2] == "是"


def test_it_exports_only_the_officers_own_unit(login, unit_a, unit_b):
    rows = read_export(login("officer_a").get(EXPORT))
    names = {row[0] for row in rows}
    assert unit_a.name in names
    assert unit_b.name not in names


def test_it_neutralises_formulas_in_exports(login, users):
    make_unit('=HYPERLINK("http://evil","x")')
    response = login("county").get(EXPORT)
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    cells = [cell for row in workbook.active.iter_rows() for cell in row if str(cell.value).startswith("=HYPER")]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_it_keeps_the_export_query_count_flat(login, users, django_assert_num_queries):
    client = login("county")
    for number in range(20):
        make_unit(f"导出单位{number:02}")
    # session, user, the units with their superiors, the audit event's insert
    with django_assert_num_queries(4):
        b"".join(client.get(EXPORT).streaming_content)
