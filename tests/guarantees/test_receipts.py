"""Receipts of expense claims and the claim's upper bound (issue 16: claims took no receipts and accepted
¥99,999,999 without a word)."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from chenggu_lawyers.models import AuditEvent
from guarantees import services
from guarantees.models import ExpenseClaim, Receipt

from .files import EXE, JPEG, PDF, upload

pytestmark = pytest.mark.django_db

CREATE = reverse("guarantees:expense_create")


def form(matter, **fields):
    return {
        "matter": matter.pk,
        "incurred_on": "2025-10-10",
        "kind": "travel",
        "amount": "86.00",
        "description": "往返汉中中院高铁票",
        **fields,
    }


def add_url(claim):
    return reverse("guarantees:receipt_add", args=[claim.pk])


@pytest.fixture
def claim(users, matters):
    return services.expense_claim(
        actor=users["lawyer_a"],
        matter=matters["case_a"],
        incurred_on=date(2025, 10, 10),
        kind="travel",
        amount=Decimal("86"),
        description="高铁票",
    )


def test_it_takes_the_receipts_with_the_claim(login, matters):
    receipts = [upload("车票.pdf", PDF), upload("发票.jpg", JPEG)]
    response = login("lawyer_a").post(CREATE, form(matters["case_a"], receipts=receipts))
    claim = ExpenseClaim.objects.get()
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    assert sorted(claim.receipts.values_list("original_name", flat=True)) == ["发票.jpg", "车票.pdf"]
    assert AuditEvent.objects.filter(object_type="guarantees.receipt", action="create").count() == 2
    page = login("officer_a").get(claim.get_absolute_url()).content.decode()
    assert "车票.pdf" in page and "发票.jpg" in page


def test_one_refused_receipt_refuses_the_claim_with_the_reason(login, matters):
    receipts = [upload("车票.pdf", PDF), upload("发票.pdf", EXE)]
    response = login("lawyer_a").post(CREATE, form(matters["case_a"], receipts=receipts))
    assert response.status_code == 200
    assert "发票.pdf" in " ".join(response.context["form"].errors["receipts"])
    assert not ExpenseClaim.objects.exists() and not Receipt.objects.exists()


def test_the_claimant_adds_a_receipt_while_the_claim_waits(login, claim):
    page = login("lawyer_a").get(claim.get_absolute_url()).content.decode()
    assert 'data-form="receipt"' in page and "data-no-receipts" in page
    response = login("lawyer_a").post(add_url(claim), {"file": upload("住宿发票.pdf", PDF)})
    assert response.status_code == 302 and response["Location"] == claim.get_absolute_url()
    receipt = Receipt.objects.get()
    assert receipt.claim == claim and receipt.uploaded_by.username == "lawyer_a"
    assert 'data-form="receipt"' not in login("officer_a").get(claim.get_absolute_url()).content.decode()


def test_it_guards_adding_a_receipt(login, claim):
    assert login(None).post(add_url(claim), {"file": upload("a.pdf", PDF)}).status_code == 302
    for name in ("officer_a", "justice", "county", "committee_a"):
        assert login(name).post(add_url(claim), {"file": upload("a.pdf", PDF)}).status_code == 403
    assert login("lawyer_b").post(add_url(claim), {"file": upload("a.pdf", PDF)}).status_code == 404
    assert not Receipt.objects.exists()


def test_a_decided_claims_receipts_no_longer_change(login, users, claim):
    services.expense_decide(actor=users["officer_a"], claim=claim, decision="approve")
    assert 'data-form="receipt"' not in login("lawyer_a").get(claim.get_absolute_url()).content.decode()
    response = login("lawyer_a").post(add_url(claim), {"file": upload("晚到.pdf", PDF)})
    assert response.status_code == 400
    assert "already been decided" in " ".join(response.context["receipt_form"].errors["file"])
    assert not Receipt.objects.exists()


def test_a_receipt_is_read_by_whoever_sees_the_claim(login, users, claim):
    receipt = services.receipt_add(actor=users["lawyer_a"], claim=claim, upload=upload("票.pdf", PDF))
    url = receipt.get_absolute_url()
    for name in ("lawyer_a", "officer_a", "justice", "county"):
        response = login(name).get(url)
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert login(None).get(url).status_code == 302
    for name in ("officer_b", "lawyer_b"):
        assert login(name).get(url).status_code == 404
    for name in ("committee_a", "bar", "pool"):
        assert login(name).get(url).status_code == 403


def test_the_claim_page_query_count_does_not_grow_with_receipts(login, users, claim, django_assert_num_queries):
    client = login("officer_a")
    # session, user, the claim with its claimant, matter, unit and accounts, its receipts with their uploaders
    with django_assert_num_queries(4):
        client.get(claim.get_absolute_url())
    for number in range(3):
        services.receipt_add(actor=users["lawyer_a"], claim=claim, upload=upload(f"票{number}.pdf", PDF))
    with django_assert_num_queries(4):
        client.get(claim.get_absolute_url())


# ---------------------------------------------------------------------------------------------------------
# The upper bound (docs/daily-work.md: ¥50,000 a claim)


def test_it_takes_a_claim_at_the_limit(login, matters):
    assert login("lawyer_a").post(CREATE, form(matters["case_a"], amount="50000.00")).status_code == 302


@pytest.mark.parametrize("amount", ["50000.01", "99999999"])
def test_it_refuses_a_claim_above_the_limit_in_words(login, matters, amount):
    client = login("lawyer_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(CREATE, form(matters["case_a"], amount=amount))
    assert response.status_code == 200
    assert "单笔报销金额不得超过50000元" in " ".join(response.context["form"].errors["amount"])
    assert not ExpenseClaim.objects.exists()


def test_it_says_the_limit_beside_the_amount(login, matters):
    client = login("lawyer_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "单笔不超过50,000元" in client.get(CREATE).content.decode()


def test_the_database_holds_the_limit(claim):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExpenseClaim.objects.filter(pk=claim.pk).update(amount=Decimal("99999999"))
