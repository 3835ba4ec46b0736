"""The public-lawyer register, its export, and the justice bureau's certificate actions."""

from datetime import date
from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from lawyers.choices import CertificateStatus
from tests.lawyers.factories import make_lawyer

pytestmark = pytest.mark.django_db

REGISTER = reverse("lawyers:register")
EXPORT = reverse("lawyers:register_export")


@pytest.fixture
def certificates(users):
    _a, in_a = make_lawyer(users["officer_a"], users["justice"], name="甲律师")
    _b, in_b = make_lawyer(users["officer_b"], users["justice"], name="乙律师")
    return in_a, in_b


def numbers(response):
    return {row.record.number for row in response.context["table"].page.object_list}


def test_it_shows_the_whole_register_to_county_roles_and_the_bar(login, certificates):
    for name in ("county", "justice", "bar"):
        assert numbers(login(name).get(REGISTER)) == {c.number for c in certificates}


def test_it_shows_an_officer_only_their_units_lawyers(login, certificates):
    assert numbers(login("officer_a").get(REGISTER)) == {certificates[0].number}


@pytest.mark.parametrize("name", ["auditor", "sysadmin", "lawyer_a", "committee_a"])
def test_it_forbids_other_roles(login, certificates, name):
    assert login(name).get(REGISTER).status_code == 403
    assert login(name).get(EXPORT).status_code == 403


def test_it_exports_the_register(login, certificates):
    response = login("county").get(EXPORT)
    rows = list(load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True))
    exported = {cell for row in rows for cell in row}
    assert {c.number for c in certificates} <= exported
    assert "甲律师" in exported


def test_it_keeps_the_register_query_count_flat(login, users, certificates, django_assert_num_queries):
    client = login("county")
    # session, user, count, the page of certificates with holders and units
    with django_assert_num_queries(4):
        client.get(REGISTER)
    for number in range(6):
        make_lawyer(users["officer_a"], users["justice"], name=f"律师{number}")
    with django_assert_num_queries(4):
        client.get(REGISTER)


def test_it_suspends_and_cancels_through_the_pages(login, certificates):
    certificate = certificates[0]
    url = reverse("lawyers:certificate_action", args=[certificate.pk, "suspend"])
    assert login("officer_a").get(url).status_code == 403
    justice = login("justice")
    response = justice.post(url, {"on": "2022-01-01", "reason": "调查"})
    assert response.status_code == 400  # before the issue date
    assert justice.post(url, {"on": "2024-01-01", "reason": "调查"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.SUSPENDED
    cancel = reverse("lawyers:certificate_action", args=[certificate.pk, "cancel"])
    assert justice.post(cancel, {"on": "2024-05-01", "reason": "retired"}).status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.CANCELLED and certificate.ended_on == date(2024, 5, 1)
    # Already ended: the step says so, with the certificate's state, instead of a 403 blaming the role.
    again = justice.get(cancel, follow=True)
    assert again.redirect_chain[-1][0] == certificate.get_absolute_url()
    assert "Already handled" in str(list(again.context["messages"])[-1]) or "已处理" in str(
        list(again.context["messages"])[-1]
    )


def test_it_shows_the_unit_page_with_its_lawyers_and_r12_finding(login, users, certificates, unit_a):
    from tests.lawyers.factories import make_person

    make_person(users["officer_a"], name="丙待申请")
    response = login("county").get(reverse("units:unit_detail", args=[unit_a.pk]))
    assert [p.name for p in response.context["lawyers"]] == ["甲律师"]
    assert [p.name for p in response.context["r12_people"]] == ["丙待申请"]
    assert response.context["headcount_row"][1][2023] == 1


def test_the_certificates_cancellation_says_zhuxiao_not_quxiao(login, certificates):
    """Issue 16: the certificate's cancel button said 取消, the word of every form's way out."""
    certificate = certificates[0]
    client = login("justice")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(certificate.person.get_absolute_url()).content.decode()
    cancel = reverse("lawyers:certificate_action", args=[certificate.pk, "cancel"])
    assert f'href="{cancel}" data-action="cancel">注销</a>' in page
    step = client.get(cancel).content.decode()
    assert "<h1" in step and "注销执业证" in step
    # The step's button says what it does; the way out says 返回, so no 取消 stands beside 注销.
    assert ">注销</button>" in step and ">返回</a>" in step
    assert "取消" not in step.split("<main", 1)[1]
