"""Labels of the matter pages in both languages: a matter's due date is its 办理期限 (a discipline notice's
is its 签收期限), hours in the work log have their unit translated, a missing first opinion shows as —, and
the status badges say by their colour whether something waits or is done."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from discipline.models import Acknowledgement
from matters import services
from matters.models import Matter
from tests.matters.factories import assign, make_decision_item, make_matter

pytestmark = pytest.mark.django_db

LIST = reverse("matters:matter_list")


def chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def headers(response) -> list[str]:
    return [str(column.header) for column in response.context["table"].columns]


def test_a_matters_due_date_and_a_notices_acknowledgement_date_have_their_own_labels(login, matter):
    assert "办理期限" in headers(chinese(login("officer_a")).get(LIST))
    assert "签收期限" not in chinese(login("officer_a")).get(LIST).content.decode()
    assert "Due date" in headers(login("officer_a").get(LIST))
    with translation.override("zh-hans"):
        assert str(Matter._meta.get_field("due_on").verbose_name) == "办理期限"
        assert str(Acknowledgement._meta.get_field("due_on").verbose_name) == "签收期限"
    with translation.override("en"):
        assert str(Acknowledgement._meta.get_field("due_on").verbose_name) == "acknowledge by"


def test_the_work_log_gives_hours_in_the_readers_language(login, users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
    services.work_log_add(
        actor=users["lawyer_a"],
        assignment=assignment,
        worked_on=timezone.localdate(),
        hours=Decimal("3.5"),
        description="查阅资料",
    )
    url = reverse("matters:matter_detail", args=[matter.pk])
    assert " · 3.5 小时 · 查阅资料</li>" in chinese(login("officer_a")).get(url).content.decode()
    assert " · 3.5 h · 查阅资料</li>" in login("officer_a").get(url).content.decode()


def test_the_status_badges_tell_waiting_from_done(login, users, lawyers, matter):
    assign(users["officer_a"], matter, lawyers["first"])
    page = login("officer_a").get(reverse("matters:matter_detail", args=[matter.pk])).content.decode()
    assert '<span class="badge text-bg-warning" data-status="assigned">' in page
    assert '<span class="badge text-bg-warning" data-assignment-status="pending">' in page


def test_the_decision_report_shows_a_dash_where_no_opinion_came(login, users):
    item = make_decision_item(users["officer_a"])
    make_matter(
        users["officer_a"],
        category="decision_opinion",
        title="未听取",
        decision_item=item,
        decision_on=date(2025, 4, 10),
        due_on=date(2025, 6, 30),
    )
    page = login("officer_a").get(reverse("matters:decision_report")).content.decode()
    row = page[page.index("未听取") :]
    row = row[: row.index("</tr>")]
    assert ">—</td>" in row


def test_the_assignee_declines_in_their_own_words(login, users, lawyers, matter):
    """Issue 16: the lawyer's button said 不予选派, the superior's answer to a dispatch request."""
    assign(users["officer_a"], matter, lawyers["first"])
    page = chinese(login("lawyer_a")).get(matter.get_absolute_url()).content.decode()
    assert "拒绝承办" in page and "接受承办" in page and "说明理由" in page
    assert "不予选派" not in page
    page = login("lawyer_a").get(matter.get_absolute_url()).content.decode()
    assert "Decline the assignment" in page


def test_the_work_log_counts_working_hours_not_training_hours(login, users, lawyers, matter):
    """Issue 16: the work log called its hours 学时, the training word."""
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
    main = chinese(login("lawyer_a")).get(matter.get_absolute_url()).content.decode().split("<main", 1)[1]
    assert "工时（小时）" in main and "学时" not in main
    with translation.override("zh-hans"):
        from training.models import TrainingEvent

        # Training keeps its 学时.
        assert str(TrainingEvent._meta.get_field("hours").verbose_name) == "学时"


def test_a_publicity_matter_names_its_event_a_publicity_event(login, users):
    """Issue 16: a publicity (普法) matter's field said 培训活动, a training event."""
    response = chinese(login("officer_a")).get(reverse("matters:matter_create") + "?category=publicity")
    assert response.context["form"]["event"].label == "宣传活动"
    matter = make_matter(users["officer_a"], category="publicity", title="宪法宣传周", event="宪法进社区")
    response = chinese(login("county")).get(matter.get_absolute_url())
    assert ("宣传活动", "宪法进社区") in [(str(label), value) for label, value in response.context["detail_fields"]]
    main = response.content.decode().split("<main", 1)[1]
    assert "培训活动" not in main
