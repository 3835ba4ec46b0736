"""Expense claims against matters: claiming, deciding, the lists and the totals per matter and per lawyer."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from guarantees import services
from guarantees.expenses import with_expense_totals
from guarantees.models import ExpenseClaim
from matters.models import Matter
from notices.models import Notice

pytestmark = pytest.mark.django_db

LIST = reverse("guarantees:expense_list")
EXPORT = reverse("guarantees:expense_export")
CREATE = reverse("guarantees:expense_create")
TOTALS = reverse("guarantees:expense_totals")


def claim(actor, matter, day=date(2025, 10, 10), kind="travel", amount="120.50", description="往返法院交通费"):
    return services.expense_claim(
        actor=actor, matter=matter, incurred_on=day, kind=kind, amount=Decimal(amount), description=description
    )


def refusal(call) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


def detail(row):
    return reverse("guarantees:expense_detail", args=[row.pk])


def decide(row):
    return reverse("guarantees:expense_decide", args=[row.pk])


@pytest.fixture
def claims(users, matters):
    """甲 on unit A's case: 120.50 travel approved, 300 accommodation refused, 45 fees waiting (2025), 80 travel
    approved (2024). 丙 on unit B's case: 66.60 travel approved (2025)."""
    lawyer_a, officer_a, case_a = users["lawyer_a"], users["officer_a"], matters["case_a"]
    rows = {
        "travel": claim(lawyer_a, case_a),
        "hotel": claim(lawyer_a, case_a, date(2025, 10, 11), "accommodation", "300", "住宿一晚"),
        "fees": claim(lawyer_a, case_a, date(2025, 11, 1), "fees", "45.00", "档案复印费"),
        "old": claim(lawyer_a, case_a, date(2024, 12, 20), "travel", "80", "2024年交通费"),
        "bing": claim(users["lawyer_b"], matters["case_b"], date(2025, 9, 1), "travel", "66.60", "丙的交通费"),
    }
    services.expense_decide(actor=officer_a, claim=rows["travel"], decision="approve")
    services.expense_decide(actor=officer_a, claim=rows["hotel"], decision="refuse", reason="超出住宿标准")
    services.expense_decide(actor=officer_a, claim=rows["old"], decision="approve")
    services.expense_decide(actor=users["officer_b"], claim=rows["bing"], decision="approve")
    return rows


# ---------------------------------------------------------------------------------------------------------
# Claiming and deciding


def test_it_lets_a_lawyer_claim_against_a_matter_they_took_on(users, people, matters):
    row = claim(users["lawyer_a"], matters["case_a"])
    assert (row.person, row.status, row.submitted_by) == (people["jia"], "submitted", users["lawyer_a"])
    assert Notice.objects.get(kind="expense_submitted").recipient == users["officer_a"]


@pytest.mark.parametrize("matter", ["contract_a", "case_b"])
def test_it_refuses_a_matter_not_assigned_to_the_lawyer(users, matters, matter):
    assert "assigned to you" in refusal(lambda: claim(users["lawyer_a"], matters[matter]))
    assert not ExpenseClaim.objects.exists()


def test_it_refuses_a_claim_on_a_pending_assignment(users, people, matters):
    users["lawyer_a"].person = people["yi"]
    users["lawyer_a"].save()
    assert "assigned to you" in refusal(lambda: claim(users["lawyer_a"], matters["case_a"]))


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_it_refuses_an_amount_that_is_not_positive(users, matters, amount):
    assert refusal(lambda: claim(users["lawyer_a"], matters["case_a"], amount=amount))
    assert not ExpenseClaim.objects.exists()


def test_it_refuses_a_day_in_the_future(users, matters):
    assert "cannot be in the future" in refusal(
        lambda: claim(users["lawyer_a"], matters["case_a"], day=date(2026, 1, 5))
    )


@pytest.mark.parametrize("name", ["officer_a", "county", "lawyer_b"])
def test_it_lets_only_a_lawyer_with_a_person_record_claim(users, matters, name):
    if name == "lawyer_b":
        users["lawyer_b"].person = None
        users["lawyer_b"].save()
    with pytest.raises(PermissionDenied):
        claim(users[name], matters["case_a"])


def test_it_approves_and_refuses_with_a_reason(users, matters):
    row = claim(users["lawyer_a"], matters["case_a"])
    assert "reason for the refusal" in refusal(
        lambda: services.expense_decide(actor=users["officer_a"], claim=row, decision="refuse")
    )
    services.expense_decide(actor=users["officer_a"], claim=row, decision="refuse", reason="无票据")
    row = ExpenseClaim.objects.get(pk=row.pk)
    assert (row.status, row.refusal_reason, row.decided_by) == ("refused", "无票据", users["officer_a"])
    assert Notice.objects.get(kind="expense_decided").recipient == users["lawyer_a"]
    assert "already been decided" in refusal(
        lambda: services.expense_decide(actor=users["officer_a"], claim=row, decision="approve")
    )


@pytest.mark.parametrize("name", ["officer_b", "lawyer_a", "county", "justice"])
def test_it_lets_only_the_matters_unit_office_decide(users, matters, name):
    row = claim(users["lawyer_a"], matters["case_a"])
    with pytest.raises(PermissionDenied):
        services.expense_decide(actor=users[name], claim=row, decision="approve")
    assert ExpenseClaim.objects.get(pk=row.pk).status == "submitted"


# ---------------------------------------------------------------------------------------------------------
# Totals


def test_it_totals_per_matter(matters, claims):
    totals = {
        matter.pk: (matter.approved_expenses, matter.pending_expenses)
        for matter in with_expense_totals(Matter.objects.all())
    }
    assert totals[matters["case_a"].pk] == (Decimal("200.50"), Decimal("45.00"))
    assert totals[matters["case_b"].pk] == (Decimal("66.60"), Decimal("0"))
    assert totals[matters["contract_a"].pk] == (Decimal("0"), Decimal("0"))


def totals_rows(response):
    return {
        row.record["name"]: (
            row.record["claims"],
            row.record["approved"],
            row.record["submitted"],
            row.record["refused"],
        )
        for row in response.context["table"].page.object_list
    }


def test_it_totals_per_lawyer_and_year(login, claims):
    assert totals_rows(login("county").get(TOTALS, {"year": "2025"})) == {
        "甲律师": (3, Decimal("120.50"), Decimal("45.00"), Decimal("300.00")),
        "丙律师": (1, Decimal("66.60"), Decimal("0"), Decimal("0")),
    }
    assert totals_rows(login("officer_a").get(TOTALS, {"year": "2024"})) == {
        "甲律师": (1, Decimal("80.00"), Decimal("0"), Decimal("0"))
    }
    assert set(totals_rows(login("officer_b").get(TOTALS, {"year": "2025"}))) == {"丙律师"}


def test_it_keeps_the_totals_query_count_flat(login, users, matters, claims, django_assert_num_queries):
    client = login("justice")
    # session, user, count, the page of claimants with their sums
    with django_assert_num_queries(4):
        client.get(TOTALS, {"year": "2025"})
    for day in range(1, 8):
        claim(users["lawyer_a"], matters["case_a"], date(2025, 11, day), amount="10")
    with django_assert_num_queries(4):
        client.get(TOTALS, {"year": "2025"})


# ---------------------------------------------------------------------------------------------------------
# Pages


def listed(response):
    return {row.record.description for row in response.context["table"].page.object_list}


@pytest.mark.parametrize(
    "name,expected",
    [
        ("lawyer_a", {"往返法院交通费", "住宿一晚", "档案复印费", "2024年交通费"}),
        ("lawyer_b", {"丙的交通费"}),
        ("officer_b", {"丙的交通费"}),
        ("county", {"往返法院交通费", "住宿一晚", "档案复印费", "2024年交通费", "丙的交通费"}),
    ],
)
def test_it_lists_the_claims_each_role_sees(login, claims, name, expected):
    assert listed(login(name).get(LIST)) == expected


def test_it_shows_the_totals_of_the_filtered_list(login, claims):
    totals = login("officer_a").get(LIST, {"year": "2025"}).context["totals"]
    assert (totals["approved"], totals["submitted"], totals["refused"], totals["count"]) == (
        Decimal("120.50"),
        Decimal("45.00"),
        Decimal("300.00"),
        3,
    )


def test_it_shows_a_claim_to_those_who_see_it_and_404_to_others(login, claims):
    row = claims["fees"]
    for name in ("lawyer_a", "officer_a", "county", "justice"):
        assert login(name).get(detail(row)).status_code == 200
    for name in ("officer_b", "lawyer_b"):
        assert login(name).get(detail(row)).status_code == 404
    assert login(None).get(detail(row)).status_code == 302
    assert login("bar").get(detail(row)).status_code == 403
    assert "decision_form" in login("officer_a").get(detail(row)).context
    assert "decision_form" not in login("lawyer_a").get(detail(row)).context


def test_it_decides_a_claim_on_its_page(login, claims):
    row = claims["fees"]
    response = login("officer_a").post(decide(row), {"decision": "refuse", "reason": ""})
    assert response.status_code == 400 and "reason for the refusal" in response.content.decode()
    assert ExpenseClaim.objects.get(pk=row.pk).status == "submitted"
    assert login("officer_b").post(decide(row), {"decision": "approve"}).status_code == 404
    assert login("lawyer_a").post(decide(row), {"decision": "approve"}).status_code == 403
    response = login("officer_a").post(decide(row), {"decision": "approve", "reason": ""})
    assert response.status_code == 302 and ExpenseClaim.objects.get(pk=row.pk).status == "approved"
    assert login("officer_a").post(decide(row), {"decision": "approve"}).status_code == 403


def test_it_lets_a_lawyer_claim_on_the_form(login, matters):
    client = login("lawyer_a")
    response = client.get(CREATE, {"matter": matters["case_a"].pk})
    form = response.context["form"]
    assert set(form.fields["matter"].queryset) == {matters["case_a"]}
    assert str(form["matter"].value()) == str(matters["case_a"].pk)
    bad = {
        "matter": matters["case_a"].pk,
        "incurred_on": "2025-10-10",
        "kind": "travel",
        "amount": "0",
        "description": "x",
    }
    assert client.post(CREATE, bad).status_code == 200 and not ExpenseClaim.objects.exists()
    response = client.post(CREATE, {**bad, "amount": "35.5", "description": "出租车费"})
    row = ExpenseClaim.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(row) and row.amount == Decimal("35.50")


def test_it_refuses_another_units_matter_on_the_form(login, matters):
    data = {
        "matter": matters["case_b"].pk,
        "incurred_on": "2025-10-10",
        "kind": "travel",
        "amount": "5",
        "description": "x",
    }
    assert login("lawyer_a").post(CREATE, data).status_code == 200
    assert not ExpenseClaim.objects.exists()


def test_it_guards_the_pages(login, claims):
    assert login(None).get(LIST).status_code == 302
    for name in ("committee_a", "bar", "pool", "auditor"):
        for url in (LIST, EXPORT, TOTALS, CREATE):
            assert login(name).get(url).status_code == 403
    for name in ("officer_a", "county", "justice"):
        assert login(name).get(CREATE).status_code == 403
    assert login("lawyer_a").get(TOTALS).status_code == 403


def test_it_keeps_the_list_and_export_query_counts_flat(login, users, matters, claims, django_assert_num_queries):
    client = login("justice")
    # session, user, count, the units of the filter's dropdown, the page of claims with people, matters and
    # units, the totals
    with django_assert_num_queries(6):
        client.get(LIST)
    # session, user, the claims with people, matters and units, the audit entry
    with django_assert_num_queries(4):
        client.get(EXPORT)
    for day in range(1, 8):
        claim(users["lawyer_a"], matters["case_a"], date(2025, 11, day), amount="10")
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(response.context["table"].page.object_list) == 12
    with django_assert_num_queries(4):
        client.get(EXPORT)


def test_it_pins_the_claim_page_query_count(login, claims, django_assert_num_queries):
    client = login("officer_a")
    # session, user, the claim with its claimant, matter, unit and accounts, its receipts with their uploaders
    with django_assert_num_queries(4):
        client.get(detail(claims["travel"]))
