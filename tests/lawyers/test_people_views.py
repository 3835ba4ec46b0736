"""People pages: the list with its filters, the person page, registering, editing, transferring."""

from datetime import date

import pytest
from django.urls import reverse

from lawyers.models import Person
from tests.lawyers.factories import id_number, make_lawyer, make_person

pytestmark = pytest.mark.django_db

LIST = reverse("lawyers:person_list")
EXPORT = reverse("lawyers:person_export")
CREATE = reverse("lawyers:person_create")


def page(person):
    return reverse("lawyers:person_detail", args=[person.pk])


def names(response):
    return {row.record.name for row in response.context["table"].page.object_list}


@pytest.fixture
def staff(users):
    """In unit A: a lawyer, a qualified full-time officer who is not one, an unqualified clerk; one in B."""
    officer_a, officer_b, justice = users["officer_a"], users["officer_b"], users["justice"]
    lawyer, _certificate = make_lawyer(officer_a, justice, name="甲律师")
    return {
        "lawyer": lawyer,
        "waiting": make_person(officer_a, name="乙待申请"),
        "clerk": make_person(
            officer_a,
            name="丙无资格",
            legal_qualification_class="",
            legal_qualification_number="",
            full_time_legal=False,
        ),
        "other": make_person(officer_b, name="丁他单位"),
    }


def test_it_sends_anonymous_users_to_login(login, staff):
    for url in (LIST, EXPORT, CREATE, page(staff["lawyer"])):
        assert login(None).get(url).status_code == 302


@pytest.mark.parametrize("name", ["bar", "auditor", "sysadmin", "committee_a"])
def test_it_forbids_roles_without_access(login, staff, name):
    for url in (LIST, EXPORT, page(staff["lawyer"])):
        assert login(name).get(url).status_code == 403


def test_it_lists_only_the_officers_own_people(login, staff):
    assert names(login("officer_a").get(LIST)) == {"甲律师", "乙待申请", "丙无资格"}
    assert names(login("officer_b").get(LIST)) == {"丁他单位"}
    assert names(login("county").get(LIST)) == {"甲律师", "乙待申请", "丙无资格", "丁他单位"}


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"qualified": "true"}, {"甲律师", "乙待申请"}),
        ({"qualified": "false"}, {"丙无资格"}),
        ({"full_time_legal": "false"}, {"丙无资格"}),
        ({"lawyer": "true"}, {"甲律师"}),
        ({"lawyer": "false"}, {"乙待申请", "丙无资格"}),
        ({"eligible": "true"}, {"甲律师", "乙待申请"}),
        ({"eligible": "false"}, {"丙无资格"}),
    ],
)
def test_it_filters_people(login, staff, filters, expected):
    assert names(login("officer_a").get(LIST, filters)) == expected


@pytest.mark.parametrize("name", ["county", "justice", "officer_a"])
def test_it_masks_id_numbers_for_every_role_by_default(login, staff, name):
    person = staff["waiting"]
    person_page = login(name).get(page(person)).content.decode()
    assert person.masked_id_number in person_page and person.id_number not in person_page
    listing = login(name).get(LIST).content.decode()
    assert person.id_number not in listing and person.masked_id_number in listing


def test_it_keeps_the_list_query_count_flat(login, users, django_assert_num_queries):
    client = login("officer_a")
    for number in range(5):
        make_person(users["officer_a"], name=f"人员{number}")
    # session, user, count, the page of people with units and the certificate flag, the unit filter choices
    with django_assert_num_queries(5):
        client.get(LIST)
    for number in range(5, 25):
        make_person(users["officer_a"], name=f"人员{number}")
    with django_assert_num_queries(5):
        client.get(LIST)


@pytest.mark.parametrize("sort,first", [("full_time_legal", "丙无资格"), ("-full_time_legal", None)])
def test_it_sorts_the_list_by_full_time_legal_work_today(login, staff, sort, first):
    response = login("officer_a").get(LIST, {"sort": sort})
    rows = [row.record for row in response.context["table"].page.object_list]
    flags = [row.full_time_legal for row in rows]
    assert flags == sorted(flags, reverse=sort.startswith("-"))
    if first:
        assert rows[0].name == first
    else:
        assert rows[-1].name == "丙无资格"
    column = response.content.decode()
    assert "专职法律工作" in column


def test_it_answers_not_found_for_another_units_person(login, staff):
    assert login("officer_b").get(page(staff["lawyer"])).status_code == 404
    assert login("officer_b").get(reverse("lawyers:person_update", args=[staff["lawyer"].pk])).status_code == 404


def test_it_shows_the_eligibility_checklist_with_reasons(login, staff):
    response = login("officer_a").get(page(staff["clerk"]))
    items = {item.code: item for item in response.context["checklist"]}
    assert not items["qualification"].met
    assert str(items["qualification"].reason) in response.content.decode()
    assert not response.context["may_apply"]
    assert login("officer_a").get(page(staff["waiting"])).context["may_apply"]


def test_it_pins_the_person_page_query_count(login, staff, django_assert_num_queries):
    client = login("officer_a")
    # session, user, person+unit, postings+units, certificates, suspensions, corrections+actors (the certificate's
    # history), applications, steps, step actors, periods of full-time legal work (the block beside the
    # qualification date; one query however many periods), the portal's civil-servant grade of last year
    # (the checklist's annual-grade rule)
    with django_assert_num_queries(12):
        client.get(page(staff["lawyer"]))


def test_it_lets_a_public_lawyer_see_only_their_own_record(login, users, staff):
    account = users["lawyer_a"]
    account.person = staff["lawyer"]
    account.save()
    client = login("lawyer_a")
    assert client.get(page(staff["lawyer"])).status_code == 200
    assert client.get(page(staff["waiting"])).status_code == 404
    assert client.get(LIST).status_code == 403
    home = client.get(reverse("accounts:home")).content.decode()
    assert staff["lawyer"].certificates.get().number in home


def test_it_registers_a_person_in_the_officers_own_unit(login, users, unit_a):
    number = id_number(date(1992, 4, 5), "F")
    response = login("officer_a").post(
        CREATE,
        {
            "name": "新人员",
            "id_number": number,
            "legal_work_years": "3",
            "judicial_years": "0",
            "legal_qualification_class": "B",
            "legal_qualification_number": "B2019001",
            "legal_qualification_year": "2019",
            "full_time_legal": "on",
            "joined_on": "2020-09-01",
        },
    )
    assert response.status_code == 302
    person = Person.objects.with_id_numbers([number]).get()
    assert person.unit == unit_a and person.sex == "F" and person.birth_date == date(1992, 4, 5)
    assert person.postings.get().started_on == date(2020, 9, 1)


def test_it_reshows_the_form_when_the_id_number_is_wrong(login, users):
    response = login("officer_a").post(
        CREATE,
        {
            "name": "错号",
            "id_number": "610722199204050000",
            "sex": "M",
            "legal_work_years": "3",
            "judicial_years": "0",
        },
    )
    assert response.status_code == 200
    assert "610722199204050000" in response.content.decode()
    assert "校验" in response.content.decode()
    assert not Person.objects.filter(name="错号").exists()


def test_it_refuses_a_sex_that_contradicts_the_id_number(login, users):
    number = id_number(date(1992, 4, 5), "F")
    response = login("officer_a").post(
        CREATE,
        {
            "name": "性别错",
            "id_number": number,
            "sex": "M",
            "legal_work_years": "3",
            "judicial_years": "0",
        },
    )
    assert response.status_code == 200
    assert not Person.objects.with_id_numbers([number]).exists()


@pytest.mark.parametrize("name", ["county", "justice", "lawyer_a"])
def test_it_lets_only_unit_officers_register_people(login, staff, name):
    assert login(name).get(CREATE).status_code == 403


def test_it_transfers_a_person_through_the_justice_bureau(login, staff, unit_b):
    url = reverse("lawyers:person_transfer", args=[staff["lawyer"].pk])
    assert login("officer_a").get(url).status_code == 403
    response = login("justice").post(url, {"unit": unit_b.pk, "on": "2024-07-01"})
    assert response.status_code == 302
    staff["lawyer"].refresh_from_db()
    assert staff["lawyer"].unit == unit_b
    assert login("officer_a").get(page(staff["lawyer"])).status_code == 404
    assert login("officer_b").get(page(staff["lawyer"])).status_code == 200


def test_it_exports_people_with_masked_ids_for_the_county_office(login, staff):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login("county").get(EXPORT)
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    text = " ".join(str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row)
    assert staff["waiting"].masked_id_number in text and staff["waiting"].id_number not in text


def test_it_exports_full_time_legal_work_as_yes_or_no(login, staff):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login("officer_a").get(EXPORT)
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    header_at = next(index for index, row in enumerate(rows) if "专职法律工作" in row)
    column = rows[header_at].index("专职法律工作")
    name = rows[header_at].index("姓名")
    answers = {row[name]: row[column] for row in rows[header_at + 1 :] if row[name]}
    assert answers == {"甲律师": "是", "乙待申请": "是", "丙无资格": "否"}
