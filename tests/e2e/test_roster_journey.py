"""A unit officer surveys their staff with the roster template: a row with a mistyped ID number is refused
with its error shown and nothing imported; the corrected file imports, and one of the people imported is
put forward for a public-lawyer certificate."""

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
        {"name": "王五", "id_number": GOOD_ID, "legal_qualification_number": "A20166107220101", **common},
        {"name": "赵六", "id_number": second_id, "legal_qualification_number": "A20166107220102", **common},
    ]
    for person in people:
        sheet.append([person.get(field, "") for field in FIELDS])
    path = folder / name
    workbook.save(path)
    return path


def upload(browser, path, shot: str):
    browser.page.set_input_files("#id_file", str(path))
    browser.submit(browser.page.locator("form[enctype='multipart/form-data'] button[type=submit]"), shot)


def test_it_refuses_a_bad_row_then_imports_the_fixed_roster_and_applies(browser, users, unit_a, tmp_path):
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

    zhao = imported["赵六"]
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
