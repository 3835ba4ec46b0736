"""The summary pages and documents: who may open them, what they show, their query counts."""

from io import BytesIO

import docx
import pytest
from django.test import Client
from django.urls import reverse
from docx.oxml.ns import qn
from openpyxl import load_workbook

from assessments import services
from assessments.choices import SummaryStatus
from assessments.models import UnitSummary
from chenggu_lawyers.models import AuditEvent
from tests.conftest import make_unit, make_user, sign_in
from tests.lawyers.factories import make_lawyer

from .summary_scenario import build_summary_year, open_year

pytestmark = pytest.mark.django_db

TEXT = {"work_done": "建立公职律师工作制度。", "problems": "人员偏少。", "plans": "再推荐两名。"}
READERS_OF_SUBMITTED = ("officer_a", "county", "justice")


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


def workbook_rows(response) -> list[list]:
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_it_guards_a_draft_by_role_and_unit(login, draft):
    url = reverse("assessments:summary_detail", args=[draft.pk])
    assert login(None).get(url).status_code == 302
    for name in ("lawyer_a", "committee_a", "bar", "auditor", "sysadmin"):
        assert login(name).get(url).status_code == 403, name
    # A draft is the unit's own: outside it, it does not exist yet.
    for name in ("officer_b", "county", "justice", "pool"):
        assert login(name).get(url).status_code == 404, name
    assert login("officer_a").get(url).status_code == 200


def test_it_guards_a_submitted_summary_and_its_documents(login, submitted):
    for url_name in ("summary_detail", "summary_docx", "summary_xlsx"):
        url = reverse(f"assessments:{url_name}", args=[submitted.pk])
        assert login(None).get(url).status_code == 302
        assert login("lawyer_a").get(url).status_code == 403
        assert login("officer_b").get(url).status_code == 404
        assert login("pool").get(url).status_code == 404  # unit A is in no vertical system
        for name in READERS_OF_SUBMITTED:
            assert login(name).get(url).status_code == 200, (url_name, name)


def test_it_shows_the_draft_figures_computed_now_and_the_text(login, users, draft, django_assert_num_queries):
    client = login("officer_a")
    url = reverse("assessments:summary_detail", args=[draft.pk])
    # session, user; the summary with year, unit and submitter; nine coverage loads (six facts, three of R1.2
    # staff); targets; eligible staff; pools; matters by category; training plan; training hours; grades
    with django_assert_num_queries(19):
        response = client.get(url)
    page = response.content.decode()
    assert response.context["figures"].headcount == {"year_end": 2, "previous_year_end": 1, "change": 1}
    assert "建立公职律师工作制度。" in page and "Submit to the county office" in page
    assert "public lawyer 甲" in page
    # More lawyers and matters do not add queries.
    for number in range(3):
        make_lawyer(users["officer_a"], users["justice"], name=f"新律师{number}")
    with django_assert_num_queries(19):
        client.get(url)


def test_it_shows_a_submitted_summary_from_its_snapshot(login, submitted, django_assert_num_queries):
    client = login("county")
    url = reverse("assessments:summary_detail", args=[submitted.pk])
    # session, user; the summary with year, unit and submitter (the figures are its snapshot)
    with django_assert_num_queries(3):
        page = client.get(url).content.decode()
    assert "Return for revision" in page and "Submit to the county office" not in page
    assert "the figures are fixed as they were then" in page


def test_it_lets_the_officer_write_the_text_until_submitted(login, draft, users):
    client = login("officer_a")
    url = reverse("assessments:summary_edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"work_done": "新的总结", "problems": "问题", "plans": "计划"})
    assert response.status_code == 302
    assert UnitSummary.objects.get(pk=draft.pk).work_done == "新的总结"
    assert login("officer_b").get(url).status_code == 404
    assert login("county").get(url).status_code == 403
    assert login(None).get(url).status_code == 302
    services.summary_submit(actor=users["officer_a"], summary=draft)
    page = client.get(url, follow=True).content.decode()
    assert "can no longer be edited" in page
    response = client.post(url, {"work_done": "改了", "problems": "问题", "plans": "计划"})
    assert "can no longer be edited" in response.content.decode()
    assert UnitSummary.objects.get(pk=draft.pk).work_done == "新的总结"


def test_it_submits_from_the_page_and_refuses_a_second_time(login, draft):
    client = login("officer_a")
    url = reverse("assessments:summary_submit", args=[draft.pk])
    assert login("county").post(url).status_code == 403
    assert login("officer_b").post(url).status_code == 404
    page = client.post(url, follow=True).content.decode()
    assert "its figures are now fixed" in page
    first = UnitSummary.objects.get(pk=draft.pk)
    assert first.status == SummaryStatus.SUBMITTED
    page = client.post(url, follow=True).content.decode()
    assert "already been submitted" in page
    assert UnitSummary.objects.get(pk=draft.pk).submitted_at == first.submitted_at


def test_it_says_in_chinese_what_is_missing_and_changes_nothing(users, world):
    summary = services.summary_start(actor=users["officer_a"], year=world["year"])
    client = sign_in(Client(), users["officer_a"])  # no language cookie: the portal speaks Chinese
    response = client.post(reverse("assessments:summary_submit", args=[summary.pk]), follow=True)
    assert "提交前请填写：工作开展情况、存在的问题、下一年度工作计划。" in response.content.decode()
    assert UnitSummary.objects.get(pk=summary.pk).status == SummaryStatus.DRAFT


def test_it_says_in_chinese_that_the_unit_does_not_take_part(users, world):
    outsider = make_user("officer_c", "unit_officer", make_unit("城固县文化和旅游局"))
    client = sign_in(Client(), outsider)
    response = client.post(reverse("assessments:summary_start", args=[world["year"].pk]), follow=True)
    assert "本单位未参加2024年度考核。" in response.content.decode()
    assert not UnitSummary.objects.exists()


def test_it_starts_the_draft_from_the_years_list(login, world, users):
    url = reverse("assessments:summary_start", args=[world["year"].pk])
    assert login("county").post(url).status_code == 403
    assert login(None).post(url).status_code == 302 and not UnitSummary.objects.exists()
    response = login("officer_a").post(url)
    summary = UnitSummary.objects.get()
    assert response.status_code == 302 and response["Location"] == summary.get_absolute_url()
    assert summary.unit == users["officer_a"].unit
    assert login("officer_a").post(url)["Location"] == summary.get_absolute_url()
    assert UnitSummary.objects.count() == 1


def test_it_lets_the_county_office_return_a_summary_from_the_page(login, submitted):
    url = reverse("assessments:summary_return", args=[submitted.pk])
    assert login("justice").get(url).status_code == 403
    assert login("officer_a").get(url).status_code == 403
    client = login("county")
    assert client.get(url).status_code == 200
    response = client.post(url, {"comment": ""})
    assert response.status_code == 200 and UnitSummary.objects.get(pk=submitted.pk).status == SummaryStatus.SUBMITTED
    assert client.post(url, {"comment": "请补充培训情况。"}).status_code == 302
    returned = UnitSummary.objects.get(pk=submitted.pk)
    assert returned.status == SummaryStatus.RETURNED
    page = login("officer_a").get(returned.get_absolute_url()).content.decode()
    assert "请补充培训情况。" in page and "Submit to the county office" in page
    # Returned, it is the unit's again: the county office no longer reads it until it is resubmitted.
    assert client.get(returned.get_absolute_url()).status_code == 404


def test_it_lists_the_years_taking_part_units_with_counts(login, world, users, submitted, django_assert_num_queries):
    url = reverse("assessments:year_summaries", args=[world["year"].pk])
    assert login(None).get(url).status_code == 302
    assert login("lawyer_a").get(url).status_code == 403
    client = login("county")
    # session, user; the year; the taking-part units; their summaries with their submitters
    with django_assert_num_queries(5):
        response = client.get(url)
    rows = {unit.name: summary for unit, summary in response.context["rows"]}
    assert rows == {world["A"].name: submitted, world["B"].name: None}
    assert (response.context["submitted"], response.context["missing"]) == (1, 1)
    page = response.content.decode()
    assert "submitted: 1 · not submitted: 1" in page
    for number in range(5):
        unit = make_unit(f"新单位{number}")
        world["year"].units.add(unit)
        officer = make_user(f"officer_new{number}", "unit_officer", unit)
        summary = services.summary_start(actor=officer, year=world["year"])
        services.summary_save_text(actor=officer, summary=summary, **TEXT)
        services.summary_submit(actor=officer, summary=summary)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert (response.context["submitted"], response.context["missing"]) == (6, 1)


def test_it_shows_an_officer_only_their_own_unit_in_the_years_list(login, world, draft):
    url = reverse("assessments:year_summaries", args=[world["year"].pk])
    response = login("officer_a").get(url)
    assert [(unit.name, summary) for unit, summary in response.context["rows"]] == [(world["A"].name, draft)]
    response = login("officer_b").get(url)
    assert [(unit.name, summary) for unit, summary in response.context["rows"]] == [(world["B"].name, None)]
    assert response.context["may_start"]
    assert "Write our summary" in response.content.decode()


def test_it_lists_the_years_with_counts_in_fixed_queries(login, users, world, submitted, django_assert_num_queries):
    url = reverse("assessments:summary_years")
    assert login(None).get(url).status_code == 302
    assert login("committee_a").get(url).status_code == 403
    client = login("justice")
    # session, user; the years with their counts
    with django_assert_num_queries(3):
        response = client.get(url)
    (row,) = response.context["rows"]
    assert (row["taking_part"], row["submitted"], row["missing"]) == (2, 1, 1)
    for year in (2021, 2022, 2023):
        open_year(users, [world["A"]], year=year)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert [row["year"].year for row in response.context["rows"]] == [2024, 2023, 2022, 2021]
    officer = login("officer_b").get(url)
    rows = {row["year"].year: row for row in officer.context["rows"]}
    assert (rows[2024]["taking_part"], rows[2024]["submitted"], rows[2024]["own_status"]) == (1, 0, "")
    assert rows[2023]["taking_part"] == 0  # unit B takes no part in the other years
    page = officer.content.decode()
    assert "Not started" in page and "Write our summary" in page and "Your unit does not take part" in page
    mine = login("officer_a").get(url).context["rows"][0]
    assert (mine["own_status"], mine["own_url"]) == ("Submitted", submitted.get_absolute_url())


def test_it_exports_the_years_list_with_the_submitted_figures(login, world, submitted, django_assert_num_queries):
    url = reverse("assessments:year_summaries_export", args=[world["year"].pk])
    assert login("officer_b").get(url).status_code == 200  # their own unit's row only
    assert login("lawyer_a").get(url).status_code == 403
    client = login("county")
    # session, user; the year; the taking-part units; their summaries with their submitters; the audit event
    with django_assert_num_queries(6):
        response = client.get(url)
    rows = workbook_rows(response)
    header = rows.index(
        [
            "Unit",
            "Status",
            "Submitted at",
            "Submitted by",
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
    assert a[1] == "Submitted" and a[5:12] == ["Yes", "Yes", 2, 1, 3, 1, 1]
    assert body[world["B"].name][1] == "Not submitted"
    assert AuditEvent.objects.filter(action="export", object_type="assessments.unitsummary").exists()


def test_it_writes_the_summary_as_a_chinese_docx_with_the_figures(login, submitted, django_assert_num_queries):
    client = login("county")
    # session, user; the summary with year, unit and submitter (its figures are the snapshot); the audit event
    with django_assert_num_queries(4):
        response = client.get(reverse("assessments:summary_docx", args=[submitted.pk]))
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


def test_it_lets_a_systems_pool_office_read_its_units_submitted_summaries(login, world, users):
    tax_unit = world["D"]  # the tax system's unit of the coverage scenario
    world["year"].units.add(tax_unit)
    officer = make_user("officer_tax", "unit_officer", tax_unit)
    summary = services.summary_start(actor=officer, year=world["year"])
    services.summary_save_text(actor=officer, summary=summary, **TEXT)
    url = reverse("assessments:summary_detail", args=[summary.pk])
    assert login("pool").get(url).status_code == 404  # a draft is the unit's own
    services.summary_submit(actor=officer, summary=summary)
    assert login("pool").get(url).status_code == 200
    assert login("pool_other").get(url).status_code == 404
    assert login("pool").get(reverse("assessments:summary_return", args=[summary.pk])).status_code == 403
    listed = login("pool").get(reverse("assessments:year_summaries", args=[world["year"].pk]))
    assert [unit.name for unit, _summary in listed.context["rows"]] == [tax_unit.name]
