"""The matters list with its filters and export, the lawyer's "my matters", and creating and editing a
matter with the fields of its category."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from matters import services
from matters.choices import MatterStatus
from matters.models import Matter
from tests.advisors.factories import exported_cells
from tests.matters.factories import answered, assign, make_decision_item, make_matter

pytestmark = pytest.mark.django_db

LIST = reverse("matters:matter_list")
EXPORT = reverse("matters:matter_export")
MINE = reverse("matters:my_matters")
CREATE = reverse("matters:matter_create")


def update(matter):
    return reverse("matters:matter_update", args=[matter.pk])


def shown(response):
    return {row.record.title for row in response.context["table"].rows}


@pytest.fixture
def several(users, lawyers):
    """Unit A: an open contract, a litigation matter assigned to 甲, an overdue publicity matter assigned to
    乙; unit B: a matter of its own."""
    officer = users["officer_a"]
    contract = make_matter(officer, title="合同甲")
    case = make_matter(officer, category="litigation_petitions", title="诉讼乙", case_number="(2025)陕0722行初1号")
    assign(officer, case, lawyers["first"])
    late = make_matter(officer, category="publicity", title="普法丙")
    assign(officer, late, lawyers["second"])
    Matter.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    other = make_matter(users["officer_b"], title="乙单位事项")
    return {"contract": contract, "case": case, "late": late, "other": other}


def test_it_lists_the_officers_own_unit_and_every_unit_county_wide(login, several):
    assert shown(login("officer_a").get(LIST)) == {"合同甲", "诉讼乙", "普法丙"}
    assert shown(login("officer_b").get(LIST)) == {"乙单位事项"}
    assert shown(login("county").get(LIST)) == {"合同甲", "诉讼乙", "普法丙", "乙单位事项"}
    assert shown(login("justice").get(LIST)) == {"合同甲", "诉讼乙", "普法丙", "乙单位事项"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "litigation_petitions"}, {"诉讼乙"}),
        ({"status": "open"}, {"合同甲"}),
        ({"status": "assigned"}, {"诉讼乙", "普法丙"}),
        ({"overdue": "true"}, {"普法丙"}),
        ({"overdue": "false"}, {"合同甲", "诉讼乙"}),
        ({"q": "0722行初"}, {"诉讼乙"}),
        ({"created_after": "2000-01-01", "created_before": "2000-12-31"}, set()),
    ],
)
def test_it_filters_the_list(login, several, params, expected):
    assert shown(login("officer_a").get(LIST, params)) == expected


def test_it_filters_by_lawyer_and_period(login, several, lawyers):
    client = login("officer_a")
    assert shown(client.get(LIST, {"lawyer": lawyers["first"].pk})) == {"诉讼乙"}
    today = timezone.localdate().isoformat()
    assert shown(client.get(LIST, {"created_after": today, "created_before": today})) == {"合同甲", "诉讼乙", "普法丙"}


def test_it_flags_overdue_rows_and_shows_the_assignees(login, several):
    page = login("officer_a").get(LIST).content.decode()
    assert page.count("data-overdue") == 1
    # English punctuation on the English page (the names used to be joined with the Chinese “（…）、”).
    assert "甲律师 (Waiting for an answer)" in page


def test_the_list_costs_the_same_queries_however_many_rows(login, several, users, lawyers, django_assert_num_queries):
    def count_queries():
        client = login("officer_a")
        # session, user; the unit and lawyer dropdowns; the row count; the page's rows; their assignees
        with django_assert_num_queries(7):
            client.get(LIST)

    count_queries()
    for index in range(5):
        matter = make_matter(users["officer_a"], title=f"新事项{index}")
        assign(users["officer_a"], matter, lawyers["first"], lawyers["paper"])
    count_queries()


def test_it_exports_the_filtered_rows(login, several, django_assert_num_queries):
    client = login("officer_a")
    # session, user; the rows; their assignees; the audit entry
    with django_assert_num_queries(5):
        response = client.get(EXPORT, {"category": "publicity"})
    assert response.status_code == 200
    cells = exported_cells(response)
    assert "普法丙" in cells and "合同甲" not in cells and "乙单位事项" not in cells


def test_the_export_costs_the_same_queries_however_many_rows(login, several, users, lawyers, django_assert_num_queries):
    for index in range(5):
        matter = make_matter(users["officer_a"], title=f"新事项{index}")
        assign(users["officer_a"], matter, lawyers["first"])
    client = login("officer_a")
    with django_assert_num_queries(5):
        client.get(EXPORT)


def test_a_lawyer_sees_their_own_assignments_soonest_first(login, several, users, lawyers, django_assert_num_queries):
    client = login("lawyer_a2")
    # session, user; the row count; the page's rows with their matters and units
    with django_assert_num_queries(4):
        response = client.get(MINE)
    assert [row.record.matter.title for row in response.context["table"].rows] == ["普法丙"]
    assert "data-overdue" in response.content.decode()
    assert [row.record.matter.title for row in login("lawyer_a").get(MINE).context["table"].rows] == ["诉讼乙"]
    assert list(login("lawyer_b").get(MINE).context["table"].rows) == []


def test_my_matters_stays_flat_and_filters_closed_ones(login, users, lawyers, django_assert_num_queries):
    for index in range(4):
        matter = make_matter(users["officer_a"], title=f"事项{index}")
        answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"])
    services.matter_close(actor=users["officer_a"], matter=Matter.objects.get(title="事项0"), adoption="fully")
    client = login("lawyer_a")
    with django_assert_num_queries(4):
        response = client.get(MINE, {"open": "true"})
    assert len(response.context["table"].rows) == 3


def test_the_pages_keep_the_wrong_roles_out(login, users):
    for page in (LIST, EXPORT, MINE, CREATE):
        assert login(None).get(page).status_code == 302
    for role in ("lawyer_a", "committee_a", "bar", "pool", "auditor", "sysadmin"):
        assert login(role).get(LIST).status_code == 403
        assert login(role).get(EXPORT).status_code == 403
    for role in ("officer_a", "county", "justice", "committee_a", "bar", "auditor", "sysadmin"):
        assert login(role).get(MINE).status_code == 403
    for role in ("lawyer_a", "county", "justice", "committee_a"):
        assert login(role).get(CREATE).status_code == 403


def test_it_asks_for_the_category_first_then_shows_its_fields(login, users):
    client = login("officer_a")
    page = client.get(CREATE).content.decode()
    assert "data-categories" in page and "?category=litigation_petitions" in page
    form = client.get(CREATE, {"category": "litigation_petitions"}).context["form"]
    assert {"case_number", "forum", "parties", "our_role", "stage", "outcome"} <= set(form.fields)
    assert "counterparty" not in form.fields and "event" not in form.fields
    form = client.get(CREATE, {"category": "publicity"}).context["form"]
    assert {"event", "audience_size"} <= set(form.fields) and "forum" not in form.fields


def test_it_creates_a_matter_of_the_officers_unit(login, users):
    response = login("officer_a").post(
        CREATE,
        {
            "category": "contracts",
            "title": "审查物业服务合同",
            "due_on": "2030-06-30",
            "counterparty": "城固某物业公司",
            "amount": "120000",
            # A field of another category, sent by hand, is not kept.
            "forum": "某法院",
        },
    )
    matter = Matter.objects.get()
    assert response.status_code == 302 and response.url == matter.get_absolute_url()
    assert matter.unit == users["officer_a"].unit and matter.status == MatterStatus.OPEN
    assert matter.counterparty == "城固某物业公司" and matter.forum == ""


def test_it_names_the_missing_field_and_keeps_what_was_typed(login, users):
    response = login("officer_a").post(
        CREATE, {"category": "litigation_petitions", "title": "行政诉讼案", "due_on": "2030-06-30", "parties": ""}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {"forum", "parties", "our_role"} <= set(form.errors)
    assert "行政诉讼案" in response.content.decode()
    assert not Matter.objects.exists()


def test_a_decision_matter_offers_the_units_current_list_only(login, users, item_a):
    make_decision_item(users["officer_a"], title="已停用事项", is_active=False)
    make_decision_item(users["officer_b"], title="乙单位事项")
    form = login("officer_a").get(CREATE, {"category": "decision_opinion"}).context["form"]
    assert [str(item) for item in form.fields["decision_item"].queryset] == ["重大行政处罚决定"]
    other = make_decision_item(users["officer_b"], title="乙单位另一事项")
    response = login("officer_a").post(
        CREATE,
        {"category": "decision_opinion", "title": "处罚决定", "due_on": "2030-01-01", "decision_item": other.pk},
    )
    assert "decision_item" in response.context["form"].errors and not Matter.objects.exists()


def test_it_edits_a_matter_and_may_change_its_category(login, users, several):
    client = login("officer_a")
    case = several["case"]
    form = client.get(update(case), {"category": "contracts"}).context["form"]
    assert "counterparty" in form.fields and "forum" not in form.fields
    response = client.post(
        update(case),
        {"category": "contracts", "title": "改为合同审查", "due_on": "2030-01-01", "counterparty": "某公司"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.category, case.forum, case.case_number, case.status) == ("contracts", "", "", MatterStatus.ASSIGNED)


def test_only_the_units_officer_edits(login, users, several):
    page = update(several["contract"])
    assert login(None).get(page).status_code == 302
    assert login("officer_b").get(page).status_code == 404
    for role in ("lawyer_a", "county", "justice"):
        assert login(role).get(page).status_code == 403
    assert login("officer_a").get(page).status_code == 200


def test_it_shows_the_due_date_on_the_form(login, users, several):
    form = login("officer_a").get(update(several["contract"])).context["form"]
    assert form.initial["due_on"] == several["contract"].due_on
    assert isinstance(form.initial["due_on"], date)
