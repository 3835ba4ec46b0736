"""The roster import (摸排, R1.6): template, preview with every row's errors, all-or-nothing commit, re-import.

Column labels and dropdown options are read from the downloaded template, so the tests hold whether or not
the catalogue translates them yet.
"""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from chenggu_lawyers.models import AuditEvent
from lawyers import services
from lawyers.models import Person, Posting
from lawyers.validators import id_check_char
from tests.lawyers.factories import id_number, make_person
from tests.spreadsheets import ods, upload, xls, xlsx, xlsx_from_template

pytestmark = pytest.mark.django_db

IMPORT = reverse("lawyers:person_import")
TEMPLATE = reverse("lawyers:person_template")
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
COLUMN = {field: index for index, field in enumerate(FIELDS)}
ZHANG_ID = id_number(date(1985, 6, 1), "M")


def id_ending_in_x(birth: date, sex: str) -> str:
    for sequence in range(1 if sex == "M" else 0, 1000, 2):
        first17 = f"610722{birth:%Y%m%d}{sequence:03d}"
        if id_check_char(first17) == "X":
            return first17 + "X"
    raise AssertionError("no sequence gives X")


LI_ID = id_ending_in_x(date(1990, 2, 3), "F")


def is_valid_id(value: str) -> bool:
    return len(value) == 18 and value[:17].isdigit() and id_check_char(value[:17]) == value[17]


def ids_through_a_float() -> tuple[str, str]:
    """A valid all-digit ID number a float holds exactly, and one whose rounded value is no valid ID."""
    exact = rounded = None
    for sequence in range(1, 1000, 2):
        first17 = f"61072219850601{sequence:03d}"
        value = first17 + id_check_char(first17)
        if not value.isdigit():
            continue
        through_float = str(int(float(int(value))))
        if exact is None and through_float == value:
            exact = value
        if rounded is None and through_float != value and not is_valid_id(through_float):
            rounded = value
    assert exact and rounded
    return exact, rounded


class Template:
    """The downloaded template: its header labels and the options of its dropdowns, by field."""

    def __init__(self, content: bytes):
        self.content = content
        self.workbook = load_workbook(BytesIO(content))
        self.sheet = self.workbook.worksheets[0]
        self.headers = [cell.value for cell in self.sheet[1]]
        options_sheet = self.workbook.worksheets[1]
        self.options = {
            field: [value for value in column if value is not None]
            for field, column in zip(
                FIELDS, options_sheet.iter_cols(max_col=len(FIELDS), values_only=True), strict=True
            )
        }

    def label(self, field: str) -> str:
        return self.headers[COLUMN[field]]

    def yes(self) -> str:
        return self.options["full_time_legal"][0]

    def no(self) -> str:
        return self.options["full_time_legal"][1]

    def row(self, **cells) -> list:
        return [cells.get(field, "") for field in FIELDS]

    def good_rows(self) -> list[list]:
        """Zhang: every column from its dropdown; Li: sex left to the ID number, an ID ending in a small x."""
        return [
            self.row(
                name="张三",
                sex=self.options["sex"][0],  # male
                id_number=ZHANG_ID,
                phone="13800000001",
                post="法制股股长",
                full_time_legal=self.yes(),
                legal_work_years=5,
                last_annual_grade=self.options["last_annual_grade"][1],  # competent
                legal_qualification_class=self.options["legal_qualification_class"][0],  # class A
                legal_qualification_number="A20176107220001",
                legal_qualification_year=2017,
                sitting_exam_this_year=self.no(),
                joined_on="2020-03-01",
            ),
            self.row(
                name="李四",
                id_number=LI_ID.lower(),
                full_time_legal=self.no(),
                legal_work_years=3,
                judicial_years=1,
                lawyer_qualification_number="11111111111",
                lawyer_qualification_year=2015,
                sitting_exam_this_year=self.yes(),
            ),
        ]


def template(client) -> Template:
    return Template(b"".join(client.get(TEMPLATE).streaming_content))


def preview(client, content, name="roster.xlsx"):
    return client.post(IMPORT, {"file": upload(content, name)})


def confirm(client, response):
    return client.post(IMPORT, {"token": response.context["token"]})


def row_errors(response) -> dict[int, str]:
    return {row.number: " ".join(row.errors) for row in response.context["preview"].rows}


def test_it_offers_a_template_with_the_columns_and_dropdowns(login):
    sheet_file = template(login("officer_a"))
    assert len(sheet_file.headers) == len(FIELDS) and all(sheet_file.headers)
    validated = {
        str(ref) for validation in sheet_file.sheet.data_validations.dataValidation for ref in validation.sqref.ranges
    }
    # Sex, full-time, annual grade, qualification class and sitting the exam are dropdowns.
    assert validated == {"B2:B5000", "F2:F5000", "J2:J5000", "K2:K5000", "Q2:Q5000"}
    assert len(sheet_file.options["sex"]) == 2
    assert len(sheet_file.options["last_annual_grade"]) == 5
    assert len(sheet_file.options["legal_qualification_class"]) == 3
    # Typed into a text column, an ID number keeps its 18th character and every digit.
    assert sheet_file.sheet.column_dimensions["C"].number_format == "@"
    assert sheet_file.workbook.worksheets[1].sheet_state == "hidden"
    assert len(sheet_file.workbook.sheetnames) == 3  # data, options, instructions


def test_it_keeps_every_other_role_out(login):
    for url in (IMPORT, TEMPLATE):
        response = login(None).get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
        for name in ("county", "justice", "lawyer_a", "sysadmin"):
            assert login(name).get(url).status_code == 403
        assert login("officer_a").get(url).status_code == 200


def test_it_imports_a_good_file_after_the_preview(login, unit_a):
    client = login("officer_a")
    sheet_file = template(client)
    response = preview(client, xlsx_from_template(sheet_file.content, sheet_file.good_rows()))
    result = response.context["preview"]
    assert result.ok, [row.errors for row in result.rows]
    assert result.created_count == 2
    assert not Person.objects.exists()  # the preview wrote nothing

    done = confirm(client, response)

    assert done.status_code == 302 and done["Location"] == reverse("lawyers:person_list")
    zhang, li = Person.objects.get(name="张三"), Person.objects.get(name="李四")
    assert zhang.unit == li.unit == unit_a
    assert zhang.birth_date == date(1985, 6, 1) and zhang.sex == "M"
    assert li.birth_date == date(1990, 2, 3) and li.sex == "F"  # read from the ID number
    assert li.id_number == LI_ID  # upper-cased
    assert Person.objects.in_legal_work().filter(name__in=["张三", "李四"]).get() == zhang
    assert (zhang.last_annual_grade, zhang.legal_qualification_class) == ("competent", "A")
    assert (li.judicial_years, li.lawyer_qualification_year, li.sitting_exam_this_year) == (1, 2015, True)
    assert (zhang.judicial_years, zhang.legal_qualification_year) == (0, 2017)
    postings = {posting.person.name: posting for posting in Posting.objects.select_related("person")}
    assert len(postings) == 2 and all(p.unit == unit_a and p.ended_on is None for p in postings.values())
    assert postings["张三"].started_on == date(2020, 3, 1)
    assert postings["李四"].started_on is None  # in the unit before the portal's records
    assert AuditEvent.objects.filter(action="import", object_type="lawyers.person").exists()


def test_it_lists_every_bad_row_and_writes_nothing(login):
    client = login("officer_a")
    sheet_file = template(client)
    good = sheet_file.good_rows()[0]

    def changed(**cells):
        row = good[:]
        for field, value in cells.items():
            row[COLUMN[field]] = value
        return row

    wrong_check = ZHANG_ID[:17] + ("1" if ZHANG_ID[17] != "1" else "2")
    rows = [
        good,
        changed(id_number=wrong_check),
        changed(id_number=id_number(date(1985, 6, 1), "M"), sex=sheet_file.options["sex"][1]),  # female
        changed(id_number=id_number(date(1985, 6, 1), "M"), legal_qualification_year=1990),  # aged 5
        changed(id_number=id_number(date(1985, 6, 1), "M"), legal_work_years="五年"),
        changed(name="张三二"),  # the ID number of row 2 again
        changed(id_number=id_number(date(1985, 6, 1), "M"), legal_qualification_number=""),
        changed(id_number=id_number(date(1985, 6, 1), "M"), full_time_legal=""),
    ]
    response = preview(client, xlsx_from_template(sheet_file.content, rows))

    assert not response.context["preview"].ok
    errors = row_errors(response)
    assert errors[2] == ""
    assert sheet_file.label("id_number") in errors[3]
    assert sheet_file.label("sex") in errors[4]
    assert sheet_file.label("legal_qualification_year") in errors[5]
    assert sheet_file.label("legal_work_years") in errors[6]
    assert sheet_file.label("id_number") in errors[7] and " 2" in errors[7]
    assert errors[8]  # a class without its certificate number
    assert sheet_file.label("full_time_legal") in errors[9]
    page = response.content.decode()
    for number in range(3, 10):
        for error in response.context["preview"].rows[number - 2].errors:
            assert escape(error) in page
    assert 'name="token"' not in page  # no button to import

    # Even a forged confirmation of the rejected file writes nothing.
    forged = client.post(IMPORT, {"token": response.context["token"]})
    assert forged.status_code == 200 and forged.context["preview"].error_rows
    assert not Person.objects.exists()
    assert not Posting.objects.exists()


def test_it_updates_on_reimport_instead_of_duplicating(login):
    client = login("officer_a")
    sheet_file = template(client)
    confirm(client, preview(client, xlsx_from_template(sheet_file.content, sheet_file.good_rows())))
    rows = sheet_file.good_rows()
    rows[0][COLUMN["phone"]] = "13900000009"
    rows[0][COLUMN["joined_on"]] = "2021-05-01"  # only read for a new person

    response = preview(client, xlsx_from_template(sheet_file.content, rows))
    assert response.context["preview"].ok
    assert response.context["preview"].updated_count == 2
    confirm(client, response)

    assert Person.objects.count() == 2
    assert Person.objects.get(name="张三").phone == "13900000009"
    assert Posting.objects.count() == 2
    assert Posting.objects.get(person__name="张三").started_on == date(2020, 3, 1)


def test_it_refuses_a_person_of_another_unit_without_naming_it(login, users, unit_a, unit_b):
    other = make_person(users["officer_b"], name="王五", phone="13700000007")
    client = login("officer_a")
    sheet_file = template(client)
    rows = sheet_file.good_rows()
    rows[1] = sheet_file.row(name="王五改", id_number=other.id_number, phone="13000000000", full_time_legal="是")

    response = preview(client, xlsx_from_template(sheet_file.content, rows))

    errors = row_errors(response)
    assert errors[2] == ""
    assert sheet_file.label("id_number") in errors[3]
    assert unit_b.name not in response.content.decode()
    client.post(IMPORT, {"token": response.context["token"]})
    assert not Person.objects.filter(unit=unit_a).exists()
    other.refresh_from_db()
    assert (other.name, other.phone, other.unit) == ("王五", "13700000007", unit_b)
    assert Posting.objects.filter(person=other).count() == 1


@pytest.mark.parametrize("maker,name", [(xls, "roster.xls"), (ods, "roster.ods")])
def test_it_reads_xls_and_ods_files(login, unit_a, maker, name):
    client = login("officer_a")
    sheet_file = template(client)
    response = preview(client, maker([sheet_file.headers, *sheet_file.good_rows()]), name=name)
    assert response.context["preview"].ok, [row.errors for row in response.context["preview"].rows]
    confirm(client, response)
    assert Person.objects.filter(unit=unit_a).with_id_numbers([ZHANG_ID, LI_ID]).count() == 2
    assert Posting.objects.filter(unit=unit_a).count() == 2


def test_it_reads_an_id_number_excel_stored_as_a_number(login):
    client = login("officer_a")
    sheet_file = template(client)
    # Calamine reads a number cell as a float: an ID number a float holds exactly imports; one it rounds
    # is an error, not a crash and not another person.
    exact, rounded = ids_through_a_float()
    rows = [
        sheet_file.row(name="赵六", id_number=int(exact), full_time_legal="是"),
        sheet_file.row(name="孙七", id_number=int(rounded), full_time_legal="是"),
    ]
    response = preview(client, xlsx_from_template(sheet_file.content, rows))
    errors = row_errors(response)
    assert errors[2] == ""
    assert sheet_file.label("id_number") in errors[3]
    assert not Person.objects.exists()


def test_it_names_the_missing_columns(login):
    client = login("officer_a")
    sheet_file = template(client)
    content = xlsx([[sheet_file.label("name"), sheet_file.label("id_number")], ["张三", ZHANG_ID]])
    response = preview(client, content)
    error = response.context["preview"].file_error
    assert sheet_file.label("full_time_legal") in error
    assert escape(error) in response.content.decode()
    client.post(IMPORT, {"token": response.context["token"]})
    assert not Person.objects.exists()


def test_it_finds_no_roster_in_another_sheet(login):
    client = login("officer_a")
    response = preview(client, xlsx([["单位名称", "类别"], ["博望街道", "镇（街道）"]], sheet_title="单位"))
    assert response.context["preview"].file_error
    assert "单位" in response.context["preview"].file_error  # the sheets it looked at
    client.post(IMPORT, {"token": response.context["token"]})
    assert not Person.objects.exists()


def test_it_writes_nothing_when_a_row_fails_while_writing(login, monkeypatch):
    client = login("officer_a")
    sheet_file = template(client)
    response = preview(client, xlsx_from_template(sheet_file.content, sheet_file.good_rows()))
    register = services.people_register
    calls = []

    def register_then_fail(**kwargs):
        # As if another officer registered one of the ID numbers between the check and the write: the rows
        # are written (in bulk, issue 10), then the failure comes.
        calls.append(register(**kwargs))
        raise ValidationError("taken meanwhile")

    monkeypatch.setattr(services, "people_register", register_then_fail)

    page = confirm(client, response)

    assert page.status_code == 200 and "taken meanwhile" in page.context["preview"].file_error
    assert len(calls[0]) == 2  # both rows were written, then rolled back
    assert not Person.objects.exists()
    assert not Posting.objects.exists()


def test_the_new_rows_shared_fields_leave_the_forms_and_updated_rows_as_they_were(login):
    """The new rows of a file share their form fields (issue 10: built once per file, not per row); an updated
    row, whose ID number becomes optional on its own form, and the web forms keep their own fields."""
    from lawyers.forms import PersonCreateForm
    from lawyers.importers import PersonImportForm

    client = login("officer_a")
    sheet_file = template(client)
    confirm(client, preview(client, xlsx_from_template(sheet_file.content, sheet_file.good_rows()[:1])))
    updated, new = sheet_file.good_rows()
    updated[COLUMN["phone"]] = "13900000009"
    blank_id = new[:]
    blank_id[COLUMN["id_number"]] = ""
    blank_id[COLUMN["name"]] = "王五"
    response = preview(client, xlsx_from_template(sheet_file.content, [updated, new, blank_id]))

    errors = row_errors(response)
    assert errors[2] == "" and errors[3] == ""
    assert sheet_file.label("id_number") in errors[4]  # still required on a new row after an updated one
    assert response.context["preview"].updated_count == 1
    assert PersonImportForm.base_fields["id_number"].required
    assert PersonCreateForm.base_fields["legal_work_years"].required
    assert PersonCreateForm.base_fields["sex"].help_text == Person._meta.get_field("sex").help_text
