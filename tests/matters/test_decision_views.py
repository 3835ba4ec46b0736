"""The decision-item list each unit keeps (R2.2) and the report of decisions taken without a public lawyer's
opinion before them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from matters.models import DecisionItem, Matter
from tests.matters.factories import answered, make_decision_item, make_matter

pytestmark = pytest.mark.django_db

ITEMS = reverse("matters:decision_item_list")
ITEM_CREATE = reverse("matters:decision_item_create")
REPORT = reverse("matters:decision_report")


def item_update(item):
    return reverse("matters:decision_item_update", args=[item.pk])


def titles(response):
    return {row.record.title for row in response.context["table"].rows}


def on(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def test_the_officer_keeps_the_units_list(login, users):
    client = login("officer_a")
    response = client.post(
        ITEM_CREATE, {"title": "重大行政处罚决定", "description": "罚款五万元以上", "is_active": "on"}
    )
    assert response.status_code == 302 and response.url == ITEMS
    item = DecisionItem.objects.get()
    assert item.unit == users["officer_a"].unit
    response = client.post(item_update(item), {"title": "重大行政处罚决定", "description": "", "is_active": ""})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_active is False


def test_a_title_is_kept_once_per_unit(login, users, item_a):
    response = login("officer_a").post(ITEM_CREATE, {"title": item_a.title, "is_active": "on"})
    assert response.status_code == 200 and "already holds an item" in response.content.decode()
    assert login("officer_b").post(ITEM_CREATE, {"title": item_a.title, "is_active": "on"}).status_code == 302
    assert DecisionItem.objects.count() == 2


def test_the_list_shows_each_unit_its_own(login, users, item_a, django_assert_num_queries):
    make_decision_item(users["officer_b"], title="土地征收决定")
    client = login("officer_a")
    # session, user; the unit dropdown; the row count; the page's rows with their matter counts
    with django_assert_num_queries(5):
        response = client.get(ITEMS)
    assert titles(response) == {"重大行政处罚决定"}
    assert titles(login("county").get(ITEMS)) == {"重大行政处罚决定", "土地征收决定"}
    for index in range(4):
        make_decision_item(users["officer_a"], title=f"事项{index}")
    with django_assert_num_queries(5):
        client.get(ITEMS)


def test_the_list_pages_keep_the_wrong_roles_out(login, users, item_a):
    for page in (ITEMS, ITEM_CREATE, REPORT, item_update(item_a)):
        assert login(None).get(page).status_code == 302
    for role in ("lawyer_a", "committee_a", "bar", "pool", "auditor", "sysadmin"):
        for page in (ITEMS, REPORT):
            assert login(role).get(page).status_code == 403
    for role in ("county", "justice", "lawyer_a"):
        assert login(role).get(ITEM_CREATE).status_code == 403
        assert login(role).get(item_update(item_a)).status_code == 403
    assert login("officer_b").get(item_update(item_a)).status_code == 404
    assert login("officer_a").get(item_update(item_a)).status_code == 200


@pytest.fixture
def decisions(users, lawyers, item_a):
    """Four decision matters of unit A: heard the day before, heard on the day, heard after, never heard;
    one without a decision date yet; and unit B's decision without an opinion."""
    officer = users["officer_a"]

    def decision(title, decided_on, opinion_on=None):
        with on(date(2025, 3, 1)):
            matter = make_matter(
                officer, category="decision_opinion", title=title, decision_item=item_a, due_on=date(2025, 6, 30)
            )
        if opinion_on:
            with on(opinion_on):
                answered(officer, users["lawyer_a"], matter, lawyers["first"])
        Matter.objects.filter(pk=matter.pk).update(decision_on=decided_on)
        return matter

    decision("事前听取", date(2025, 4, 10), opinion_on=date(2025, 4, 9))
    decision("当日听取", date(2025, 4, 10), opinion_on=date(2025, 4, 10))
    decision("事后补意见", date(2025, 4, 10), opinion_on=date(2025, 4, 20))
    decision("未听取", date(2025, 4, 10))
    decision("尚未决策", None)
    item_b = make_decision_item(users["officer_b"], title="土地征收决定")
    with on(date(2025, 3, 1)):
        make_matter(
            users["officer_b"],
            category="decision_opinion",
            title="乙单位未听取",
            decision_item=item_b,
            decision_on=date(2025, 4, 1),
            due_on=date(2025, 6, 30),
        )


def test_the_report_lists_decisions_without_an_opinion_before_them(
    login, users, item_a, decisions, django_assert_num_queries
):
    client = login("officer_a")
    # session, user; the unit dropdown; the row count; the page's rows with their first opinions
    with django_assert_num_queries(5):
        response = client.get(REPORT)
    assert titles(response) == {"当日听取", "事后补意见", "未听取"}
    assert titles(login("county").get(REPORT)) == {"当日听取", "事后补意见", "未听取", "乙单位未听取"}
    assert titles(login("county").get(REPORT, {"year": 2024})) == set()
    rows = {row.record.title: row.record for row in response.context["table"].rows}
    for index in range(3):
        make_matter(
            users["officer_a"],
            category="decision_opinion",
            title=f"又一决定{index}",
            decision_item=item_a,
            decision_on=date(2025, 5, 1),
        )
    with django_assert_num_queries(5):
        assert len(client.get(REPORT).context["table"].rows) == 6
    assert rows["未听取"].first_opinion_at is None
    assert rows["事后补意见"].first_opinion_at.date() == date(2025, 4, 20)


def test_a_decision_matter_links_to_its_item(login, users, item_a):
    response = login("officer_a").post(
        reverse("matters:matter_create"),
        {
            "category": "decision_opinion",
            "title": "处罚决定",
            "due_on": "2030-01-01",
            "decision_item": item_a.pk,
            "decision_on": "2030-01-05",
        },
    )
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.decision_item == item_a and matter.decision_on == date(2030, 1, 5)
    assert titles(login("officer_a").get(ITEMS)) == {"重大行政处罚决定"}
    assert login("officer_a").get(ITEMS).context["table"].rows[0].record.matter_count == 1
