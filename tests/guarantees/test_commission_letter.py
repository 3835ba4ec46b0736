"""The commission letter download: filled from the matter, for the matter's unit office and the justice bureau."""

from io import BytesIO
from urllib.parse import unquote

import docx
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.models import AuditEvent
from matters.choices import AssignmentStatus, MatterCategory
from tests.conftest import make_user, sign_in

from .conftest import assign, make_matter

pytestmark = pytest.mark.django_db


def letter_url(matter):
    return reverse("guarantees:commission_letter", args=[matter.pk])


def text_of(response) -> str:
    document = docx.Document(BytesIO(response.content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_it_fills_the_letter_from_the_matter(login, users, people, matters, unit_a):
    unit_a.legal_office_contact, unit_a.legal_office_phone = "王法务", "0916-7212345"
    unit_a.save()
    response = login("officer_a").get(letter_url(matters["case_a"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "委托函-（2025）陕0722行初12号.docx" in unquote(response["Content-Disposition"])
    text = text_of(response)
    lines = text.splitlines()
    assert lines[0] == "公职律师委托函" and "城固县人民法院：" in lines
    number = people["jia"].certificates.get().number
    assert f"甲律师（律师执业证号：{number}）" in text
    # 乙 has not answered the assignment yet, so the letter does not name her.
    assert "乙律师" not in text
    assert "汉中某商贸有限公司诉我局行政处罚案（原告：汉中某商贸有限公司；被告：城固县市场监督管理局）" in text
    assert "（案号：（2025）陕0722行初12号）" in text and "我单位系该案被告（被申请人）" in text
    assert "参加该案的诉讼活动" in text and "代理权限：一般代理。" in text
    assert "联系人：王法务　联系电话：0916-7212345" in text
    # The organ and today's date (the tests run on 15 December 2025) close the letter.
    assert lines[-2:] == ["城固县市场监督管理局", "2025年12月15日"]
    assert AuditEvent.objects.filter(action="export", object_id=str(matters["case_a"].pk)).exists()


def test_it_gives_special_authority_and_names_an_arbitration(login, users, people):
    matter = make_matter(
        users["officer_a"],
        title="某物业公司合同纠纷仲裁",
        category=MatterCategory.RECONSIDERATION,
        forum="汉中仲裁委员会",
    )
    assign(matter, people["jia"], users["officer_a"], status=AssignmentStatus.COMPLETED)
    assign(matter, people["yi"], users["officer_a"])
    text = text_of(login("officer_a").get(letter_url(matter), {"authority": "special"}))
    assert "汉中仲裁委员会：" in text and "参加该案的仲裁活动" in text and "代理权限：特别授权" in text
    assert "甲律师" in text and "、乙律师" in text


def test_it_lets_the_justice_bureau_read_the_letter(login, matters):
    assert login("justice").get(letter_url(matters["case_b"])).status_code == 200


def test_it_hides_another_units_matter(login, matters):
    assert login("officer_b").get(letter_url(matters["case_a"])).status_code == 404


def test_it_is_for_the_unit_office_the_justice_bureau_and_the_lawyers_it_names(login, matters):
    assert login(None).get(letter_url(matters["case_a"])).status_code == 302
    for name in ("county", "committee_a", "bar", "pool"):
        assert login(name).get(letter_url(matters["case_a"])).status_code == 403


def test_it_gives_the_assignee_the_letter_of_their_own_matter(login, people, matters):
    """Issue 16: the lawyer who accepted the case could not download the letter that names them (403)."""
    response = login("lawyer_a").get(letter_url(matters["case_a"]))
    assert response.status_code == 200
    assert "甲律师（律师执业证号：" in text_of(response)
    # A lawyer of another unit does not see the matter at all.
    assert login("lawyer_b").get(letter_url(matters["case_a"])).status_code == 404


@pytest.mark.parametrize("status", [AssignmentStatus.PENDING, AssignmentStatus.DECLINED])
def test_it_refuses_the_letter_to_an_assignee_who_has_not_taken_the_matter_on(login, users, people, status):
    matter = make_matter(users["officer_a"], title="某公司诉我局行政许可案")
    assign(matter, people["jia"], users["officer_a"])
    assign(matter, people["yi"], users["officer_a"], status=status)
    make_user("lawyer_yi", Role.PUBLIC_LAWYER, users["officer_a"].unit, person=people["yi"])
    client = Client()
    sign_in(client, User.objects.get(username="lawyer_yi"))
    # 乙 sees the matter she was assigned, not a letter that does not name her.
    assert client.get(matter.get_absolute_url()).status_code == 200
    assert client.get(letter_url(matter)).status_code == 403
    assert "commission-letter" not in client.get(matter.get_absolute_url()).content.decode()


def message_after(client, url) -> str:
    with translation.override("en"):
        response = client.get(url, follow=True)
    return " ".join(str(message) for message in response.context["messages"])


def test_it_explains_a_matter_that_takes_no_letter(login, matters):
    client = login("officer_a")
    response = client.get(letter_url(matters["contract_a"]))
    assert response.status_code == 302
    assert "Only litigation, reconsideration and arbitration matters" in message_after(
        client, letter_url(matters["contract_a"])
    )


def test_it_explains_a_case_nobody_has_accepted_yet(login, users, people):
    matter = make_matter(users["officer_a"])
    assign(matter, people["yi"], users["officer_a"], status=AssignmentStatus.PENDING)
    assert "No public lawyer has accepted the matter" in message_after(login("officer_a"), letter_url(matter))


def test_it_pins_the_query_count(login, matters, django_assert_num_queries):
    client = login("officer_a")
    # session, user, the matter with its unit, the assignments, the certificates in force, the audit entry
    with django_assert_num_queries(6):
        client.get(letter_url(matters["case_a"]))
