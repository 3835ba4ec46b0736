"""A unit officer surveys their staff with the roster template: a row with a mistyped ID number is refused
with its error shown and nothing imported; the corrected file imports. The unit page then lists both people
as qualified full-time legal staff who are not public lawyers (R1.2), each marked eligible or not; when one
of them stops full-time legal work (the period ended today on the person page), they leave that list. One of
the people imported is put forward for a public-lawyer certificate."""

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lawyers.models import Application, Person
from tests.conftest import PASSWORD
from tests.lawyers.factories import id_number

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

IMPORT = "/lawyers/people/import/"
TEMPLATE = "/lawyers/people/import/template/"
# The template's columns, in the importer's order (lawyers/importers.py).
FIELDS = [
    "name",
    "sex",
    "id_number",
    "phone",
    "post",
    "full_time_legal",
    "legal_work_since",
    "legal_work_years",
    "judicial_years",
    "last_annual_grade",
    "legal_qualification_class",
    "legal_qualification_number",
    "legal_qualification_year",
    "lawyer_qualification_number",
    "lawyer_qualification_year",
    "qualified_on",
    "sitting_exam_this_year",
    "joined_on",
]
GOOD_ID = id_number(date(1986, 4, 12), "M")
RIGHT_ID = id_number(date(1990, 9, 3), "F")
# The same number with another check character: the kind of typo the check digit is there to catch.
WRONG_ID = RIGHT_ID[:17] + ("1" if RIGHT_ID[17] != "1" else "2")
CJK = re.compile(r"[\u4e00-\u9fff]")


def filled(template: bytes, folder, name: str, second_id: str):
    """The downloaded template with two people typed in, each option taken from the template's own dropdowns."""
    workbook = load_workbook(BytesIO(template))
    sheet, options_sheet = workbook.worksheets[0], workbook.worksheets[1]
    options = {
        field: [value for value in column if value is not None]
        for field, column in zip(FIELDS, options_sheet.iter_cols(max_col=len(FIELDS), values_only=True), strict=True)
    }
    yes = options["full_time_legal"][0]
    common = {
        "full_time_legal": yes,
        "legal_work_since": "2019-03-01",
        "legal_work_years": 6,
        "last_annual_grade": options["last_annual_grade"][1],  # competent
        "legal_qualification_class": options["legal_qualification_class"][0],  # class A
        "legal_qualification_year": 2016,
        "joined_on": "2019-03-01",
    }
    people = [
        # Graded 不称职 last year: in R1.2 all the same, but barred from being put forward (Art. 6).
        {
            "name": "王五",
            "id_number": GOOD_ID,
            "legal_qualification_number": "A20166107220101",
            **common,
            "last_annual_grade": options["last_annual_grade"][3],  # incompetent
        },
        {"name": "赵六", "id_number": second_id, "legal_qualification_number": "A20166107220102", **common},
    ]
    for person in people:
        sheet.append([person.get(field, "") for field in FIELDS])
    path = folder / name
    workbook.save(path)
    return path


def r12_marks(card) -> dict[str, str]:
    """Each person the unit page's R1.2 card lists, with what it says of their eligibility."""
    marks = {}
    for item in card.locator("li[data-r12]").all():
        name = item.locator("a").inner_text()
        marks[name] = item.locator("span").inner_text()
        assert item.get_attribute("data-eligible") == ("yes" if marks[name] == "符合条件" else "no")
    return marks


def record_value(record, label: str) -> str:
    """The value beside `label` in a person page's record (a <dl>)."""
    return record.locator(f"dt:text-is('{label}') + dd").inner_text().strip()


def assert_chinese(text: str) -> None:
    """What a county clerk reads: Chinese, dates and numbers, no English left untranslated."""
    assert CJK.search(text), text
    assert not re.search(r"[A-Za-z]{2,}", text), f"English on the page: {text!r}"


def upload(browser, path, shot: str):
    browser.page.set_input_files("#id_file", str(path))
    browser.submit(browser.page.locator("form[enctype='multipart/form-data'] button[type=submit]"), shot)


def test_it_refuses_a_bad_row_then_imports_the_fixed_roster_and_applies(browser, users, unit_a, tmp_path):
    today = timezone.localdate()
    browser.login("officer_a", PASSWORD)
    browser.visit(IMPORT, "import")
    with browser.page.expect_download() as download_info:
        browser.page.click(f"a[href='{TEMPLATE}']")
    template = download_info.value.path().read_bytes()

    upload(browser, filled(template, tmp_path, "roster.xlsx", WRONG_ID), "preview-with-error")
    bad_rows = browser.page.locator("tbody tr.table-danger")
    assert bad_rows.count() == 1
    assert bad_rows.locator("td").first.inner_text().strip() == "3"
    error = bad_rows.locator(".import-errors li.text-danger").inner_text()
    assert CJK.search(error), f"the row's error is not in Chinese: {error!r}"
    # It names the column and what is wrong with the number: its check character.
    assert "身份证号" in error and "校验码" in error, error
    assert "没有导入任何数据" in browser.page.locator(".alert-danger").inner_text()
    assert browser.page.locator("input[name=token]").count() == 0  # nothing to confirm
    assert not Person.objects.filter(unit=unit_a).exists()

    upload(browser, filled(template, tmp_path, "roster-fixed.xlsx", RIGHT_ID), "preview-valid")
    assert browser.page.locator("tbody tr.table-danger").count() == 0
    browser.submit(browser.page.locator("form:has(input[name=token]) button[type=submit]"), "people-list")
    assert browser.path.startswith("/lawyers/people/")
    imported = {person.name: person for person in Person.objects.filter(unit=unit_a)}
    assert set(imported) == {"王五", "赵六"}
    assert imported["赵六"].id_number == RIGHT_ID
    wang, zhao = imported["王五"], imported["赵六"]
    assert wang.last_annual_grade == "incompetent"

    # The unit page: both are qualified full-time legal staff who are not public lawyers, each marked.
    unit_page = f"/units/{unit_a.pk}/"
    browser.visit(unit_page, "unit-page")
    card = browser.page.locator("[data-section=r12]")
    assert card.locator("h2").inner_text() == "具有资格的专职法律工作人员尚未成为公职律师"
    assert r12_marks(card) == {
        "王五": "不符合条件（原因见该人员的任职条件核查）",
        "赵六": "符合条件",
    }
    assert "标注“符合条件”的人员应推荐申领公职律师执业证。" in card.inner_text()

    # 王五's person page, from the card: the qualification date and the period of full-time legal work.
    browser.submit(card.locator(f"a[href='/lawyers/people/{wang.pk}/']"), "person-wang")
    record = browser.page.locator("dl.record")
    assert record_value(record, "取得资格日期") == "2016-12-31"  # the year alone: 31 December of it
    assert record_value(record, "专职法律工作") == "是"
    block = browser.page.locator("[data-section=legal-work]")
    assert block.locator("h2").inner_text() == "专职从事法律工作"
    assert block.locator("[data-period]").all_inner_texts() == ["2019-03-01 – 至今"]
    assert_chinese(block.inner_text())

    # 王五 no longer works full-time on legal affairs: the officer ends the period, first mistyping a day
    # before it began, then today.
    browser.submit(block.locator("[data-action=legal-work-end]"), "end-legal-work")
    assert browser.page.locator("h1").inner_text() == "结束专职从事法律工作期间 · 王五"
    form = browser.page.locator("form.card")
    assert_chinese(form.inner_text())
    assert browser.page.locator("label[for=id_ended_on]").inner_text().strip().rstrip("*") == "截止日期"
    assert browser.page.input_value("#id_ended_on") == today.isoformat()  # offered: today
    assert browser.page.locator("[data-section=legal-work-recorded] li").all_inner_texts() == [
        "2019-03-01 – 至今 · 本期间"
    ]
    browser.page.fill("#id_ended_on", "2019-01-01")
    browser.submit(form.locator("button[type=submit]"), "end-legal-work-refused")
    assert "法律工作期间的截止日期须晚于起始日期。" in browser.page.locator("form.card").inner_text()
    assert browser.page.input_value("#id_ended_on") == "2019-01-01"  # what was typed, shown again
    browser.page.fill("#id_ended_on", today.isoformat())
    browser.submit(browser.page.locator("form.card button[type=submit]"), "legal-work-ended")
    assert browser.path == f"/lawyers/people/{wang.pk}/"
    assert "王五的专职从事法律工作期间已结束。" in browser.page.locator(".alert-success").inner_text()
    block = browser.page.locator("[data-section=legal-work]")
    assert block.locator("[data-period]").all_inner_texts() == [f"2019-03-01 – {today.isoformat()}"]
    assert block.locator("[data-action=legal-work-end]").count() == 0  # nothing open to end any more
    assert record_value(browser.page.locator("dl.record"), "专职法律工作") == "否"

    # Back on the unit page, 王五 has left the R1.2 card; 赵六 is still there.
    browser.visit(unit_page, "unit-page-after")
    assert r12_marks(browser.page.locator("[data-section=r12]")) == {"赵六": "符合条件"}

    browser.visit("/lawyers/people/", "people-list-again")
    browser.submit(browser.page.locator(f"table a[href='/lawyers/people/{zhao.pk}/']"), "person")
    browser.submit(browser.page.locator(f"a[href='/lawyers/people/{zhao.pk}/apply/']"), "apply")
    consent_on = timezone.localdate() - timedelta(days=7)
    browser.page.fill("#id_consent_on", consent_on.isoformat())
    browser.page.check("#id_declaration")
    browser.submit(browser.page.locator("form button.btn-success[type=submit]"), "application")

    application = Application.objects.get(person=zhao)
    assert browser.path == f"/lawyers/applications/{application.pk}/"
    assert browser.page.locator("[data-status]").get_attribute("data-status") == "submitted"
    assert application.status == "submitted" and application.consent_on == consent_on
