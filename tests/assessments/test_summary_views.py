"""The summary pages and documents: who may open them (anonymous, wrong role, right role, other unit), what
they show in each state, the buttons they offer, their query counts."""

import re
from datetime import date
from io import BytesIO

import docx
import pytest
from django.test import Client
from django.urls import reverse
from docx.oxml.ns import qn
from openpyxl import load_workbook

from assessments.choices import SummaryStatus
from assessments.models import UnitSummary
from assessments.models.summaries import SummaryReminder
from assessments.services import summaries as services
from chenggu_lawyers.models import AuditEvent
from notices.models import Notice
from tests.conftest import make_unit, make_user, sign_in
from tests.lawyers.factories import make_lawyer

from .summary_scenario import build_summary_year, on, open_year

pytestmark = pytest.mark.django_db

TEXT = {"work_done": "建立公职律师工作制度。", "problems": "人员偏少。", "plans": "再推荐两名。"}
WRONG_ROLES = ("lawyer_a", "bar", "auditor", "sysadmin")
ACTION = re.compile(r'data-action="([a-z-]+)"')


@pytest.fixture
def world(users, superior):
    return build_summary_year(users, superior)


@pytest.fixture
def draft(world, users):
    summary = services.summary_start(actor=users["officer_a"], year=world["year"])
    return services.summary_save_text(actor=users["officer_a"], summary=summary, **TEXT)


@pytest.fixture
def submitted(draft, users):
    return services.summary_submit(actor=users["officer_a"], summary=draft)


@pytest.fixture
def returned(submitted, users):
    return services.summary_return(actor=users["committee_a"], summary=submitted, comment="请补充培训情况。")


@pytest.fixture
def approved(submitted, users):
    return services.summary_approve(actor=users["committee_a"], summary=submitted)


def chinese(user) -> Client:
    """A client without the English cookie: the portal speaks Chinese, as to a county clerk."""
    return sign_in(Client(), user)


def workbook_rows(response) -> list[list]:
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def answers(login, url, names, method="get") -> dict[str, int]:
    return {name: getattr(login(name), method)(url).status_code for name in names}


# --- Who may open what, in each state ----------------------------------------------------------------------


def test_it_guards_a_draft_by_role_and_unit(login, draft):
    url = reverse("assessments:summary_detail", args=[draft.pk])
    assert login(None).get(url).status_code == 302
    assert answers(login, url, WRONG_ROLES) == dict.fromkeys(WRONG_ROLES, 403)
    # Roles that read summaries, but not this one: another unit's, or a draft outside the unit.
    outside = ("officer_b", "county", "justice", "pool", "committee_a", "committee_b")
    assert answers(login, url, outside) == dict.fromkeys(outside, 404)
    assert login("officer_a").get(url).status_code == 200


@pytest.mark.parametrize("url_name", ["summary_detail", "summary_docx", "summary_xlsx"])
def test_it_shows_a_submitted_summary_to_the_unit_and_its_committee_only(login, submitted, url_name):
    url = reverse(f"assessments:{url_name}", args=[submitted.pk])
    assert login(None).get(url).status_code == 302
    assert answers(login, url, WRONG_ROLES) == dict.fromkeys(WRONG_ROLES, 403)
    # Not yet the county office's: it receives the summary once the committee approved it.
    outside = ("officer_b", "committee_b", "county", "justice", "pool")
    assert answers(login, url, outside) == dict.fromkeys(outside, 404)
    assert answers(login, url, ("officer_a", "committee_a")) == {"officer_a": 200, "committee_a": 200}


@pytest.mark.parametrize("url_name", ["summary_detail", "summary_docx", "summary_xlsx"])
def test_it_sends_an_approved_summary_to_the_county_office(login, approved, url_name):
    url = reverse(f"assessments:{url_name}", args=[approved.pk])
    readers = ("officer_a", "committee_a", "county", "justice")
    assert answers(login, url, readers) == dict.fromkeys(readers, 200)
    # Unit A is in no vertical system: no superior organisation receives it.
    outside = ("officer_b", "committee_b", "pool", "pool_other")
    assert answers(login, url, outside) == dict.fromkeys(outside, 404)


def test_it_lets_a_systems_superior_organisation_read_its_units_approved_summaries(login, world, users):
    from .test_summaries import system_unit_summary

    summary = system_unit_summary(world, users)
    url = reverse("assessments:summary_detail", args=[summary.pk])
    assert login("pool").get(url).status_code == 404  # under review: the committee's, not yet sent on
    assert login("committee_tax").get(url).status_code == 200
    client = login("committee_tax")
    page = client.post(reverse("assessments:summary_approve", args=[summary.pk]), follow=True).content.decode()
    assert "sent to the county office and to 国家税务总局汉中市税务局" in page
    assert login("pool").get(url).status_code == 200
    assert login("pool_other").get(url).status_code == 404
    listed = login("pool").get(reverse("assessments:year_summaries", args=[world["year"].pk]))
    assert [unit.name for unit, _entry in listed.context["rows"]] == [world["D"].name]


# --- The buttons a page offers are the actions the service accepts -----------------------------------------


@pytest.mark.parametrize(
    ("state", "name", "buttons"),
    [
        ("draft", "officer_a", {"edit", "submit"}),
        ("submitted", "officer_a", set()),
        ("submitted", "committee_a", {"approve", "return"}),
        ("returned", "officer_a", {"edit", "submit"}),
        ("returned", "committee_a", set()),
        ("approved", "officer_a", set()),
        ("approved", "committee_a", set()),
        ("approved", "county", set()),
        ("approved", "justice", set()),
    ],
)
def test_it_offers_exactly_the_actions_the_service_accepts(request, login, users, state, name, buttons):
    summary = request.getfixturevalue(state)
    page = login(name).get(reverse("assessments:summary_detail", args=[summary.pk])).content.decode()
    shown = set(ACTION.findall(page))
    assert shown == buttons
    assert shown == set(
        services.summary_actions(users[name], UnitSummary.objects.select_related("unit").get(pk=summary.pk))
    )


# --- Writing and submitting --------------------------------------------------------------------------------


def test_it_shows_the_draft_figures_computed_now_and_the_text(login, users, draft, django_assert_num_queries):
    client = login("officer_a")
    url = reverse("assessments:summary_detail", args=[draft.pk])
    # session, user; the summary with year, unit and its people; whether a committee assesses the unit (the
    # submit button); nine coverage loads (six facts, three of R1.2 staff); targets; eligible staff; pools;
    # matters by category; training plan; training hours; grades
    with django_assert_num_queries(20):
        response = client.get(url)
    page = response.content.decode()
    assert response.context["figures"].headcount == {"year_end": 2, "previous_year_end": 1, "change": 1}
    assert "建立公职律师工作制度。" in page and "Submit to the committee" in page
    assert "public lawyer 甲" in page
    # More lawyers and matters do not add queries.
    for number in range(3):
        make_lawyer(users["officer_a"], users["justice"], name=f"新律师{number}")
    with django_assert_num_queries(20):
        client.get(url)


def test_it_shows_a_submitted_summary_from_its_snapshot(login, submitted, django_assert_num_queries):
    client = login("committee_a")
    url = reverse("assessments:summary_detail", args=[submitted.pk])
    # session, user; the summary with year, unit and its people (the figures are its snapshot); whether the
    # member sits on the unit's committee (the approve and return buttons)
    with django_assert_num_queries(4):
        page = client.get(url).content.decode()
    assert "Approve and send on" in page and "Return for revision" in page
    assert "the figures are fixed as they were then" in page
    assert "Waiting for the unit's assessment committee" in page


def test_it_lets_the_officer_write_the_text_until_submitted(login, draft, users):
    client = login("officer_a")
    url = reverse("assessments:summary_edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"work_done": "新的总结", "problems": "问题", "plans": "计划"})
    assert response.status_code == 302
    assert UnitSummary.objects.get(pk=draft.pk).work_done == "新的总结"
    assert login("officer_b").get(url).status_code == 404
    assert login("county").get(url).status_code == 403
    assert login("committee_a").get(url).status_code == 403
    assert login(None).get(url).status_code == 302
    services.summary_submit(actor=users["officer_a"], summary=draft)
    page = client.get(url, follow=True).content.decode()
    assert "can no longer be edited" in page
    response = client.post(url, {"work_done": "改了", "problems": "问题", "plans": "计划"})
    assert "can no longer be edited" in response.content.decode()
    assert UnitSummary.objects.get(pk=draft.pk).work_done == "新的总结"


def test_it_guards_the_submit_page(login, draft):
    url = reverse("assessments:summary_submit", args=[draft.pk])
    assert login(None).get(url).status_code == 302
    assert answers(login, url, ("county", "committee_a", "lawyer_a")) == {
        "county": 403,
        "committee_a": 403,
        "lawyer_a": 403,
    }
    assert login("officer_b").get(url).status_code == 404
    assert login("officer_b").post(url).status_code == 404
    assert login("officer_a").get(url).status_code == 200
    assert UnitSummary.objects.get(pk=draft.pk).status == SummaryStatus.DRAFT


def test_it_submits_a_finished_year_to_the_committee_and_says_so_when_pressed_again(login, draft, users):
    client = login("officer_a")
    url = reverse("assessments:summary_submit", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "open-year-warning" not in page  # 2024 is over: nothing to warn about
    page = client.post(url, follow=True).content.decode()
    assert "submitted to the unit&#x27;s assessment committee; its figures are now fixed" in page
    first = UnitSummary.objects.get(pk=draft.pk)
    assert first.status == SummaryStatus.SUBMITTED
    assert Notice.objects.get(kind="summary_submitted").recipient == users["committee_a"]
    # The back button and the same button again: "already handled", with the state, not an error page.
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Already handled: the summary is now “Submitted, awaiting the committee”." in response.content.decode()
    page = client.post(url, follow=True).content.decode()
    assert "Already handled" in page
    assert UnitSummary.objects.get(pk=draft.pk).submitted_at == first.submitted_at


def test_it_warns_before_submitting_a_year_that_has_not_ended(users, draft):
    """The defect: on 2 December the summary went off with a click, its figures frozen a month early."""
    client = chinese(users["officer_a"])
    url = reverse("assessments:summary_submit", args=[draft.pk])
    with on(date(2024, 12, 2)):
        page = client.get(url).content.decode()
        assert "该年度尚未结束，提交后数据将冻结为2024-12-02的数据" in page
        # Without the explicit confirmation nothing is submitted.
        response = client.post(url)
        assert response.status_code == 200 and "年度结束前提交须勾选确认" in response.content.decode()
        assert UnitSummary.objects.get(pk=draft.pk).status == SummaryStatus.DRAFT
        response = client.post(url, {"confirm_open_year": "on"})
    assert response.status_code == 302
    summary = UnitSummary.objects.get(pk=draft.pk)
    assert (summary.status, summary.figures_as_of) == (SummaryStatus.SUBMITTED, date(2024, 12, 2))
    page = chinese(users["committee_a"]).get(summary.get_absolute_url()).content.decode()
    assert "本总结于2024年度结束前提交" in page


def test_it_says_in_chinese_what_is_missing_and_changes_nothing(users, world):
    summary = services.summary_start(actor=users["officer_a"], year=world["year"])
    client = chinese(users["officer_a"])  # no language cookie: the portal speaks Chinese
    response = client.post(reverse("assessments:summary_submit", args=[summary.pk]), follow=True)
    assert "提交前请填写：工作开展情况、存在的问题、下一年度工作计划。" in response.content.decode()
    assert UnitSummary.objects.get(pk=summary.pk).status == SummaryStatus.DRAFT


def test_it_says_why_a_summary_cannot_be_submitted_without_a_committee(users, unit_a, login):
    year = open_year(users, [unit_a], year=2025)
    summary = services.summary_start(actor=users["officer_a"], year=year)
    page = chinese(users["officer_a"]).get(summary.get_absolute_url()).content.decode()
    assert "本单位尚未设立2025年度考核评定工作机构" in page and 'data-action="submit"' not in page


def test_it_says_in_chinese_that_the_unit_does_not_take_part(users, world):
    outsider = make_user("officer_c", "unit_officer", make_unit("城固县文化和旅游局"))
    response = chinese(outsider).post(reverse("assessments:summary_start", args=[world["year"].pk]), follow=True)
    assert "本单位未参加2024年度考核。" in response.content.decode()
    assert not UnitSummary.objects.exists()


def test_it_starts_the_draft_from_the_years_list(login, world, users):
    url = reverse("assessments:summary_start", args=[world["year"].pk])
    assert login("county").post(url).status_code == 403
    assert login("committee_a").post(url).status_code == 403
    assert login(None).post(url).status_code == 302 and not UnitSummary.objects.exists()
    response = login("officer_a").post(url)
    summary = UnitSummary.objects.get()
    assert response.status_code == 302 and response["Location"] == summary.get_absolute_url()
    assert summary.unit == users["officer_a"].unit
    assert login("officer_a").post(url)["Location"] == summary.get_absolute_url()
    assert UnitSummary.objects.count() == 1


# --- The committee returns or approves ---------------------------------------------------------------------


def test_it_guards_the_committees_steps(login, submitted):
    for url_name in ("summary_return", "summary_approve"):
        url = reverse(f"assessments:{url_name}", args=[submitted.pk])
        assert login(None).post(url).status_code == 302
        for name in ("county", "justice", "officer_a", "pool"):
            assert login(name).post(url).status_code == 403, (url_name, name)
        assert login("committee_b").post(url).status_code == 404  # another unit's committee
    assert login("committee_a").get(reverse("assessments:summary_return", args=[submitted.pk])).status_code == 200
    assert UnitSummary.objects.get(pk=submitted.pk).status == SummaryStatus.SUBMITTED


def test_it_lands_the_committee_on_the_returned_summary_not_a_404(users, submitted):
    """The defect: returning a summary sent the clerk to a page that answered 404."""
    client = chinese(users["committee_a"])
    url = reverse("assessments:summary_return", args=[submitted.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 200 and UnitSummary.objects.get(pk=submitted.pk).status == SummaryStatus.SUBMITTED
    response = client.post(url, {"comment": "请补充培训情况。"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(submitted.get_absolute_url(), 302)]
    page = response.content.decode()
    assert "总结已连同退回理由退回单位修改。" in page
    assert 'data-status="returned"' in page and "已退回修改" in page and "请补充培训情况。" in page
    # Returning again (a second tab): "already handled", on the summary's page.
    response = client.post(url, {"comment": "再次退回"}, follow=True)
    assert response.status_code == 200 and "已处理：该总结当前状态为“已退回修改”。" in response.content.decode()
    assert UnitSummary.objects.get(pk=submitted.pk).return_comment == "请补充培训情况。"


def test_it_shows_the_unit_a_returned_summary_as_returned_with_the_reason(users, world, returned):
    """The defect: a returned summary looked like one never submitted."""
    client = chinese(users["officer_a"])
    page = client.get(returned.get_absolute_url()).content.decode()
    assert 'data-status="returned"' in page and "已退回修改" in page
    assert "请补充培训情况。" in page and "请修改后重新提交。" in page and 'data-action="submit"' in page
    listed = client.get(reverse("assessments:year_summaries", args=[world["year"].pk])).content.decode()
    assert f'data-unit="{world["A"].name}" data-status="returned"' in listed and "已退回修改" in listed
    years = client.get(reverse("assessments:summary_years")).content.decode()
    assert '<td data-count="returned">1</td>' in years
    notice = Notice.objects.get(recipient=users["officer_a"], kind="summary_returned")
    assert notice.body == "请补充培训情况。" and notice.url == returned.get_absolute_url()


def test_it_approves_from_the_page_and_sends_it_on(users, login, submitted):
    client = chinese(users["committee_a"])
    url = reverse("assessments:summary_approve", args=[submitted.pk])
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(submitted.get_absolute_url(), 302)]
    assert "总结已审核通过，已报送县委依法治县办。" in response.content.decode()
    assert UnitSummary.objects.get(pk=submitted.pk).status == SummaryStatus.APPROVED
    received = Notice.objects.get(kind="summary_received")
    assert received.recipient == users["county"] and received.url == submitted.get_absolute_url()
    # The county clerk follows the notice to a page they may open.
    county = chinese(users["county"])
    page = county.get(reverse("notices:notice_open", args=[received.pk]), follow=True)
    assert page.status_code == 200 and "已审核通过" in page.content.decode()
    # Approving again: already handled.
    assert "已处理" in client.post(url, follow=True).content.decode()


# --- Lists, the reminder, exports --------------------------------------------------------------------------


def test_it_lists_where_each_units_summary_stands(login, world, users, submitted, django_assert_num_queries):
    url = reverse("assessments:year_summaries", args=[world["year"].pk])
    assert login(None).get(url).status_code == 302
    assert login("lawyer_a").get(url).status_code == 403
    client = login("county")
    # session, user; the year; the taking-part units; their summaries with their people and whether the
    # county may open each; the last reminders
    with django_assert_num_queries(6):
        response = client.get(url)
    rows = {unit.name: (entry.status, entry.summary) for unit, entry in response.context["rows"]}
    # Under review the county sees that A has submitted, without opening it.
    assert rows == {world["A"].name: ("submitted", None), world["B"].name: ("none", None)}
    page = response.content.decode()
    assert "approved: 0 · awaiting the committee: 1 · returned: 0 · not submitted: 1" in page
    assert 'data-action="remind"' in page
    for number in range(5):
        unit = make_unit(f"新单位{number}")
        world["year"].units.add(unit)
        officer = make_user(f"officer_new{number}", "unit_officer", unit)
        services.summary_start(actor=officer, year=world["year"])
    with django_assert_num_queries(6):
        response = client.get(url)
    assert (response.context["counts"]["submitted"], response.context["missing"]) == (1, 6)


def test_it_links_an_approved_summary_for_the_county(login, world, approved):
    response = login("county").get(reverse("assessments:year_summaries", args=[world["year"].pk]))
    rows = {unit.name: entry for unit, entry in response.context["rows"]}
    assert rows[world["A"].name].summary == approved and rows[world["A"].name].status == "approved"
    assert approved.get_absolute_url() in response.content.decode()


def test_it_shows_each_committee_the_units_it_assesses(login, world, submitted):
    url = reverse("assessments:year_summaries", args=[world["year"].pk])
    rows = login("committee_a").get(url).context["rows"]
    assert [(unit.name, entry.summary) for unit, entry in rows] == [(world["A"].name, submitted)]
    rows = login("committee_b").get(url).context["rows"]
    assert [(unit.name, entry.status) for unit, entry in rows] == [(world["B"].name, "none")]


def test_it_shows_an_officer_only_their_own_unit_in_the_years_list(login, world, draft):
    url = reverse("assessments:year_summaries", args=[world["year"].pk])
    response = login("officer_a").get(url)
    assert [(unit.name, entry.summary, entry.status) for unit, entry in response.context["rows"]] == [
        (world["A"].name, draft, "draft")
    ]
    response = login("officer_b").get(url)
    assert [(unit.name, entry.summary) for unit, entry in response.context["rows"]] == [(world["B"].name, None)]
    assert response.context["may_start"] and not response.context["may_remind"]
    assert "Write our summary" in response.content.decode()


def test_it_lists_the_years_with_counts_in_fixed_queries(login, users, world, submitted, django_assert_num_queries):
    url = reverse("assessments:summary_years")
    assert login(None).get(url).status_code == 302
    assert login("lawyer_a").get(url).status_code == 403
    client = login("justice")
    # session, user; the years; the taking-part units followed; their summaries
    with django_assert_num_queries(5):
        response = client.get(url)
    (row,) = response.context["rows"]
    assert (row["taking_part"], row["submitted"], row["missing"]) == (2, 1, 1)
    for year in (2021, 2022, 2023):
        open_year(users, [world["A"]], year=year)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert [row["year"].year for row in response.context["rows"]] == [2024, 2023, 2022, 2021]
    officer = login("officer_b").get(url)
    rows = {row["year"].year: row for row in officer.context["rows"]}
    assert (rows[2024]["taking_part"], rows[2024]["submitted"], rows[2024]["own_status"]) == (1, 0, "")
    assert rows[2023]["taking_part"] == 0  # unit B takes no part in the other years
    page = officer.content.decode()
    assert "Not started" in page and "Write our summary" in page and "Your unit does not take part" in page
    mine = login("officer_a").get(url).context["rows"][0]
    assert (mine["own_status"], mine["own_url"]) == ("Submitted, awaiting the committee", submitted.get_absolute_url())
    member = {row["year"].year: row for row in login("committee_a").get(url).context["rows"]}
    assert (member[2024]["taking_part"], member[2024]["submitted"], member[2023]["taking_part"]) == (1, 1, 0)


def test_it_guards_the_reminder_page(login, world):
    url = reverse("assessments:summary_remind", args=[world["year"].pk])
    assert login(None).get(url).status_code == 302
    for name in ("justice", "officer_a", "committee_a", "pool", "lawyer_a"):
        assert login(name).get(url).status_code == 403, name
        assert login(name).post(url, {"units": [world["B"].pk]}).status_code == 403, name
    assert login("county").get(reverse("assessments:summary_remind", args=[0])).status_code == 404
    assert not SummaryReminder.objects.exists() and not Notice.objects.filter(kind="summary_reminder").exists()


def test_it_reminds_the_units_not_yet_submitted_once_a_day(users, world, submitted):
    client = chinese(users["county"])
    url = reverse("assessments:summary_remind", args=[world["year"].pk])
    page = client.get(url).content.decode()
    assert f'data-unit="{world["B"].name}"' in page and f'data-unit="{world["A"].name}"' not in page
    assert client.post(url, {}).status_code == 200  # nothing ticked: says so, sends nothing
    assert not Notice.objects.filter(kind="summary_reminder").exists()
    response = client.post(url, {"units": [world["B"].pk]}, follow=True)
    assert response.redirect_chain == [(reverse("assessments:year_summaries", args=[world["year"].pk]), 302)]
    assert f"已向1个单位发出催报：{world['B'].name}。" in response.content.decode()
    notice = Notice.objects.get(kind="summary_reminder")
    assert notice.recipient == users["officer_b"]
    # The same day again: the unit shows as reminded today and is not reminded twice.
    assert "今日已催报" in client.get(url).content.decode()
    response = client.post(url, {"units": [world["B"].pk]}, follow=True)
    assert "以下单位未重复催报" in response.content.decode()
    assert Notice.objects.filter(kind="summary_reminder").count() == 1
    # The officer follows the notice to where the summary is started.
    followed = chinese(users["officer_b"]).get(reverse("notices:notice_open", args=[notice.pk]), follow=True)
    assert followed.status_code == 200 and "撰写本单位总结" in followed.content.decode()


def test_it_exports_the_years_list_with_the_approved_figures(login, world, approved, django_assert_num_queries):
    url = reverse("assessments:year_summaries_export", args=[world["year"].pk])
    assert login(None).get(url).status_code == 302
    assert login("officer_b").get(url).status_code == 200  # their own unit's row only
    assert login("lawyer_a").get(url).status_code == 403
    client = login("county")
    # session, user; the year; the taking-part units; their summaries with their people; the last reminders;
    # the audit event
    with django_assert_num_queries(7):
        response = client.get(url)
    rows = workbook_rows(response)
    header = rows.index(
        [
            "Unit",
            "Status",
            "Submitted at",
            "Submitted by",
            "Approved at",
            "Figures as of",
            "Has a public lawyer",
            "Carries out public-lawyer work",
            "Public lawyers at year end",
            "Change",
            "Matters",
            "Closed",
            "Overdue",
        ]
    )
    body = {row[0]: row for row in rows[header + 1 :]}
    a = body[world["A"].name]
    assert a[1] == "Approved by the committee" and a[6:13] == ["Yes", "Yes", 2, 1, 3, 1, 1]
    assert body[world["B"].name][1] == "Not submitted"
    assert AuditEvent.objects.filter(action="export", object_type="assessments.unitsummary").exists()


def test_it_writes_the_summary_as_a_chinese_docx_with_the_figures(login, approved, django_assert_num_queries):
    client = login("county")
    # session, user; the summary with year, unit and its people (its figures are the snapshot); the audit event
    with django_assert_num_queries(4):
        response = client.get(reverse("assessments:summary_docx", args=[approved.pk]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = docx.Document(BytesIO(response.content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == "城固县市场监督管理局2024年度公职律师工作推进情况总结"
    assert "（数据截至2024年12月31日）" in texts
    assert "一、公职律师设立和开展工作情况" in texts
    assert "2024年12月31日公职律师2名，2023年末1名，增减+1。" in texts
    assert "建立公职律师工作制度。" in texts and "再推荐两名。" in texts
    matters = next(table for table in document.tables if table.rows[0].cells[0].text == "事务类型")
    cells = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in matters.rows[1:]}
    assert cells["合计"] == ["3", "2", "1", "1"]
    grades = next(table for table in document.tables if table.rows[0].cells[0].text == "等次")
    assert [[cell.text for cell in row.cells] for row in grades.rows[1:3]] == [["优秀", "0"], ["称职", "2"]]
    title_run = document.paragraphs[0].runs[0]
    assert title_run.font.size.pt == 22
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"


def test_it_writes_the_summary_as_xlsx_and_neutralises_formulas(login, draft, users, django_assert_num_queries):
    services.summary_save_text(
        actor=users["officer_a"], summary=draft, work_done='=HYPERLINK("http://evil","x")', problems="无", plans="无"
    )
    client = login("officer_a")
    # session, user; the summary; the audit event; a draft's figures: nine coverage loads (six facts, three of
    # R1.2 staff), targets, eligible staff, pools, matters by category, training plan, training hours, grades
    with django_assert_num_queries(20):
        response = client.get(reverse("assessments:summary_xlsx", args=[draft.pk]))
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    assert ["Status", "Draft"] in [row[:2] for row in rows]
    total = next(row for row in rows if row[0] == "Total")
    assert total[:5] == ["Total", 3, 2, 1, 1]
    assert ["Public lawyers on 2024-12-31: 2; at the end of 2023: 1; change: +1."] in [row[:1] for row in rows]
    cells = [cell for row in workbook.active.iter_rows() for cell in row if str(cell.value).startswith("=HYPER")]
    assert cells and all(cell.data_type == "s" for cell in cells)
    assert AuditEvent.objects.filter(action="export", object_type="assessments.unitsummary").exists()


def test_it_records_the_approval_in_the_xlsx(login, approved):
    rows = workbook_rows(login("county").get(reverse("assessments:summary_xlsx", args=[approved.pk])))
    labels = [row[0] for row in rows[:10]]
    assert "Approved at" in labels and "Approved by" in labels


@pytest.mark.parametrize(
    ("state", "names"),
    [
        ("draft", ("officer_a",)),
        ("submitted", ("officer_a", "committee_a")),
        ("returned", ("officer_a", "committee_a")),
        ("approved", ("officer_a", "committee_a", "county", "justice")),
    ],
)
def test_its_pages_send_nobody_to_a_403_or_404(request, login, world, state, names):
    """Every link and button a summary page or a list offers opens for the person it is offered to."""
    from tests.security.test_links import dead_links

    summary = request.getfixturevalue(state)
    pages = (
        summary.get_absolute_url(),
        reverse("assessments:year_summaries", args=[world["year"].pk]),
        reverse("assessments:summary_years"),
    )
    for name in names:
        for url in pages:
            assert dead_links(login(name), url) == {}, (state, name, url)
